package io.codarestore.ui.common;

import io.codarestore.restore.RestoreTarget;

/** The wizard's words for a core {@link RestoreTarget}: what the summary and status lines say. */
public final class TargetWords {
  private TargetWords() {}

  /** In words, for the summary. */
  public static String describe(RestoreTarget t) {
    if (t instanceof RestoreTarget.Directory d) {
      return d.paths().isEmpty()
          ? "the whole tree into the directory " + d.dir()
          : String.join(", ", d.paths()) + " into the directory " + d.dir();
    }
    if (t instanceof RestoreTarget.DumpFile f) {
      return "a full dump file " + f.file();
    }
    if (t instanceof RestoreTarget.TarFile f) {
      return (f.paths().isEmpty() ? "" : String.join(", ", f.paths()) + " as ")
          + "a tar file "
          + f.file();
    }
    if (t instanceof RestoreTarget.Volutil v) {
      return (v.readWrite() ? "a read-write volume" : "a read-only volume")
          + (v.name() == null ? "" : " " + v.name())
          + " on partition "
          + v.partition()
          + (v.server() == null ? "" : " of " + v.server());
    }
    RestoreTarget.Replica r = (RestoreTarget.Replica) t;
    return "the new volume "
        + r.newVolume()
        + (r.replicaOf() == null ? "" : " (rebuilding " + r.replicaOf() + ")")
        + ", filled through the Coda client at "
        + r.mount();
  }
}
