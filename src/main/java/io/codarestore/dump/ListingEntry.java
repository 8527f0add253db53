package io.codarestore.dump;

/**
 * One line of a dump listing: a name of the tree, or a vnode record of an incremental.
 *
 * @param path relative to the volume root ("." is the root); null when an incremental does not show
 *     it (a directory on the way was not re-dumped)
 * @param name the last component of the path; for an incremental the name its parent directory
 *     gives it if that directory was re-dumped, else null
 * @param type "directory", "file" or "symlink"
 * @param mode the 12 permission bits
 * @param size bytes (directories: pages * 2048; symlinks: length of the target)
 * @param mtime Unix seconds
 * @param owner uid
 * @param fid "vnode.uniquifier"
 * @param parent the parent directory's fid as the vnode record says
 * @param target symlinks: the target; else null
 * @param hardLinkTo a further name of a file: the file's first name; else null
 */
public record ListingEntry(
    String path,
    String name,
    String type,
    int mode,
    long size,
    long mtime,
    long owner,
    String fid,
    String parent,
    String target,
    String hardLinkTo) {
  public static final String DIRECTORY = "directory";
  public static final String FILE = "file";
  public static final String SYMLINK = "symlink";

  static String typeOf(VnodeRecord r) {
    return switch (r.type()) {
      case VnodeType.DIRECTORY -> DIRECTORY;
      case VnodeType.SYMLINK -> SYMLINK;
      case VnodeType.FILE -> FILE;
      default -> "type " + r.type();
    };
  }

  static ListingEntry of(
      String path, String name, VnodeRecord r, long size, String target, String linkTo) {
    return new ListingEntry(
        path,
        name,
        typeOf(r),
        r.mode() & 07777,
        size,
        r.modifyTimeUnsigned(),
        DumpHeader.unsigned(r.owner()),
        r.fid(),
        Fid.text(r.parentVnode(), r.parentUniquifier()),
        target,
        linkTo);
  }

  /** The last component of a tree path ("." for the root). */
  static String lastComponent(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The mode as four octal digits, e.g. "0644". */
  public String modeOctal() {
    return String.format("%04o", mode);
  }
}
