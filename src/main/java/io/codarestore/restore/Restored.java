package io.codarestore.restore;

import java.nio.file.Path;
import java.util.List;

/**
 * What a restore produced, one variant per kind of target. {@link #describe()} is one line naming
 * no front's controls; a front may phrase the data its own way.
 */
public sealed interface Restored {
  /** One line naming no front's controls. */
  String describe();

  /** The merged full dump written to {@code file}. */
  record DumpFile(Path file, long bytes) implements Restored {
    @Override
    public String describe() {
      return "merged full dump " + file + " (" + bytes + " bytes)";
    }
  }

  /**
   * What an extraction wrote into a directory or tar file.
   *
   * @param orphans unreachable vnodes left out
   * @param namesChanged names made safe or skipped (each one is in the run log)
   */
  record TreeCounts(
      long directories,
      long files,
      long bytes,
      long symlinks,
      long hardLinks,
      long orphans,
      int namesChanged) {
    String describe(Path output) {
      StringBuilder b =
          new StringBuilder()
              .append(output)
              .append(": ")
              .append(directories)
              .append(" directories, ")
              .append(files)
              .append(" files (")
              .append(Bytes.human(bytes))
              .append("), ")
              .append(symlinks)
              .append(" symlinks, ")
              .append(hardLinks)
              .append(" hard links");
      if (orphans > 0) {
        b.append("; ").append(orphans).append(" unreachable vnodes left out");
      }
      if (namesChanged > 0) {
        b.append("; ").append(namesChanged).append(" names made safe or skipped (see the log)");
      }
      return b.toString();
    }
  }

  /** The volume's tree written into the new directory {@code dir}. */
  record Directory(Path dir, TreeCounts counts) implements Restored {
    @Override
    public String describe() {
      return counts.describe(dir);
    }
  }

  /** The volume's tree written as the tar file {@code file}. */
  record TarFile(Path file, TreeCounts counts) implements Restored {
    @Override
    public String describe() {
      return counts.describe(file);
    }
  }

  /**
   * A volume restored into a Coda server by {@code volutil restore -f}.
   *
   * @param server the server volutil was pointed at, or null for the local one
   * @param volumeId the id volutil reported for the new volume, or null when it said none
   * @param writable true for a promoted (type 4, non-replicated read-write) volume, false for a
   *     read-only one
   * @param keptDump the dump volutil read, kept at the user's request, or null (removed)
   */
  record ServerVolume(
      String server,
      String partition,
      String name,
      String volumeId,
      boolean writable,
      Path keptDump)
      implements Restored {
    @Override
    public String describe() {
      return "volume restored through volutil"
          + (volumeId == null ? "" : " as " + volumeId)
          + (keptDump != null ? "; the dump it read is kept at " + keptDump : "");
    }
  }

  /**
   * The copy-in route (a new volume filled through a Coda client) ran every step.
   *
   * @param steps the steps this run did, in order
   */
  record CopyInComplete(String newVolume, Path mount, List<String> steps) implements Restored {
    public CopyInComplete {
      steps = List.copyOf(steps);
    }

    @Override
    public String describe() {
      return "copy-in complete: "
          + newVolume
          + " mounted at "
          + mount
          + " holds the restored tree (steps "
          + steps
          + ")";
    }
  }

  /** The copy-in route stopped after {@code step}, as the user asked. */
  record CopyInStopped(String newVolume, String step, List<String> steps) implements Restored {
    public CopyInStopped {
      steps = List.copyOf(steps);
    }

    @Override
    public String describe() {
      return "copy-in: steps " + steps + " done; stopped after '" + step + "'";
    }
  }

  /**
   * The copy-in route waits at {@code step} for the admin to do {@code waitingFor} by hand.
   *
   * @param steps the steps this run did, the waiting one last, marked "(waiting)"
   */
  record CopyInPaused(String newVolume, String step, List<FollowUp> waitingFor, List<String> steps)
      implements Restored {
    public CopyInPaused {
      waitingFor = List.copyOf(waitingFor);
      steps = List.copyOf(steps);
    }

    @Override
    public String describe() {
      StringBuilder b = new StringBuilder();
      for (FollowUp f : waitingFor) {
        b.append(b.isEmpty() ? "" : " ").append(f.describe());
      }
      return "copy-in paused at step '" + step + "': " + b + " Steps done now: " + steps;
    }
  }
}
