package io.codarestore.dump;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The names of a merge's output, checked in the merge's one pass: every directory entry of the
 * output must resolve to a vnode of the output. A wrong base (an incremental applied to a full dump
 * of an earlier chain, or with a level skipped) shows as entries that point at vnodes neither dump
 * holds.
 *
 * <p>The inputs' scans hand over each directory's child fids as its pages are checked ({@link
 * #scanned}, from the base's read-ahead thread too); the writer takes them over when it writes that
 * directory ({@link #emitted}) and records every vnode it writes. Memory: two compact fid sets, the
 * vnodes written and the vnodes named (about 4 bytes per vnode each), where each written directory
 * was read (16 bytes per directory), and the child fids of directories scanned but not yet written.
 * Which names dangle, and their paths, are found only when some do ({@link LostNames}).
 */
final class MergedNames {
  private final Map<Long, long[]> pending = new ConcurrentHashMap<>();
  private final FidSet present = new FidSet();
  private final FidSet named = new FidSet();

  /** Per written directory: its fid key and where it was read (input and offset, packed). */
  private long[] places = new long[64];

  private int size;

  static long where(int input, long offset) {
    return (offset << 6) | input;
  }

  /** The child fids of a directory an input holds at {@code offset} (scan thread). */
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
      if (children != null) { // else its pages were not valid: the scan failed the merge already
        for (long c : children) {
          named.add(Fid.vnode(c) & 0xFFFFFFFFL, Fid.uniquifier(c));
        }
      }
      if (size + 2 > places.length) {
        places = Arrays.copyOf(places, places.length * 2);
      }
      places[size++] = Fid.key((int) vnode, uniq);
      places[size++] = where(input, offset);
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

  boolean isPresent(long fidKey) {
    return present.contains(Fid.vnode(fidKey) & 0xFFFFFFFFL, Fid.uniquifier(fidKey));
  }

  /** Whether some name of the output points at a vnode the output does not hold. */
  boolean anyDangling() {
    boolean[] any = {false};
    named.forEach(
        k -> {
          if (!any[0] && !isPresent(k)) {
            any[0] = true;
          }
        });
    return any[0];
  }

  /** Visits each written directory: its fid key and where it was read (see {@link #where}). */
  void forEachDirectory(PlaceVisitor v) {
    for (int i = 0; i < size; i += 2) {
      v.visit(places[i], places[i + 1]);
    }
  }

  @FunctionalInterface
  interface PlaceVisitor {
    void visit(long directory, long where);
  }

  /**
   * A set of fids: per vnode class, the uniquifier by slot in an array while slots are dense (as in
   * every real volume); anything else (a second uniquifier for a slot, uniquifier 0, a slot far
   * beyond the count, as a damaged dump may name) in an open-addressing table of fid keys.
   */
  static final class FidSet {
    private final int[][] dense = {new int[256], new int[256]};
    private long[] table = new long[16]; // fid keys; 0 = free (fid 0.0 is kept apart)
    private int used;
    private boolean zero;
    private long count;

    boolean contains(long vnode, int uniq) {
      if (vnode > 0 && uniq != 0) {
        int[] d = dense[VnodeClass.of(vnode).ordinal()];
        long slot = VnodeClass.slot(vnode);
        if (slot < d.length && d[(int) slot] == uniq) {
          return true;
        }
      }
      long key = Fid.key((int) vnode, uniq);
      return key == 0 ? zero : find(key) >= 0;
    }

    /** Adds a fid; false if it was there. */
    boolean add(long vnode, int uniq) {
      if (contains(vnode, uniq)) {
        return false;
      }
      count++;
      if (vnode > 0 && uniq != 0 && denseSlot(vnode, uniq)) {
        return true;
      }
      long key = Fid.key((int) vnode, uniq);
      if (key == 0) {
        zero = true;
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
      insert(key);
      return true;
    }

    /** Puts the fid in its class's array if its slot is free and not absurdly far; else false. */
    private boolean denseSlot(long vnode, int uniq) {
      int c = VnodeClass.of(vnode).ordinal();
      long slot = VnodeClass.slot(vnode);
      long limit = 2 * count + 65536;
      int[] d = dense[c];
      if (slot >= d.length && slot < limit) {
        long grown = Math.max(slot + 1, Math.min(d.length + (d.length >> 1), limit));
        d = dense[c] = Arrays.copyOf(d, (int) grown);
      }
      if (slot < d.length && d[(int) slot] == 0) {
        d[(int) slot] = uniq;
        return true;
      }
      return false;
    }

    /** Visits every fid key of the set. */
    void forEach(LongConsumer visitor) {
      for (VnodeClass cls : VnodeClass.values()) {
        int[] d = dense[cls.ordinal()];
        for (int slot = 0; slot < d.length; slot++) {
          if (d[slot] != 0) {
            visitor.accept(Fid.key((int) cls.vnodeNumber(slot), d[slot]));
          }
        }
      }
      for (long k : table) {
        if (k != 0) {
          visitor.accept(k);
        }
      }
      if (zero) {
        visitor.accept(0);
      }
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
