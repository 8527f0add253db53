package io.codarestore.dump;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of a merge's output, checked in the merge's one pass: every directory entry of the
 * output must resolve to a vnode of the output. A wrong base (an incremental applied to a full dump
 * of an earlier chain, or with a level skipped) shows as entries that point at vnodes neither dump
 * holds.
 *
 * <p>The inputs' scans hand over each directory's entries as its pages are checked ({@link
 * #scanned}, from the base's read-ahead thread too); the writer takes them over when it writes that
 * directory ({@link #emitted}) and records every vnode it writes. Memory: the vnodes written in a
 * compact set (4 bytes per vnode number), the written directories' entries (8 bytes each), and the
 * entries of directories scanned but not yet written.
 */
final class MergedNames {
  /** A directory entry that resolves to nothing: the directory, where it was read, the child. */
  record Dangling(long directory, int input, long offset, long child) {}

  private final Map<Long, long[]> pending = new ConcurrentHashMap<>();
  private final FidSet present = new FidSet();

  /** Per written directory: its fid key, its input and offset (packed), n, then n child keys. */
  private long[] written = new long[1024];

  private int size;

  private static long where(int input, long offset) {
    return (offset << 6) | input;
  }

  /** The entries of a directory an input holds at {@code offset} (scan thread). */
  void scanned(int input, long offset, byte[] validPages) {
    try {
      pending.put(where(input, offset), DirectoryPages.childKeys(validPages));
    } catch (DirectoryPages.DirectoryFormatException e) {
      throw new IllegalStateException("validated pages", e);
    }
  }

  /**
   * A vnode written to the output, read from {@code input} at {@code offset}; false if the output
   * holds it already (the input holds it twice).
   */
  boolean emitted(VnodeClass cls, long vnode, int uniq, int input, long offset) {
    if (!present.add(vnode, uniq)) {
      return false;
    }
    if (cls == VnodeClass.LARGE) {
      long[] children = pending.remove(where(input, offset));
      if (children == null) {
        children = new long[0]; // pages not valid: the scan has failed the merge already
      }
      ensure(3 + children.length);
      written[size++] = Fid.key((int) vnode, uniq);
      written[size++] = where(input, offset);
      written[size++] = children.length;
      System.arraycopy(children, 0, written, size, children.length);
      size += children.length;
    }
    return true;
  }

  /** The directory index is written: what was scanned and not written was replaced or removed. */
  void directoriesDone() {
    pending.clear();
  }

  boolean hasRoot() {
    return present.contains(1, 1);
  }

  /** Every entry of a written directory whose vnode the output does not hold. */
  List<Dangling> dangling() {
    List<Dangling> out = new ArrayList<>();
    for (int i = 0; i < size; ) {
      long dir = written[i];
      long at = written[i + 1];
      int n = (int) written[i + 2];
      for (int k = 0; k < n; k++) {
        long child = written[i + 3 + k];
        if (!present.contains(Fid.vnode(child), Fid.uniquifier(child))) {
          out.add(new Dangling(dir, (int) (at & 0x3F), at >>> 6, child));
        }
      }
      i += 3 + n;
    }
    return out;
  }

  /** Which written directory names each written directory (child key to parent key). */
  Map<Long, Long> directoryParents() {
    Map<Long, Long> parents = new HashMap<>();
    for (int i = 0; i < size; ) {
      int n = (int) written[i + 2];
      for (int k = 0; k < n; k++) {
        long child = written[i + 3 + k];
        if ((Fid.vnode(child) & 1) == 1 && present.contains(Fid.vnode(child), Fid.uniquifier(child))) {
          parents.putIfAbsent(child, written[i]);
        }
      }
      i += 3 + n;
    }
    return parents;
  }

  /** Where each written directory was read: fid key to {input, offset}. */
  Map<Long, long[]> directoryPlaces() {
    Map<Long, long[]> places = new HashMap<>();
    for (int i = 0; i < size; ) {
      long at = written[i + 1];
      places.put(written[i], new long[] {at & 0x3F, at >>> 6});
      i += 3 + (int) written[i + 2];
    }
    return places;
  }

  private void ensure(int more) {
    if (size + more > written.length) {
      written = Arrays.copyOf(written, Math.max(written.length * 2, size + more));
    }
  }

  /**
   * A set of fids: the uniquifier per vnode number in an array while numbers are dense (as in
   * every real volume), anything else (a second uniquifier for a number, uniquifier 0, a number far
   * beyond the count, as a damaged dump may name) in an open-addressing table.
   */
  static final class FidSet {
    private int[] dense = new int[1024];
    private long[] table = new long[16]; // fid key + 1... 0 = free; keys are never 0 (vnode > 0)
    private int used;
    private long count;

    boolean contains(long vnode, int uniq) {
      if (vnode < dense.length && uniq != 0 && dense[(int) vnode] == uniq) {
        return true;
      }
      return find(Fid.key((int) vnode, uniq)) >= 0;
    }

    /** Adds a fid; false if it was there. */
    boolean add(long vnode, int uniq) {
      if (contains(vnode, uniq)) {
        return false;
      }
      count++;
      if (vnode >= dense.length && vnode < 8 * count + 65536) {
        dense = Arrays.copyOf(dense, (int) Math.max(vnode + 1, Math.min(2L * dense.length, 8 * count + 65536)));
      }
      if (vnode < dense.length && uniq != 0 && dense[(int) vnode] == 0) {
        dense[(int) vnode] = uniq;
        return true;
      }
      if (2 * (used + 1) > table.length) {
        long[] old = table;
        table = new long[old.length * 2];
        used = 0;
        for (long k : old) {
          if (k != 0) {
            insert(k);
          }
        }
      }
      insert(Fid.key((int) vnode, uniq));
      return true;
    }

    private int find(long key) {
      int mask = table.length - 1;
      for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
        if (table[i] == 0) {
          return -1;
        }
        if (table[i] == key) {
          return i;
        }
      }
    }

    private void insert(long key) {
      int mask = table.length - 1;
      int i = mix(key) & mask;
      while (table[i] != 0) {
        i = (i + 1) & mask;
      }
      table[i] = key;
      used++;
    }

    private static int mix(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32));
    }
  }
}
