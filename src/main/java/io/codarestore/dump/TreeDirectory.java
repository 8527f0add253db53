package io.codarestore.dump;

/**
 * A directory of a dump's tree.
 *
 * @param path relative to the volume root, "." for the root; for an orphan directory, relative to
 *     the orphans' top, starting with its fid (e.g. {@code 7.36/sub})
 * @param record the directory's vnode record (mode, owner, mtime, ACL)
 * @param orphan true when no directory of the volume's tree reaches it
 */
public record TreeDirectory(String path, VnodeRecord record, boolean orphan) {
  public static final String ROOT = ".";

  /** The path of a child of this directory. */
  public String child(String name) {
    return ROOT.equals(path) ? name : path + "/" + name;
  }

  public boolean isRoot() {
    return ROOT.equals(path);
  }
}
