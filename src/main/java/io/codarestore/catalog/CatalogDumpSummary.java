package io.codarestore.catalog;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.core.Datestamp;
import java.util.Map;

/**
 * The little the planner needs to know about every dump of a volume: identity, status, whether it
 * is left on the holding disk (and found readable there), and the tapes its parts are on ({@code
 * LABEL@datestamp,...}, see the schema). Read from one covering index, so a plan over years of
 * history stays fast; the chain's own links are then loaded in full ({@link Catalog#dump(long)}).
 */
public record CatalogDumpSummary(
    long id,
    Datestamp datestamp,
    int level,
    DumpStatus status,
    boolean onHoldingDisk,
    boolean holdingReadable,
    String tapes) {

  /** A dump whose log has it on tape (or a holding-disk dump not found readable). */
  public CatalogDumpSummary(
      long id,
      Datestamp datestamp,
      int level,
      DumpStatus status,
      boolean onHoldingDisk,
      String tapes) {
    this(id, datestamp, level, status, onHoldingDisk, false, tapes);
  }

  /**
   * True if the whole dump can be read: a good dump, either left on the holding disk and found
   * complete there at the last import, or on tape with every tape still carrying the datestamp it
   * had when the parts were written. Agrees with {@link CatalogDump#availability()}.
   *
   * @param tapelist label to current datestamp (tapes never written are left out)
   */
  public boolean readable(Map<String, Datestamp> tapelist) {
    if (!status.isGood()) {
      return false;
    }
    if (onHoldingDisk) {
      return holdingReadable;
    }
    if (tapes.isEmpty()) {
      return false;
    }
    int start = 0;
    while (start < tapes.length()) {
      int comma = tapes.indexOf(',', start);
      int end = comma < 0 ? tapes.length() : comma;
      int at = tapes.lastIndexOf('@', end - 1);
      if (at < start) {
        return false;
      }
      Datestamp now = tapelist.get(tapes.substring(start, at));
      String current = now == null ? null : now.digits();
      if (current == null
          || !tapes.regionMatches(at + 1, current, 0, end - at - 1)
          || current.length() != end - at - 1) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  /** The {@code tapes} value for the given parts (used when storing and for in-memory dumps). */
  public static String tapesOf(Iterable<? extends TapeRef> goodParts) {
    StringBuilder sb = new StringBuilder();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (TapeRef p : goodParts) {
      String t = p.label() + "@" + p.tapeDatestamp();
      if (seen.add(t)) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(t);
      }
    }
    return sb.toString();
  }

  /** Something written to a tape in a run: its label and the tape's datestamp then. */
  public interface TapeRef {
    String label();

    Datestamp tapeDatestamp();
  }
}
