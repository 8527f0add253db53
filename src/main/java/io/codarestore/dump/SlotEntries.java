package io.codarestore.dump;

import java.util.Arrays;

/**
 * Index entries of a merge in parallel arrays (about 29 bytes each): a chunk of the base's records
 * read ahead ({@link ReadAhead}), or the increments' entries ({@link IncrementChanges}), which read
 * the arrays directly. Slot, input byte (see {@link SlotTable#CANONICAL}), where the record lies
 * and its uniquifier.
 */
final class SlotEntries implements SlotSink {
  int size;
  int[] slot = new int[256];
  byte[] input = new byte[256];
  long[] offset = new long[256];
  long[] end = new long[256];
  int[] uniq = new int[256];

  /** The first slot after the chunk; Long.MAX_VALUE for the last. */
  long hi;

  @Override
  public void add(int s, byte in, long off, long e, int u) {
    if (size == slot.length) {
      int c = size * 2;
      slot = Arrays.copyOf(slot, c);
      input = Arrays.copyOf(input, c);
      offset = Arrays.copyOf(offset, c);
      end = Arrays.copyOf(end, c);
      uniq = Arrays.copyOf(uniq, c);
    }
    slot[size] = s;
    input[size] = in;
    offset[size] = off;
    end[size] = e;
    uniq[size] = u;
    size++;
  }

  void addTo(SlotSink t) {
    for (int i = 0; i < size; i++) {
      t.add(slot[i], input[i], offset[i], end[i], uniq[i]);
    }
  }
}
