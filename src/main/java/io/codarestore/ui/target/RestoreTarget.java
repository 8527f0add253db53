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

  /** The tree written to a tar file. */
  record TarFile(Path file) implements RestoreTarget {
    @Override
    public String describe() {
      return "a tar file " + file;
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
   * The documented route to a new replica: restore the volume, create the replicated volume, copy
   * the tree into it through the Coda client and re-apply the ACLs. The wizard prints the steps.
   */
  record Replica(Volume restore, String replicatedName, Path mount, String cfsCommand)
      implements RestoreTarget {
    @Override
    public String describe() {
      return "the seed of the replicated volume " + replicatedName + " (guided steps)";
    }
  }
}
