package io.codarestore.ui.target;

import java.nio.file.Path;
import java.util.List;

/** Where the restored volume goes, as chosen on the Target page. */
public sealed interface RestoreTarget {
  /** In words, for the summary. */
  String describe();

  /**
   * The tree written to a new directory.
   *
   * @param paths empty for the whole tree, else the files or subtrees to restore
   */
  record Directory(Path dir, List<String> paths) implements RestoreTarget {
    public Directory {
      paths = List.copyOf(paths);
    }

    @Override
    public String describe() {
      return paths.isEmpty()
          ? "the whole tree into the directory " + dir
          : String.join(", ", paths) + " into the directory " + dir;
    }
  }

  /** The merged full dump written to a file. */
  record DumpFile(Path file) implements RestoreTarget {
    @Override
    public String describe() {
      return "a full dump file " + file;
    }
  }

  /**
   * The tree written to a tar file.
   *
   * @param paths empty for the whole tree, else the files or subtrees to restore
   */
  record TarFile(Path file, List<String> paths) implements RestoreTarget {
    public TarFile {
      paths = List.copyOf(paths);
    }

    @Override
    public String describe() {
      return (paths.isEmpty() ? "" : String.join(", ", paths) + " as ") + "a tar file " + file;
    }
  }

  /**
   * A volume restored on a Coda server with {@code volutil restore}.
   *
   * @param readWrite rewrite the dump to a non-replicated read-write volume (needs the volume id)
   * @param volumeId hex as volutil prints it, or blank
   */
  record Volume(
      String command,
      String server,
      String partition,
      String name,
      String volumeId,
      boolean readWrite)
      implements RestoreTarget {
    @Override
    public String describe() {
      return (readWrite ? "a read-write volume" : "a read-only volume")
          + (name == null || name.isBlank() ? "" : " " + name)
          + " on partition "
          + partition
          + (server == null || server.isBlank() ? "" : " of " + server);
    }
  }

  /**
   * The documented route to a new replicated volume: restore the volume read-only, create the
   * replicated volume, mount it, copy the tree into it through the Coda client, re-apply the ACLs,
   * verify the copy.
   *
   * @param restore the read-only restore made first
   * @param replicaOf the replicated volume being rebuilt
   * @param newVolume the name of the new replicated volume
   * @param servers the {@code server/partition} arguments of createvol_rep
   * @param createvolCommand createvol_rep run from here, or null to print it for the SCM and pause
   * @param cfsCommand the cfs command of this Coda client
   * @param mount where the new volume is (or will be) mounted
   * @param untilStep stop after this step (restore, createvol, mount, copy, acls, verify), or null
   */
  record Replica(
      Volume restore,
      String replicaOf,
      String newVolume,
      List<String> servers,
      String createvolCommand,
      String cfsCommand,
      Path mount,
      String untilStep)
      implements RestoreTarget {
    public Replica {
      servers = List.copyOf(servers);
    }

    @Override
    public String describe() {
      return "the new replicated volume "
          + newVolume
          + " (rebuilding "
          + replicaOf
          + ", mounted at "
          + mount
          + ")";
    }
  }
}
