package io.codarestore.catalog;

import io.codarestore.dump.VnodeType;

/**
 * One name of a volume's tree as the file index knows it.
 *
 * @param path relative to the volume root, {@code .} for the root
 * @param type Coda's vnode type: 1 file, 2 directory, 3 symlink
 * @param size bytes (directories: pages * 2048); -1 when only Amanda's path index is known
 * @param mtime Unix seconds; -1 when unknown
 * @param mode the 12 permission bits; -1 when unknown
 * @param vnode vnode number (unsigned); -1 when unknown
 * @param uniquifier (unsigned); -1 when unknown
 * @param dataVersion the vnode's data version; -1 when unknown
 * @param owner the owner's uid; -1 when unknown
 * @param target a symbolic link's target; null for other types or when unknown
 */
public record IndexedEntry(
    String path,
    int type,
    long size,
    long mtime,
    int mode,
    long vnode,
    long uniquifier,
    long dataVersion,
    int owner,
    String target) {

  /** An entry whose owner and link target are not known. */
  public IndexedEntry(
      String path,
      int type,
      long size,
      long mtime,
      int mode,
      long vnode,
      long uniquifier,
      long dataVersion) {
    this(path, type, size, mtime, mode, vnode, uniquifier, dataVersion, -1, null);
  }

  /** An entry known only by its path (Amanda's index). */
  public static IndexedEntry pathOnly(String path, boolean directory) {
    return new IndexedEntry(
        path, directory ? VnodeType.DIRECTORY : VnodeType.FILE, -1, -1, -1, -1, -1, -1);
  }

  /** {@code file}, {@code directory} or {@code symlink}, as {@code ls --json} says. */
  public String typeName() {
    return switch (type) {
      case VnodeType.DIRECTORY -> "directory";
      case VnodeType.SYMLINK -> "symlink";
      case VnodeType.FILE -> "file";
      default -> "type " + type;
    };
  }

  public boolean isDirectory() {
    return type == VnodeType.DIRECTORY;
  }

  /** The mode as four octal digits ("0644"), or null when unknown. */
  public String modeOctal() {
    return mode < 0 ? null : String.format("%04o", mode);
  }

  /** The last component of the path ({@code .} for the root). */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Same vnode, data version, type and metadata (the path aside): the same version. */
  public boolean sameContent(IndexedEntry o) {
    return type == o.type
        && size == o.size
        && mtime == o.mtime
        && mode == o.mode
        && vnode == o.vnode
        && uniquifier == o.uniquifier
        && dataVersion == o.dataVersion
        && owner == o.owner
        && java.util.Objects.equals(target, o.target);
  }
}
