package io.codarestore.dump;

/** A vnode's identity inside a volume (number and uniquifier) packed into one long. */
public final class Fid {
  private Fid() {}

  public static long key(int vnode, int uniquifier) {
    return ((long) vnode << 32) | (uniquifier & 0xFFFFFFFFL);
  }

  public static int vnode(long key) {
    return (int) (key >>> 32);
  }

  public static int uniquifier(long key) {
    return (int) key;
  }

  public static String text(int vnode, int uniquifier) {
    return DumpHeader.unsigned(vnode) + "." + DumpHeader.unsigned(uniquifier);
  }

  public static String text(long key) {
    return text(vnode(key), uniquifier(key));
  }
}
