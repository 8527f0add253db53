package io.codarestore.restore;

import java.nio.file.Path;

/**
 * How a front names its own controls in the core's messages: the command line names its options
 * ({@code --accept-unchecked}, {@code --force}), the wizard its checkboxes and fields. The core's
 * messages carry no option names of their own; {@link #NEUTRAL} names none at all.
 */
public interface Phrases {
  /** How to go on past a link the headers cannot check, e.g. "accept the risk to go on". */
  String acceptUnchecked();

  /** What to do when a target exists already, e.g. "choose another name". */
  String replaceExisting();

  /** The file asked for to keep the merged dump in, as the user asked for it. */
  String keepMergedFile();

  /** Refusal of a kept merged dump beside a dump-file target (the same file twice). */
  String keepMergedIsTarget();

  /** Asking to keep the merged dump, as the user asks for it. */
  String keepMerged();

  /** The route that needs no volutil restore, as the user chooses it. */
  String copyInRoute();

  /** The volume id the user gives, as the user gives it. */
  String volumeId();

  /** A catalog that does not say where its media are, and how to say it. */
  String noMedia(Path catalog);

  /** Messages that name no front's controls. */
  Phrases NEUTRAL =
      new Phrases() {
        @Override
        public String acceptUnchecked() {
          return "accept the risk to go on";
        }

        @Override
        public String replaceExisting() {
          return "choose another name";
        }

        @Override
        public String keepMergedFile() {
          return "file to keep the merged dump in";
        }

        @Override
        public String keepMergedIsTarget() {
          return "keeping the merged dump and a dump-file target are the same thing; give one";
        }

        @Override
        public String keepMerged() {
          return "keep the merged dump";
        }

        @Override
        public String copyInRoute() {
          return "the copy-in route (a new volume, filled through a Coda client)";
        }

        @Override
        public String volumeId() {
          return "the volume id";
        }

        @Override
        public String noMedia(Path catalog) {
          return catalog
              + " says neither where the vtapes are nor which Amanda configuration to ask;"
              + " import it again from the Amanda configuration";
        }
      };
}
