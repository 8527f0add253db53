package io.codarestore.ui.target;

import io.codarestore.restore.RestoreTarget;
import io.codarestore.restore.TargetRules;
import io.codarestore.restore.VolutilRestore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The Target page's state and rules without a window: what the user has filled in ({@link Fields}),
 * the first problem in words (the core's {@link TargetRules}, so the command line and the wizard
 * say the same), and the core's {@link RestoreTarget} once there is none. The page only copies its
 * controls into {@link Fields} and shows what this class answers.
 */
public final class TargetViewModel {
  /** The kinds of target, in the order shown. */
  public enum Kind {
    DIRECTORY,
    TAR,
    DUMP,
    VOLUME_RO,
    VOLUME_RW,
    REPLICA,
    COPY_IN
  }

  /** The copy-in (and replica) route's steps, for "stop after" (the restore job's names). */
  public static final List<String> REPLICA_STEPS =
      List.of("createvol", "mount", "copy", "acls", "verify");

  /** "Stop after" choice meaning no stop. */
  public static final String EVERY_STEP = "every step";

  /**
   * What the page holds, as typed.
   *
   * @param paths the listed paths (used when {@code onlyPaths})
   * @param treePaths every path of the volume's tree, or null when it is not known
   * @param replicaServers the servers as typed, separated by spaces or commas
   * @param until a step of {@link #REPLICA_STEPS}, or {@link #EVERY_STEP}
   */
  public record Fields(
      Kind kind,
      Path dir,
      boolean onlyPaths,
      List<String> paths,
      Set<String> treePaths,
      Path tar,
      Path dump,
      String volutil,
      String server,
      String partition,
      String volName,
      String volId,
      String replicaOf,
      String replicaName,
      String replicaServers,
      boolean createvolHere,
      String createvol,
      String cfs,
      Path mount,
      String until) {}

  private TargetViewModel() {}

  /** The first problem of the fields, in words naming the field; null when there is none. */
  public static String problem(Fields f) {
    if (f.kind() == null) {
      return "Choose where the volume goes.";
    }
    switch (f.kind()) {
      case DIRECTORY:
        return output(f, TargetRules.newOutput(f.dir(), "directory"));
      case TAR:
        return output(f, TargetRules.newOutput(f.tar(), "tar file"));
      case DUMP:
        return TargetRules.newOutput(f.dump(), "dump file");
      case REPLICA:
      case COPY_IN:
        return replicaProblem(f, f.kind() == Kind.REPLICA);
      default:
        return TargetRules.volume(
            f.volutil(),
            f.server(),
            f.partition(),
            f.volName(),
            f.volId(),
            f.kind() == Kind.VOLUME_RW);
    }
  }

  private static String output(Fields f, String problem) {
    return problem != null || !f.onlyPaths()
        ? problem
        : TargetRules.volumePaths(f.paths(), f.treePaths());
  }

  private static String replicaProblem(Fields f, boolean rebuild) {
    String of = strip(f.replicaOf());
    String name = strip(f.replicaName());
    String p = TargetRules.replica(rebuild, of, name, servers(f.replicaServers()));
    if (p == null) {
      p = TargetRules.mountPoint(f.mount());
    }
    if (p == null && f.createvolHere()) {
      p = TargetRules.command("createvol_rep", f.createvol());
    }
    return p != null ? p : TargetRules.command("cfs command", f.cfs());
  }

  /** The core's target for the fields; call only when {@link #problem} is null. */
  public static RestoreTarget target(Fields f) {
    List<String> chosen = f.onlyPaths() ? List.copyOf(f.paths()) : List.of();
    switch (f.kind()) {
      case DIRECTORY:
        return new RestoreTarget.Directory(f.dir(), chosen, false);
      case TAR:
        return new RestoreTarget.TarFile(f.tar(), chosen, false);
      case DUMP:
        return new RestoreTarget.DumpFile(f.dump(), false);
      case REPLICA:
      case COPY_IN:
        return new RestoreTarget.Replica(
            f.kind() == Kind.COPY_IN ? null : strip(f.replicaOf()),
            strip(f.replicaName()),
            servers(f.replicaServers()),
            f.createvolHere() ? strip(f.createvol()) : null,
            strip(f.cfs()),
            f.mount(),
            EVERY_STEP.equals(f.until()) ? null : f.until());
      default:
        String id = blank(f.volId());
        return new RestoreTarget.Volutil(
            strip(f.volutil()),
            blank(f.server()),
            strip(f.partition()),
            blank(f.volName()),
            id == null ? null : VolutilRestore.parseVolumeId(id),
            f.kind() == Kind.VOLUME_RW);
    }
  }

  /** The {@code server/partition} arguments as typed, separated by spaces or commas. */
  public static List<String> servers(String typed) {
    return Arrays.stream(strip(typed).split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static final String STOCK_CLIENT_NOTE =
      "The stock Coda 8 volutil client cannot send dumps over ~500 KB (512000 bytes): it needs a"
          + " client built with the SFTP quota fix, or use the copy-in route.";

  /** What this kind of target is, shown above its fields. */
  public static String note(Kind k) {
    return switch (k) {
      case DIRECTORY ->
          "The files are written with their modes and times; the directories' ACLs go to"
              + " .coda-acls.json at the top.";
      case TAR -> "A tar file of the tree, for copying elsewhere.";
      case DUMP -> "The chain merged into one full dump, for volutil restore -f on a server later.";
      case VOLUME_RO ->
          "A read-only volume on the server, as the dump holds it, through volutil restore -f;"
              + " bldvldb.sh and cfs mkmount make it visible to clients. "
              + STOCK_CLIENT_NOTE;
      case VOLUME_RW ->
          "A writable non-replicated volume: the dump's volume type is rewritten to 4 and its"
              + " parent id to the id given, on the same pass as the merge. Warning: a stock"
              + " Coda 8 server crashes at the first backup of such a volume after a restart"
              + " (vol-clone.cc:467); the copy-in route (a new volume, filled through a Coda"
              + " client) has no such problem. "
              + STOCK_CLIENT_NOTE;
      case REPLICA ->
          "No bits make a restored dump a replica: the route creates the new replicated"
              + " volume, mounts it, extracts the tree into it through this Coda client, sets"
              + " every directory's ACL and verifies the copy; no volutil restore. Steps already"
              + " done are skipped when the same restore runs again.";
      case COPY_IN ->
          "A new volume, filled through a Coda client: createvol_rep creates it (here, or"
              + " printed for the SCM), cfs mkmount mounts it, the tree is extracted into it, cfs"
              + " setacl gives every directory its ACL and the copy is verified against the dump."
              + " It needs no volutil restore, so neither the stock client's ~500 KB limit nor"
              + " the read-write backup crash applies.";
    };
  }

  /**
   * The safe default for a directory target: a new folder under {@code home} named {@code base}
   * ({@code /} made {@code _}), then {@code base-2}, {@code base-3} … if taken.
   */
  public static Path newFolder(Path home, String base) {
    String name = base.replace('/', '_');
    Path p = home.resolve(name);
    for (int n = 2; java.nio.file.Files.exists(p); n++) {
      p = home.resolve(name + "-" + n);
    }
    return p;
  }
}
