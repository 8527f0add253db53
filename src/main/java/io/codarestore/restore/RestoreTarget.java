package io.codarestore.restore;

import java.nio.file.Path;
import java.util.List;

/** Where a restore goes. */
public sealed interface RestoreTarget {
  /** The file tree (or chosen paths) into a new directory, ACLs in a sidecar. */
  record Directory(Path dir, List<String> paths, boolean force) implements RestoreTarget {
    public Directory {
      paths = List.copyOf(paths);
    }
  }

  /** The merged full dump as a file. */
  record DumpFile(Path file, boolean force) implements RestoreTarget {}

  /** The file tree (or chosen paths) as a tar file. */
  record TarFile(Path file, List<String> paths, boolean force) implements RestoreTarget {
    public TarFile {
      paths = List.copyOf(paths);
    }
  }

  /**
   * A volume on a Coda server through {@code volutil restore}: read-only as the dump says, or
   * read-write (non-replicated, type 4) under {@code volumeId}.
   */
  record Volutil(
      String command,
      String server,
      String partition,
      String name,
      Integer volumeId,
      boolean readWrite)
      implements RestoreTarget {}

  /**
   * The documented route back to a replicated volume: restore, {@code createvol_rep} a new
   * replicated volume, mount it, copy the tree in through the Coda client, re-apply ACLs, verify.
   *
   * @param replicaOf the replicated volume being rebuilt (for the runbook and names)
   * @param newVolume the name of the new replicated volume
   * @param replicaServers {@code server/partition} arguments of createvol_rep
   * @param createvolCommand the createvol_rep command, or null when it must run on the SCM by hand
   * @param cfsCommand the cfs command of the local Coda client
   * @param mount where the new volume is (or will be) mounted
   * @param restore the read-only (or read-write) restore made first
   * @param untilStep stop after this step (null: run to the end); a re-run resumes
   */
  record Replica(
      String replicaOf,
      String newVolume,
      List<String> replicaServers,
      String createvolCommand,
      String cfsCommand,
      Path mount,
      Volutil restore,
      String untilStep)
      implements RestoreTarget {
    public Replica {
      replicaServers = List.copyOf(replicaServers);
    }
  }
}
