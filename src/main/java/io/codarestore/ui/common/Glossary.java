package io.codarestore.ui.common;

/**
 * The Coda and Amanda words the pages use, each with a line that explains it: the Help menu's
 * glossary, and the tooltips of the labels that use them.
 */
public final class Glossary {
  /** Each term the pages use without explaining it, with a line that does. */
  public static final String[][] TERMS = {
    {
      "Level",
      "0 is a full dump of the volume; 1, 2 … hold what changed since the last dump of a"
          + " lower level. A restore reads a full dump and the increments on top of it."
    },
    {
      "Restore point",
      "a dump whose chain down to a full dump can be read: the volume can be"
          + " brought back to the moment it was taken."
    },
    {
      "Uniquifier",
      "a counter Coda gives every file version; an increment names the latest one of"
          + " the dump it was taken against, which proves which dump it belongs on."
    },
    {
      "SCM",
      "the System Control Machine: the Coda server that holds the volume database;"
          + " createvol_rep and bldvldb.sh run there."
    },
    {
      "createvol_rep",
      "the Coda command that creates a new replicated volume on the given" + " servers."
    },
    {
      "bldvldb.sh",
      "rebuilds the volume location database on the SCM so that clients find a"
          + " restored volume."
    },
    {
      "Promoted (type 4)",
      "a restored volume made writable: its type is set to 4 (read-write,"
          + " not replicated) and it gets a volume id of its own."
    },
    {
      "volutil",
      "the Coda server's volume tool; `volutil restore` loads a dump into a server"
          + " partition such as /vicepa."
    },
    {
      "Vtape",
      "a directory standing for one of Amanda's tapes (slot1, slot2, …); a tape that is"
          + " overwritten loses the dumps it held."
    },
  };

  private Glossary() {}

  /** "Term: explanation", or the term alone when it is not in the glossary. */
  public static String line(String term) {
    for (String[] t : TERMS) {
      if (t[0].equalsIgnoreCase(term)) {
        return t[0] + ": " + t[1];
      }
    }
    return term;
  }
}
