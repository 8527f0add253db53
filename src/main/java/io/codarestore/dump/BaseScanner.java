package io.codarestore.dump;

import io.codarestore.core.Cancellation;

/**
 * Reads the base's records of one index, a chunk of whole slots at a time: a chunk ends before the
 * first record, after {@code chunk} records, whose slot is above every slot in it, and covers the
 * slots from the end of the previous chunk up to that slot.
 */
final class BaseScanner implements ReadAhead.ChunkReader {
  private final Cancellation cancel;
  private final MergeInput base;
  private final VnodeClass cls;
  private final long lists;
  private final int chunk;
  private final MergedNames names;
  private long lo;

  /** The record read last that begins the next chunk (at most one). */
  private final SlotEntries carry = new SlotEntries();

  BaseScanner(
      MergeInput base,
      VnodeClass cls,
      long lists,
      int chunk,
      MergedNames names,
      Cancellation cancel) {
    this.cancel = cancel;
    this.names = names;
    this.base = base;
    this.cls = cls;
    this.lists = lists;
    this.chunk = chunk;
  }

  /**
   * Adds the next chunk's records to {@code into}; returns the first slot after the chunk, or
   * Long.MAX_VALUE for the last chunk.
   */
  @Override
  public long next(SlotSink into) {
    int n = carry.size;
    int max = n == 0 ? -1 : carry.slot[0];
    carry.addTo(into);
    carry.size = 0;
    IndexEntry e;
    while ((e = base.reader.nextEntry()) != null) {
      cancel.check();
      byte[] pages = base.checks.check(e, base.reader);
      if (pages != null) {
        names.scanned(base.index, e.offset(), pages);
      }
      if (!(e instanceof IndexEntry.Vnode v)) {
        continue;
      }
      int slot = SlotTable.checkedSlot(base, e.offset(), v.record().vnode(), cls, lists);
      if (slot < lo) {
        throw new SlotOrderException(base.name, e.offset());
      }
      byte input = base.inputByte();
      long end = SlotTable.recordEnd(v);
      int uniq = v.record().uniquifier();
      if (n >= chunk && slot > max) {
        carry.add(slot, input, e.offset(), end, uniq);
        lo = slot;
        return slot;
      }
      into.add(slot, input, e.offset(), end, uniq);
      max = Math.max(max, slot);
      n++;
    }
    base.checks.endIndex(base.reader.offset());
    return Long.MAX_VALUE;
  }
}
