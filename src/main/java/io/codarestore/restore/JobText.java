package io.codarestore.restore;

import io.codarestore.plan.RestorePlan;
import java.nio.file.Path;

/** What a restore job says about its target and its plan, in the run log and its refusals. */
final class JobText {
  private JobText() {}

  /** The directory or file a target writes on this machine, or null. */
  static Path outputPath(RestoreRequest req) {
    return outputPath(req.target());
  }

  /** The directory or file a target writes on this machine, or null. */
  static Path outputPath(RestoreTarget t) {
    if (t instanceof RestoreTarget.Directory d) {
      return d.dir();
    }
    if (t instanceof RestoreTarget.DumpFile f) {
      return f.file();
    }
    if (t instanceof RestoreTarget.TarFile f) {
      return f.file();
    }
    return null;
  }

  static String describe(RestoreTarget t) {
    if (t instanceof RestoreTarget.Directory d) {
      return "directory "
          + d.dir()
          + (d.paths().isEmpty() ? "" : " (paths " + String.join(", ", d.paths()) + ")");
    }
    if (t instanceof RestoreTarget.DumpFile f) {
      return "dump file " + f.file();
    }
    if (t instanceof RestoreTarget.TarFile f) {
      return "tar file " + f.file();
    }
    if (t instanceof RestoreTarget.Volutil v) {
      return (v.readWrite() ? "read-write" : "read-only")
          + " volume on "
          + (v.server() == null ? "the local server" : v.server())
          + " "
          + v.partition();
    }
    RestoreTarget.Replica r = (RestoreTarget.Replica) t;
    return "new volume "
        + r.newVolume()
        + (r.replicaOf() == null ? "" : " (replacing " + r.replicaOf() + ")")
        + " filled through the Coda client at "
        + r.mount();
  }

  static String notRestorable(RestorePlan plan) {
    StringBuilder b = new StringBuilder();
    b.append(plan.host())
        .append(':')
        .append(plan.volume())
        .append(" cannot be restored as of ")
        .append(plan.target().text());
    if (plan.gap() != null) {
      b.append(": ").append(plan.gap().reason());
    }
    if (plan.nearestBefore() != null) {
      b.append("; nearest restorable point before: ").append(plan.nearestBefore().datestamp());
    }
    if (plan.nearestAfter() != null) {
      b.append("; nearest after: ").append(plan.nearestAfter().datestamp());
    }
    return b.toString();
  }
}
