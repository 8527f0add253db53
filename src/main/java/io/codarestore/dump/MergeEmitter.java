package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the entries of an index in order. Runs of entries that lie one after the other in the same
 * input, each canonical, are exactly that input's bytes: merging into a file, a run long enough is
 * copied in one piece (most of a full dump is such runs); everything else is read again and written
 * record by record.
 */
final class MergeEmitter implements SlotTable.EntryConsumer {
  private final VnodeClass cls;
  private final DumpWriter w;
  private final List<MergeInput> inputs;
  private final MergeCopier copier;
  private final Cancellation cancel;
  private final MergedNames names;
  private long[] run = new long[64]; // offsets of the entries of the current run
  private int runLength;
  private int runInput;
  private long runEnd;
  long written;

  MergeEmitter(
      VnodeClass cls,
      DumpWriter w,
      List<MergeInput> inputs,
      MergeCopier copier,
      Cancellation cancel,
      MergedNames names) {
    this.names = names;
    this.cls = cls;
    this.w = w;
    this.inputs = inputs;
    this.copier = copier;
    this.cancel = cancel;
  }

  @Override
  public void entry(int slot, byte input, long offset, long end, int uniq) {
    cancel.check();
    if (!names.emitted(cls, cls.vnodeNumber(slot), uniq, input & SlotTable.INPUT, offset)) {
      throw new DumpFormatException(
          inputs.get(input & SlotTable.INPUT).name,
          offset,
          "vnode " + Fid.text((int) cls.vnodeNumber(slot), uniq) + " appears twice");
    }
    if (copier.copiesRuns() && (input & SlotTable.CANONICAL) != 0) {
      if (runLength > 0 && (runInput != input || runEnd != offset)) {
        flush();
      }
      if (runLength == run.length) {
        run = Arrays.copyOf(run, runLength * 2);
      }
      runInput = input;
      run[runLength++] = offset;
      runEnd = end;
      return;
    }
    flush();
    writeEntry(inputs.get(input & SlotTable.INPUT), offset);
  }

  /** Writes what is left of the current run. */
  void finish() {
    flush();
  }

  private void flush() {
    if (runLength == 0) {
      return;
    }
    MergeInput in = inputs.get(runInput & SlotTable.INPUT);
    long from = run[0];
    if (runEnd - from >= ChainMerger.DIRECT_MIN) {
      copier.copyRun(in, from, runEnd, w);
      written += runLength;
    } else {
      for (int k = 0; k < runLength; k++) {
        writeEntry(in, run[k]);
      }
    }
    runLength = 0;
  }

  private void writeEntry(MergeInput in, long offset) {
    IndexEntry.Vnode v = in.meta.vnodeAt(offset, cls);
    w.writeVnode(v.record());
    switch (v.payload()) {
      case DIRECTORY_PAGES -> w.writeDirectoryPages(copier.pages(in, v));
      case FILE_DATA -> copier.copyFile(in, v, w, cancel);
      case BAD_INODE ->
          throw new DumpFormatException(
              in.name,
              v.offset(),
              "vnode "
                  + v.record().fid()
                  + " has no data (bad inode); Coda's merge cannot carry it either");
    }
    written++;
  }
}
