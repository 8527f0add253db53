package io.codarestore.dump;

/** Vnode types of the field {@code t} of a vnode record. */
public final class VnodeType {
  public static final int NULL = 0;
  public static final int FILE = 1;
  public static final int DIRECTORY = 2;
  public static final int SYMLINK = 3;

  private VnodeType() {}

  public static String name(int type) {
    return switch (type) {
      case FILE -> "file";
      case DIRECTORY -> "directory";
      case SYMLINK -> "symlink";
      default -> "type " + type;
    };
  }
}
