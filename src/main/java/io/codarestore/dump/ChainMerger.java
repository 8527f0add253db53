package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Merges a whole chain (a full dump, then incrementals of rising level) into one full dump in one
 * pass, with exactly the bytes Coda's {@code codamergedump} gives when applied pairwise (spec
 * section 8): per index, records are matched on vnode number AND uniquifier; a later record
 * replaces the earlier one in its place, a new one goes to the front of its slot list, a removal
 * deletes it; every pairwise step reverses each slot list once (it pushes what it reads onto the
 * front), which the one pass reproduces.
 *
 * <p>Each input is read once: the metadata of an index is scanned with the data skipped (a seek),
 * then the output index is written in slot order, copying each vnode's data from the input that
 * holds it. The vnode count precedes its records in the format, and Coda's output order within a
 * slot is the reverse of its input, so a strictly forward pass is impossible without holding data;
 * reading metadata ahead keeps memory proportional to the number of vnodes (about 20 bytes each:
 * where a record lies, not the record, which is read again when written), never to file sizes, and
 * writes the output strictly sequentially (it can go to a pipe, e.g. {@code volutil restore}'s
 * standard input).
 */
public final class ChainMerger {
  /**
   * Output buffer of a merge into a file, written out whole: the output is written in blocks of
   * this size at offsets that are multiples of it. Measured on Linux/ext4 (see the README's merge
   * benchmark): reading into a 128 KiB buffer and writing it out is as fast as the kernel's own
   * copy ({@code copy_file_range}, {@code sendfile}) of a whole file, and much faster than that
   * copy done run by run: a merge copies thousands of runs that start and end anywhere in a page,
   * and each such call costs the kernel tens of microseconds more than a page-aligned one. 256 KiB
   * and larger buffers were slower (the two copies no longer stay in the processor's cache).
   */
  private static final int SINK_BUFFER = 128 << 10;

  /**
   * Merging into a file, file data and runs of unchanged records at least this long are read
   * straight from the input file into the output buffer; shorter ones go through the re-reading
   * {@link DumpReader}, which usually holds them already (no system call of their own).
   */
  private static final long DIRECT_MIN = 64 << 10;

  private final ProgressListener progress;
  private final Cancellation cancel;

  public ChainMerger(ProgressListener progress, Cancellation cancel) {
    this.progress = progress;
    this.cancel = cancel;
  }

  /** What a merge produced. */
  public record Result(
      DumpHeader header, long bytesWritten, long directories, long files, List<String> warnings) {
    public Result {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Merges into a new file: written to a temporary file beside it and moved into place only when
   * complete. Refuses an existing {@code out} unless {@code replace}.
   */
  public Result mergeToFile(List<Path> chain, Path out, boolean replace) {
    Path target = out.toAbsolutePath();
    if (!replace && Files.exists(target)) {
      throw new UserFacingException(out + " exists; it is not overwritten (choose another name)");
    }
    Path dir = target.getParent();
    Path tmp;
    try {
      tmp = OutputPlace.createTempBeside(target, ".part");
    } catch (IOException e) {
      throw new UserFacingException("cannot create a file in " + dir + ": " + e.getMessage(), e);
    }
    boolean done = false;
    try {
      Result r;
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ChannelSink sink = new ChannelSink(ch);
        r = merge(chain, sink, UnaryOperator.identity(), sink);
        sink.flush();
      } catch (IOException e) {
        throw new UserFacingException("cannot write " + out + ": " + e.getMessage(), e);
      } catch (DumpReadException e) {
        throw new UserFacingException(e.getMessage(), e);
      } catch (UncheckedIOException e) {
        throw new UserFacingException("cannot write " + out + ": " + e.getCause().getMessage(), e);
      }
      try {
        if (replace) {
          Files.move(
              tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
          publishWithoutReplacing(tmp, target);
        }
      } catch (FileAlreadyExistsException e) {
        throw new UserFacingException(out + " appeared while merging; it is not overwritten", e);
      } catch (IOException e) {
        throw new UserFacingException(
            "cannot move the merged dump to " + out + ": " + e.getMessage(), e);
      }
      done = true;
      return r;
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary name starts with a dot and ends in .part
        }
      }
    }
  }

  /** Links the finished file under its name (fails if taken), falling back to a move. */
  private static void publishWithoutReplacing(Path tmp, Path target) throws IOException {
    try {
      Files.createLink(target, tmp);
      Files.delete(tmp);
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
      if (e instanceof FileAlreadyExistsException) {
        throw (FileAlreadyExistsException) e;
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Merges the chain (base first) and writes the full dump to {@code out}. */
  public Result merge(List<Path> chain, OutputStream out) {
    return merge(chain, out, UnaryOperator.identity());
  }

  /**
   * Merges the chain and writes the full dump to {@code out}, with the volume data passed through
   * {@code volumeChange} on the way (e.g. {@link ReadWritePromotion}).
   */
  public Result merge(
      List<Path> chain, OutputStream out, UnaryOperator<VolumeDiskData> volumeChange) {
    return merge(chain, out, volumeChange, null);
  }

  /**
   * The merge; {@code sink} is {@code out} itself when the output is a file: large file data then
   * goes from the inputs into it inside the kernel.
   */
  private Result merge(
      List<Path> chain,
      OutputStream out,
      UnaryOperator<VolumeDiskData> volumeChange,
      ChannelSink sink) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    List<Input> inputs = new ArrayList<>();
    try {
      for (Path p : chain) {
        inputs.add(Input.open(p, inputs.size()));
      }
      return mergeOpen(inputs, out, volumeChange, sink);
    } catch (IOException e) {
      throw new UserFacingException("cannot read " + e.getMessage(), e);
    } finally {
      for (Input in : inputs) {
        in.closeQuietly();
      }
    }
  }

  private Result mergeOpen(
      List<Input> inputs,
      OutputStream os,
      UnaryOperator<VolumeDiskData> volumeChange,
      ChannelSink sink) {
    List<ChainCheck.Link> links = new ArrayList<>();
    for (Input in : inputs) {
      links.add(new ChainCheck.Link(in.name, in.reader.header()));
    }
    List<String> warnings = new ArrayList<>();
    Consumer<String> warn =
        w -> {
          warnings.add(w);
          progress.warning(w);
        };
    ChainCheck.check(links).forEach(warn);
    Input base = inputs.get(0);
    Input last = inputs.get(inputs.size() - 1);
    DumpHeader bh = base.reader.header();
    DumpHeader lh = last.reader.header();
    DumpHeader header =
        new DumpHeader(
            bh.volumeId(),
            bh.parentId(),
            bh.name(),
            lh.backupDate(),
            bh.level(),
            bh.oldest(),
            lh.latest());
    VolumeDiskData volume = volumeChange.apply(last.reader.volumeData());
    for (Input in : inputs) {
      in.reader.volumeData();
    }
    long total = 0;
    for (Input in : inputs) {
      total += in.reader.size();
    }
    String stage =
        "merge "
            + base.name
            + (inputs.size() > 1 ? " + " + (inputs.size() - 1) + " incremental(s)" : "");
    progress.stageStarted(stage, total);
    Copier copier = new Copier(stage, total, sink);
    DumpWriter w = new DumpWriter(os);
    w.writeHeader(header);
    w.writeVolumeData(volume);
    long[] counts = new long[2];
    List<List<String>> absent = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      absent.add(new ArrayList<>());
    }
    for (VnodeClass cls : VnodeClass.values()) {
      SlotTable table = scan(cls, inputs, absent);
      counts[cls.ordinal()] = table.write(w, inputs, copier, cancel);
    }
    for (int k = 0; k < inputs.size(); k++) {
      absentRemovals(inputs.get(k).name, absent.get(k)).ifPresent(warn);
    }
    for (Input in : inputs) {
      in.reader.readEnd();
    }
    w.writeEnd();
    try {
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.stageFinished(stage);
    return new Result(header, w.offset(), counts[0], counts[1], warnings);
  }

  /** At most this many vnodes are named in the warning about removals of absent vnodes. */
  private static final int NAMED_ABSENT = 10;

  /**
   * One warning for all the removals of an input that name vnodes its base does not hold (normal in
   * a 0, 1, 1' chain: the 1' removes what the 1 added), naming the first few.
   */
  static Optional<String> absentRemovals(String input, List<String> fids) {
    if (fids.isEmpty()) {
      return Optional.empty();
    }
    String reason = " (as in a 0, 1, 1' chain); ignored";
    if (fids.size() == 1) {
      return Optional.of(
          input + " removes vnode " + fids.get(0) + ", which its base does not hold" + reason);
    }
    String named = String.join(", ", fids.subList(0, Math.min(NAMED_ABSENT, fids.size())));
    String more =
        fids.size() > NAMED_ABSENT ? " and " + (fids.size() - NAMED_ABSENT) + " more" : "";
    return Optional.of(
        input
            + " removes "
            + fids.size()
            + " vnodes that its base does not hold"
            + reason
            + ": "
            + named
            + more);
  }

  /** Reads the metadata of one index of every input and applies the chain to it. */
  private SlotTable scan(VnodeClass cls, List<Input> inputs, List<List<String>> absent) {
    Input base = inputs.get(0);
    IndexHeader bi = base.reader.nextIndex();
    SlotTable table = new SlotTable(cls, bi.listCountUnsigned(), bi.vnodeCountUnsigned());
    IndexEntry e;
    while ((e = base.reader.nextEntry()) != null) {
      cancel.check();
      if (e instanceof IndexEntry.Vnode v) {
        table.pushFront(base, v);
      }
    }
    for (int k = 1; k < inputs.size(); k++) {
      Input incr = inputs.get(k);
      IndexHeader ii = incr.reader.nextIndex();
      if (ii.listCountUnsigned() < table.lists) {
        throw new ChainRefusedException(
            incr.name
                + " has "
                + ii.listCountUnsigned()
                + " "
                + cls.label()
                + " vnode lists, fewer than the "
                + table.lists
                + " of its base; it cannot belong to it");
      }
      if (k > 1) {
        table.reverseEverySlot();
      }
      table.grow(ii.listCountUnsigned());
      while ((e = incr.reader.nextEntry()) != null) {
        cancel.check();
        table.apply(incr, e, absent.get(k));
      }
    }
    return table;
  }

  /**
   * One input dump: a reader for the metadata scan, a second reader that re-reads a record when it
   * is written out (and streams its data when small: its buffer usually holds it already), and a
   * channel from which large data is copied by the kernel.
   */
  private static final class Input {
    final String name;
    final int index;
    final DumpReader reader;
    final DumpReader meta;
    final FileChannel data;

    private Input(String name, int index, DumpReader reader, DumpReader meta, FileChannel data) {
      this.name = name;
      this.index = index;
      this.reader = reader;
      this.meta = meta;
      this.data = data;
    }

    static Input open(Path p, int index) throws IOException {
      DumpReader r;
      try {
        r = DumpReader.open(p);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new UserFacingException(p + ": no such file", e);
      }
      DumpReader m = null;
      try {
        m = DumpReader.open(p);
        return new Input(p.toString(), index, r, m, FileChannel.open(p, StandardOpenOption.READ));
      } catch (IOException e) {
        r.close();
        if (m != null) {
          m.close();
        }
        throw e;
      }
    }

    void closeQuietly() {
      for (java.io.Closeable c : new java.io.Closeable[] {reader, meta, data}) {
        try {
          c.close();
        } catch (IOException ignored) {
          // read-only input
        }
      }
    }
  }

  /**
   * The slot lists of one index while the chain is applied. Memory is what matters here (a volume
   * can hold millions of vnodes): an entry is its input, the offset of its record there and its
   * uniquifier, in parallel arrays (17 bytes), chained per slot; the record itself is read again
   * when it is written out. Slots map to their first entry through an open-addressing table, so a
   * list count or vnode number from a damaged header never makes an array that large.
   */
  private static final class SlotTable {
    final VnodeClass cls;
    long lists;
    long count;

    // entry ids start at 1; 0 ends a list. input: index of the input, | CANONICAL when the record
    // there is what the writer would write (it can be copied verbatim); [offset, end): the record
    // and its data in that input
    private static final int CANONICAL = 0x80;
    private static final int INPUT = 0x7F;
    private int size;
    private byte[] input = new byte[64];
    private long[] offset = new long[64];
    private long[] end = new long[64];
    private int[] uniq = new int[64];
    private int[] next = new int[64];
    private final SlotHeads heads = new SlotHeads();

    SlotTable(VnodeClass cls, long lists, long count) {
      this.cls = cls;
      this.lists = lists;
      this.count = count;
    }

    void grow(long newLists) {
      lists = newLists;
    }

    void pushFront(Input in, IndexEntry.Vnode v) {
      int slot = checkedSlot(in, v, v.record().vnode());
      add(slot, in, v);
    }

    private void add(int slot, Input in, IndexEntry.Vnode v) {
      int id = ++size;
      if (id >= input.length) {
        int c = input.length + (input.length >> 1);
        input = Arrays.copyOf(input, c);
        offset = Arrays.copyOf(offset, c);
        end = Arrays.copyOf(end, c);
        uniq = Arrays.copyOf(uniq, c);
        next = Arrays.copyOf(next, c);
      }
      place(id, in, v);
      uniq[id] = v.record().uniquifier();
      next[id] = heads.get(slot);
      heads.put(slot, id, true);
    }

    /** Where the entry's record lies: the input the scan is reading, and its bytes there. */
    private void place(int id, Input in, IndexEntry.Vnode v) {
      input[id] = (byte) (in.index | (in.reader.lastVnodeCanonical() ? CANONICAL : 0));
      offset[id] = v.offset();
      long data =
          v.payload() == IndexEntry.Payload.DIRECTORY_PAGES
              ? (long) v.pages() * (Tags.DIR_PAGESIZE + 1)
              : v.payloadLength();
      end[id] = v.payloadOffset() + data;
    }

    /** The slot of a vnode number; refuses a number of the other class or beyond the lists. */
    int checkedSlot(Input in, IndexEntry e, int vnode) {
      long vn = DumpHeader.unsigned(vnode);
      if (vn == 0 || VnodeClass.of(vn) != cls || VnodeClass.slot(vn) >= lists) {
        throw new DumpFormatException(
            in.name,
            e.offset(),
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

    /**
     * Applies an entry of an increment; a removal of an absent vnode is added to {@code absent}.
     */
    void apply(Input in, IndexEntry e, List<String> absent) {
      if (e instanceof IndexEntry.NullVnode) {
        return;
      }
      int vnode;
      int u;
      if (e instanceof IndexEntry.RemovedVnode r) {
        vnode = r.vnode();
        u = r.uniquifier();
      } else {
        VnodeRecord rec = ((IndexEntry.Vnode) e).record();
        vnode = rec.vnode();
        u = rec.uniquifier();
      }
      int slot = checkedSlot(in, e, vnode);
      int prev = 0;
      int hit = heads.get(slot);
      while (hit != 0 && uniq[hit] != u) {
        prev = hit;
        hit = next[hit];
      }
      if (e instanceof IndexEntry.RemovedVnode r) {
        if (hit == 0) {
          absent.add(r.fid());
        } else {
          if (prev == 0) {
            heads.put(slot, next[hit], false);
          } else {
            next[prev] = next[hit];
          }
          count--;
        }
      } else if (hit != 0) {
        place(hit, in, (IndexEntry.Vnode) e);
      } else {
        add(slot, in, (IndexEntry.Vnode) e);
        count++;
      }
    }

    /**
     * Writes the index. Runs of entries that lie one after the other in the same input, each
     * canonical, are exactly that input's bytes: merging into a file, a run long enough is copied
     * by the kernel in one piece (most of a full dump is such runs); everything else is read again
     * and written record by record.
     */
    long write(DumpWriter w, List<Input> inputs, Copier copier, Cancellation cancel) {
      w.writeIndexHeader(new IndexHeader(cls, (int) count, (int) lists));
      long n = 0;
      int[] run = new int[64];
      int runLength = 0;
      for (int slot : heads.sortedSlots()) {
        for (int id = heads.get(slot); id != 0; id = next[id]) {
          cancel.check();
          if (copier.copiesRuns() && (input[id] & CANONICAL) != 0) {
            int last = runLength == 0 ? 0 : run[runLength - 1];
            if (runLength > 0 && (input[last] != input[id] || end[last] != offset[id])) {
              n += flush(run, runLength, w, inputs, copier, cancel);
              runLength = 0;
            }
            if (runLength == run.length) {
              run = Arrays.copyOf(run, runLength * 2);
            }
            run[runLength++] = id;
            continue;
          }
          n += flush(run, runLength, w, inputs, copier, cancel);
          runLength = 0;
          writeEntry(id, w, inputs, copier, cancel);
          n++;
        }
      }
      n += flush(run, runLength, w, inputs, copier, cancel);
      return n;
    }

    private int flush(
        int[] run,
        int length,
        DumpWriter w,
        List<Input> inputs,
        Copier copier,
        Cancellation cancel) {
      if (length == 0) {
        return 0;
      }
      long from = offset[run[0]];
      long to = end[run[length - 1]];
      if (to - from >= DIRECT_MIN) {
        copier.copyRun(inputs.get(input[run[0]] & INPUT), from, to, w);
      } else {
        for (int k = 0; k < length; k++) {
          writeEntry(run[k], w, inputs, copier, cancel);
        }
      }
      return length;
    }

    private void writeEntry(
        int id, DumpWriter w, List<Input> inputs, Copier copier, Cancellation cancel) {
      Input in = inputs.get(input[id] & INPUT);
      IndexEntry.Vnode v = in.meta.vnodeAt(offset[id], cls);
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
    }
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

  /**
   * Copies data out of the inputs, reporting progress. Small data is streamed through the input's
   * re-reading {@link DumpReader}: the output visits each input's records in (nearly) the order
   * they lie in the file, so that reader mostly reads on sequentially and holds the data already
   * when the record has been parsed. Merging into a file, large data is copied by the kernel.
   */
  private final class Copier {
    private final String stage;
    private final long total;
    private final ChannelSink sink;
    private long done;

    Copier(String stage, long total, ChannelSink sink) {
      this.stage = stage;
      this.total = total;
      this.sink = sink;
    }

    byte[] pages(Input in, IndexEntry.Vnode v) {
      byte[] pages = in.meta.directoryPages();
      advance(pages.length + v.pages());
      return pages;
    }

    void copyFile(Input in, IndexEntry.Vnode v, DumpWriter w, Cancellation cancel) {
      long length = v.payloadLength();
      w.beginFileData(length);
      try {
        if (sink != null && length >= DIRECT_MIN) {
          transfer(in, v.payloadOffset(), length, v, w);
        } else if (sink != null) {
          in.meta.copyPayload(new Progress(sink, cancel));
          w.dataWrittenDirectly(length);
        } else {
          in.meta.copyPayload(new Progress(new WriterData(w), cancel));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Whether runs of unchanged records can go to the output in one piece (a file output). */
    boolean copiesRuns() {
      return sink != null;
    }

    /** The bytes [from, to) of an input, whole records, read straight into the output buffer. */
    void copyRun(Input in, long from, long to, DumpWriter w) {
      try {
        long n = sink.copyFrom(in, from, to - from, this);
        if (n < to - from) {
          throw new DumpFormatException(
              in.name, from + n, "truncated dump: end of file in a record");
        }
        w.recordsWrittenDirectly(n);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Large data: read straight from the input file into the output buffer. */
    private void transfer(Input in, long pos, long length, IndexEntry.Vnode v, DumpWriter w)
        throws IOException {
      long n = sink.copyFrom(in, pos, length, this);
      if (n < length) {
        throw new DumpFormatException(
            in.name,
            pos + n,
            "truncated dump: end of file inside the data of vnode " + v.record().fid());
      }
      w.dataWrittenDirectly(length);
    }

    void cancelCheck() {
      cancel.check();
    }

    void advance(long n) {
      done += n;
      progress.progress(stage, done, total);
    }

    /** Passes data on, checking for cancellation and reporting progress at every piece. */
    private final class Progress extends OutputStream {
      private final OutputStream target;
      private final Cancellation cancel;

      Progress(OutputStream target, Cancellation cancel) {
        this.target = target;
        this.cancel = cancel;
      }

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        cancel.check();
        target.write(b, off, len);
        advance(len);
      }
    }
  }

  /** The writer's file data as an OutputStream. */
  private static final class WriterData extends OutputStream {
    private final DumpWriter w;

    WriterData(DumpWriter w) {
      this.w = w;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      w.writeData(b, off, len);
    }
  }

  /**
   * The output of a merge into a file: a direct buffer in front of the file channel, written out
   * only when full (so every write but the last is {@link #SINK_BUFFER} bytes long at a multiple of
   * it). Large pieces of the inputs are read into it straight from their files, with one copy in
   * and one copy out, as {@code cat} would do with a buffer; nothing goes through the heap.
   */
  private static final class ChannelSink extends OutputStream {
    final FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(SINK_BUFFER);

    ChannelSink(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      if (!buf.hasRemaining()) {
        drain();
      }
      buf.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (!buf.hasRemaining()) {
          drain();
        }
        int n = Math.min(len, buf.remaining());
        buf.put(b, off, n);
        off += n;
        len -= n;
      }
    }

    /**
     * Appends the bytes [pos, pos + length) of an input file, reading them into the buffer piece by
     * piece, checking for cancellation and reporting progress at each piece. Returns the bytes
     * appended: fewer than {@code length} if the file ends first.
     */
    long copyFrom(Input in, long pos, long length, Copier copier) throws IOException {
      long left = length;
      while (left > 0) {
        copier.cancelCheck();
        if (!buf.hasRemaining()) {
          drain();
        }
        int want = (int) Math.min(left, buf.remaining());
        int limit = buf.limit();
        buf.limit(buf.position() + want);
        int n;
        try {
          n = in.data.read(buf, pos);
        } catch (IOException e) {
          throw new DumpReadException(in.name, pos, e);
        } finally {
          buf.limit(limit);
        }
        if (n <= 0) {
          break;
        }
        pos += n;
        left -= n;
        copier.advance(n);
      }
      return length - left;
    }

    private void drain() throws IOException {
      buf.flip();
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      buf.clear();
    }

    @Override
    public void flush() throws IOException {
      drain();
    }
  }
}
