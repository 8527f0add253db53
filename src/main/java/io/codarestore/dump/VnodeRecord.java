package io.codarestore.dump;

/**
 * The metadata of one vnode record (spec 4.3), without its data.
 *
 * @param vnode vnode number (odd: directory, even: file or symlink)
 * @param uniquifier distinguishes vnodes that reuse a number
 * @param type {@link VnodeType}
 * @param mode 12 permission bits incl. setuid/setgid/sticky
 * @param linkCount hard links
 * @param length bytes of data (directories: pages * 2048), unsigned 32-bit
 * @param dataVersion data version
 * @param versionVector the vnode's version vector
 * @param modifyTime Unix mtime (unsigned seconds)
 * @param author uid of the last writer
 * @param owner uid of the owner
 * @param parentVnode parent directory vnode
 * @param parentUniquifier parent directory uniquifier
 * @param acl directories: the external ACL text (ISO-8859-1 chars = bytes); null otherwise
 */
public record VnodeRecord(
    int vnode,
    int uniquifier,
    int type,
    int mode,
    int linkCount,
    long length,
    int dataVersion,
    VersionVector versionVector,
    int modifyTime,
    int author,
    int owner,
    int parentVnode,
    int parentUniquifier,
    String acl) {

  public boolean isDirectory() {
    return type == VnodeType.DIRECTORY;
  }

  public long vnodeUnsigned() {
    return DumpHeader.unsigned(vnode);
  }

  public long uniquifierUnsigned() {
    return DumpHeader.unsigned(uniquifier);
  }

  /** "vnode.uniquifier" as Coda writes a fid within a volume. */
  public String fid() {
    return vnodeUnsigned() + "." + uniquifierUnsigned();
  }

  public long modifyTimeUnsigned() {
    return DumpHeader.unsigned(modifyTime);
  }
}
