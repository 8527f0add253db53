package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import java.util.Arrays;
import java.util.List;

/**
 * The increments' entries of one index, read ahead: per increment, in slot order (entries of the
 * same slot in file order), to be applied to each chunk of the base in turn. About 30 bytes per
 * entry.
 */
final class IncrementChanges {
  /** The list count of the merged index (the last increment's). */
  final long lists;

  private final VnodeClass cls;
  private final int[] starts; // entries of increment k: [starts[k], starts[k + 1])
  private final int[] cursor;
  private final int[] slot;
  private final byte[] input; // input byte; REMOVED for a removal
  private final long[] offset;
  private final long[] end;
  private final int[] uniq;

  static final byte REMOVED = -1;

  private IncrementChanges(VnodeClass cls, long lists, int[] starts, SlotEntries all) {
    this.cls = cls;
    this.lists = lists;
    this.starts = starts;
    this.cursor = Arrays.copyOf(starts, starts.length);
    this.slot = all.slot;
    this.input = all.input;
    this.offset = all.offset;
    this.end = all.end;
    this.uniq = all.uniq;
  }

  /** Reads the index of every increment, after the base's index header. */
  static IncrementChanges read(
      VnodeClass cls,
      List<MergeInput> inputs,
      long baseLists,
      MergedNames names,
      Cancellation cancel) {
    long lists = baseLists;
    SlotEntries all = new SlotEntries();
    int[] starts = new int[inputs.size() + 1];
    for (int k = 1; k < inputs.size(); k++) {
      MergeInput incr = inputs.get(k);
      IndexHeader ii = incr.reader.nextIndex();
      incr.checks.startIndex(ii);
      if (ii.listCountUnsigned() < lists) {
        throw new ChainRefusedException(
            incr.name
                + " has "
                + ii.listCountUnsigned()
                + " "
                + cls.label()
                + " vnode lists, fewer than the "
                + lists
                + " of its base; it cannot belong to it");
      }
      lists = ii.listCountUnsigned();
      starts[k] = all.size;
      boolean sorted = true;
      IndexEntry e;
      while ((e = incr.reader.nextEntry()) != null) {
        cancel.check();
        byte[] pages = incr.checks.check(e, incr.reader);
        if (pages != null) {
          names.scanned(k, e.offset(), pages);
        }
        if (e instanceof IndexEntry.RemovedVnode r) {
          int s = SlotTable.checkedSlot(incr, e.offset(), r.vnode(), cls, lists);
          all.add(s, REMOVED, e.offset(), e.offset(), r.uniquifier());
        } else if (e instanceof IndexEntry.Vnode v) {
          int s = SlotTable.checkedSlot(incr, e.offset(), v.record().vnode(), cls, lists);
          all.add(s, incr.inputByte(), e.offset(), SlotTable.recordEnd(v), v.record().uniquifier());
        } else {
          continue;
        }
        int i = all.size - 1;
        sorted &= i == starts[k] || all.slot[i - 1] <= all.slot[i];
      }
      incr.checks.endIndex(incr.reader.offset());
      if (!sorted) {
        sortBySlot(all, starts[k], all.size);
      }
      checkTwice(incr, cls, all, starts[k], all.size);
    }
    starts[inputs.size()] = all.size;
    return new IncrementChanges(cls, lists, starts, all);
  }

  /** Refuses a vnode that one increment holds twice (verify does), in its sorted entries. */
  private static void checkTwice(MergeInput in, VnodeClass cls, SlotEntries all, int from, int to) {
    int i = from;
    while (i < to) {
      int end = i;
      while (end < to && all.slot[end] == all.slot[i]) {
        end++;
      }
      if (end - i > 1) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int j = i; j < end; j++) {
          if (all.input[j] != REMOVED && !seen.add(all.uniq[j])) {
            throw new DumpFormatException(
                in.name,
                all.offset[j],
                "vnode "
                    + Fid.text((int) cls.vnodeNumber(all.slot[j]), all.uniq[j])
                    + " appears twice");
          }
        }
      }
      i = end;
    }
  }

  /** Sorts the entries [from, to) by slot, keeping the file order within a slot. */
  private static void sortBySlot(SlotEntries all, int from, int to) {
    long[] keys = new long[to - from];
    for (int i = from; i < to; i++) {
      keys[i - from] = ((long) all.slot[i] << 32) | (i - from);
    }
    Arrays.sort(keys);
    int[] s = new int[keys.length];
    byte[] in = new byte[keys.length];
    long[] off = new long[keys.length];
    long[] e = new long[keys.length];
    int[] u = new int[keys.length];
    for (int j = 0; j < keys.length; j++) {
      int i = from + (int) (keys[j] & 0xFFFFFFFFL);
      s[j] = all.slot[i];
      in[j] = all.input[i];
      off[j] = all.offset[i];
      e[j] = all.end[i];
      u[j] = all.uniq[i];
    }
    System.arraycopy(s, 0, all.slot, from, keys.length);
    System.arraycopy(in, 0, all.input, from, keys.length);
    System.arraycopy(off, 0, all.offset, from, keys.length);
    System.arraycopy(e, 0, all.end, from, keys.length);
    System.arraycopy(u, 0, all.uniq, from, keys.length);
  }

  /**
   * Applies, increment after increment, the entries of slots [lo, hi) to the table of those slots
   * (each increment's step reverses every slot list first, as pairwise merging does); removals of
   * vnodes the table does not hold are added to {@code absent}, per increment.
   */
  void applyTo(SlotTable t, long lo, long hi, List<List<String>> absent) {
    for (int k = 1; k + 1 < starts.length; k++) {
      if (k > 1) {
        t.reverseEverySlot();
      }
      int i = cursor[k];
      int stop = starts[k + 1];
      while (i < stop && slot[i] < hi) {
        if (slot[i] >= lo) {
          if (input[i] == REMOVED) {
            if (!t.remove(slot[i], uniq[i])) {
              // the vnode number follows from the slot (checkedSlot kept only this class's)
              long vnode = cls.vnodeNumber(slot[i]);
              absent.get(k).add(vnode + "." + DumpHeader.unsigned(uniq[i]));
            }
          } else {
            t.put(slot[i], input[i], offset[i], end[i], uniq[i]);
          }
        }
        i++;
      }
      cursor[k] = i;
    }
  }
}
