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
   * A new volume filled through a Coda client, the route that needs no {@code volutil restore}
   * (coda-rw-promotion.md section 3): {@code createvol_rep} a new volume, mount it with {@code cfs
   * mkmount}, extract the merged chain into the mount, give every directory its ACL with {@code cfs
   * setacl}, verify the copy against the dump. {@code --copy-in VOLUME} makes a new volume; {@code
   * --replica-of VOLUME} rebuilds a replicated volume the same way under a new name.
   *
   * @param replicaOf the replicated volume being rebuilt, or null for a plain copy-in
   * @param newVolume the name of the new volume
   * @param replicaServers {@code server/partition} arguments of createvol_rep
   * @param createvolCommand the createvol_rep command, or null when it must run on the SCM by hand
   * @param cfsCommand the cfs command of the local Coda client
   * @param mount where the new volume is (or will be) mounted
   * @param untilStep stop after this step (null: run to the end); a re-run resumes
   */
  record Replica(
      String replicaOf,
      String newVolume,
      List<String> replicaServers,
      String createvolCommand,
      String cfsCommand,
      Path mount,
      String untilStep)
      implements RestoreTarget {
    public Replica {
      replicaServers = List.copyOf(replicaServers);
    }
  }
}
