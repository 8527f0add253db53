package io.codarestore.dump;

/**
 * The two vnode indexes: large (directories, odd vnode numbers) and small (files and symlinks, even
 * numbers). {@code vnode = 2 * slot + class + 1}.
 */
public enum VnodeClass {
  LARGE(0, Tags.D_LARGEINDEX, "large (directory)"),
  SMALL(1, Tags.D_SMALLINDEX, "small (file)");

  private final int bit;
  private final int tag;
  private final String label;

  VnodeClass(int bit, int tag, String label) {
    this.bit = bit;
    this.tag = tag;
    this.label = label;
  }

  int tag() {
    return tag;
  }

  public String label() {
    return label;
  }

  /** The class a vnode number belongs to by its parity. */
  public static VnodeClass of(long vnode) {
    return ((vnode - 1) & 1) == 0 ? LARGE : SMALL;
  }

  /** The slot (vnode list index) of a vnode number. */
  public static long slot(long vnode) {
    return (vnode - 1) >> 1;
  }

  public long vnodeNumber(long slot) {
    return 2 * slot + bit + 1;
  }
}
