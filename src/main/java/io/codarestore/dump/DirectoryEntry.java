package io.codarestore.dump;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One name in a Coda directory: the raw name bytes and the fid it points to. */
public record DirectoryEntry(byte[] name, int vnode, int uniquifier) {
  public DirectoryEntry {
    name = name.clone();
  }

  @Override
  public byte[] name() {
    return name.clone();
  }

  /** The name as text: UTF-8 where valid (Coda stores bytes; clients write UTF-8). */
  public String displayName() {
    return new String(name, StandardCharsets.UTF_8);
  }

  /** The name as ls, extract and tar write it (see {@link SafeName}). */
  public String safeName() {
    return SafeName.of(name).name();
  }

  public boolean isDotOrDotDot() {
    return (name.length == 1 && name[0] == '.')
        || (name.length == 2 && name[0] == '.' && name[1] == '.');
  }

  /** The key used to find a vnode: number and uniquifier. */
  public long fidKey() {
    return Fid.key(vnode, uniquifier);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DirectoryEntry d
        && Arrays.equals(name, d.name)
        && vnode == d.vnode
        && uniquifier == d.uniquifier;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(name) * 31 + vnode * 7 + uniquifier;
  }

  @Override
  public String toString() {
    return displayName() + " -> " + Fid.text(vnode, uniquifier);
  }
}
