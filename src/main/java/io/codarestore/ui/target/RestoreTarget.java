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
   * A new volume filled through a Coda client, with no volutil restore: create the volume, mount
   * it, extract the tree into it, re-apply the ACLs, verify the copy. With {@code replicaOf} it
   * rebuilds that replicated volume under a new name (the documented route); without, it is the
   * copy-in route ("a new volume, filled through a Coda client").
   *
   * @param replicaOf the replicated volume being rebuilt, or null for a plain copy-in
   * @param newVolume the name of the new volume
   * @param servers the {@code server/partition} arguments of createvol_rep
   * @param createvolCommand createvol_rep run from here, or null to print it for the SCM and pause
   * @param cfsCommand the cfs command of this Coda client
   * @param mount where the new volume is (or will be) mounted
   * @param untilStep stop after this step (createvol, mount, copy, acls, verify), or null
   */
  record Replica(
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
      return "the new volume "
          + newVolume
          + (replicaOf == null ? "" : " (rebuilding " + replicaOf + ")")
          + ", filled through the Coda client at "
          + mount;
    }
  }
}
