package io.codarestore.dump;

import java.util.Arrays;

/**
 * The slot lists of a range of slots of one index while the chain is applied. Memory is what
 * matters here (a volume can hold millions of vnodes): an entry is its input, where its record lies
 * there and its uniquifier, in parallel arrays (21 bytes), chained per slot; the record itself is
 * read again when it is written out. Slots are counted from the first of the range and map to their
 * first entry through an open-addressing table, so a list count or vnode number from a damaged
 * header never makes an array that large.
 */
final class SlotTable implements SlotSink {
  // input: index of the input, | CANONICAL when the record there is what the writer would write
  // (it can be copied verbatim); [offset, end): the record and its data in that input. Entry ids
  // start at 1; 0 ends a list.
  static final int CANONICAL = 0x40;
  static final int INPUT = 0x3F;
  private final long lo;
  private int size;
  private byte[] input = new byte[64];
  private long[] offset = new long[64];
  private long[] end = new long[64];
  private int[] uniq = new int[64];
  private int[] next = new int[64];
  private final SlotHeads heads = new SlotHeads();

  /** Entries added minus entries removed by the increments. */
  long delta;

  SlotTable(long lo) {
    this.lo = lo;
  }

  /** A record of the base: to the front of its slot's list. */
  @Override
  public void add(int slot, byte in, long off, long e, int u) {
    int rel = (int) (slot - lo);
    int id = ++size;
    if (id >= input.length) {
      int c = input.length + (input.length >> 1);
      input = Arrays.copyOf(input, c);
      offset = Arrays.copyOf(offset, c);
      end = Arrays.copyOf(end, c);
      uniq = Arrays.copyOf(uniq, c);
      next = Arrays.copyOf(next, c);
    }
    input[id] = in;
    offset[id] = off;
    end[id] = e;
    uniq[id] = u;
    next[id] = heads.get(rel);
    heads.put(rel, id, true);
  }

  /** A record of an increment: replaces the entry with its uniquifier, or goes to the front. */
  void put(int slot, byte in, long off, long e, int u) {
    int hit = find(slot, u);
    if (hit != 0) {
      input[hit] = in;
      offset[hit] = off;
      end[hit] = e;
    } else {
      add(slot, in, off, e, u);
      delta++;
    }
  }

  /** A removal of an increment; false if the slot holds no such vnode. */
  boolean remove(int slot, int u) {
    int rel = (int) (slot - lo);
    int prev = 0;
    int hit = heads.get(rel);
    while (hit != 0 && uniq[hit] != u) {
      prev = hit;
      hit = next[hit];
    }
    if (hit == 0) {
      return false;
    }
    if (prev == 0) {
      heads.put(rel, next[hit], false);
    } else {
      next[prev] = next[hit];
    }
    delta--;
    return true;
  }

  private int find(int slot, int u) {
    int hit = heads.get((int) (slot - lo));
    while (hit != 0 && uniq[hit] != u) {
      hit = next[hit];
    }
    return hit;
  }

  void reverseEverySlot() {
    heads.forEach(
        (slot, first) -> {
          int prev = 0;
          int id = first;
          while (id != 0) {
            int after = next[id];
            next[id] = prev;
            prev = id;
            id = after;
          }
          heads.put(slot, prev, false);
        });
  }

  /** Receives the entries of the table in output order. */
  @FunctionalInterface
  interface EntryConsumer {
    void entry(int slot, byte input, long offset, long end, int uniq);
  }

  /** Hands every entry to {@code em}, slot by slot in ascending order, each list in order. */
  void emit(EntryConsumer em) {
    for (int slot : heads.sortedSlots()) {
      for (int id = heads.get(slot); id != 0; id = next[id]) {
        em.entry((int) (lo + slot), input[id], offset[id], end[id], uniq[id]);
      }
    }
  }

  /** The slot of a vnode number; refuses a number of the other class or beyond the lists. */
  static int checkedSlot(MergeInput in, long at, int vnode, VnodeClass cls, long lists) {
    long vn = DumpHeader.unsigned(vnode);
    if (vn == 0 || VnodeClass.of(vn) != cls || VnodeClass.slot(vn) >= lists) {
      throw new DumpFormatException(
          in.name,
          at,
          "vnode "
              + vn
              + " does not belong in the "
              + lists
              + " lists of the "
              + cls.label()
              + " index");
    }
    return (int) VnodeClass.slot(vn);
  }

  /** Where a vnode record lies: its first byte and the end of its data. */
  static long recordEnd(IndexEntry.Vnode v) {
    long data =
        v.payload() == IndexEntry.Payload.DIRECTORY_PAGES
            ? (long) v.pages() * (Tags.DIR_PAGESIZE + 1)
            : v.payloadLength();
    return v.payloadOffset() + data;
  }

  /**
   * Slot number to the id of its first entry. Slots of a real volume are dense (0 to about the
   * vnode count), so they are held in an array indexed by slot; but the array never grows beyond a
   * few times the number of entries, so a damaged or hostile dump naming a few huge slot numbers
   * cannot make it large: such slots go to an open-addressing table.
   */
  private static final class SlotHeads {
    private int[] dense = new int[1024];
    private int[] keys = new int[16]; // sparse slot + 1; 0 = free; every key >= dense.length
    private int[] values = new int[16];
    private int used;
    private int entries;

    int get(int slot) {
      if (slot < dense.length) {
        return dense[slot];
      }
      int mask = keys.length - 1;
      for (int i = mix(slot) & mask; ; i = (i + 1) & mask) {
        int k = keys[i];
        if (k == 0) {
          return 0;
        }
        if (k == slot + 1) {
          return values[i];
        }
      }
    }

    /** Sets the head of a slot; {@code newEntry} counts the entries the lists hold in all. */
    void put(int slot, int value, boolean newEntry) {
      if (newEntry) {
        entries++;
      }
      if (slot >= dense.length && slot < 4L * entries + 65536) {
        growDense(slot);
      }
      if (slot < dense.length) {
        dense[slot] = value;
        return;
      }
      if (2 * (used + 1) > keys.length) {
        rebuild(keys.length * 2);
      }
      insertSparse(slot, value);
    }

    private void insertSparse(int slot, int value) {
      int mask = keys.length - 1;
      for (int i = mix(slot) & mask; ; i = (i + 1) & mask) {
        int k = keys[i];
        if (k == 0) {
          keys[i] = slot + 1;
          values[i] = value;
          used++;
          return;
        }
        if (k == slot + 1) {
          values[i] = value;
          return;
        }
      }
    }

    private void growDense(int slot) {
      long want = Math.max((long) dense.length * 2, (long) slot + 1);
      int length = (int) Math.min(want, Math.max(slot + 1L, 4L * entries + 65536));
      dense = Arrays.copyOf(dense, length);
      if (used > 0) {
        rebuild(keys.length); // the sparse slots now below dense.length move into the array
      }
    }

    private void rebuild(int capacity) {
      int[] oldKeys = keys;
      int[] oldValues = values;
      keys = new int[capacity];
      values = new int[capacity];
      used = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != 0) {
          int slot = oldKeys[i] - 1;
          if (slot < dense.length) {
            dense[slot] = oldValues[i];
          } else {
            insertSparse(slot, oldValues[i]);
          }
        }
      }
    }

    /** Visits every non-empty list; the visitor may replace the head of the slot it visits. */
    void forEach(SlotVisitor visitor) {
      for (int slot = 0; slot < dense.length; slot++) {
        if (dense[slot] != 0) {
          visitor.visit(slot, dense[slot]);
        }
      }
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != 0 && values[i] != 0) {
          visitor.visit(keys[i] - 1, values[i]);
        }
      }
    }

    /** Every slot with a non-empty list, ascending. */
    int[] sortedSlots() {
      int n = 0;
      for (int v : dense) {
        if (v != 0) {
          n++;
        }
      }
      int[] sparse = new int[used];
      int m = 0;
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != 0 && values[i] != 0) {
          sparse[m++] = keys[i] - 1;
        }
      }
      Arrays.sort(sparse, 0, m);
      int[] slots = new int[n + m];
      int k = 0;
      for (int slot = 0; slot < dense.length; slot++) {
        if (dense[slot] != 0) {
          slots[k++] = slot;
        }
      }
      System.arraycopy(sparse, 0, slots, k, m);
      return slots;
    }

    private static int mix(int slot) {
      int h = slot * 0x9E3779B9;
      return h ^ (h >>> 16);
    }
  }

  /** Visits a slot and the first entry of its list. */
  @FunctionalInterface
  private interface SlotVisitor {
    void visit(int slot, int first);
  }
}
