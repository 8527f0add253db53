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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
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

  /**
   * Records of the base per chunk read ahead while merging into a file: small enough that the
   * writing starts a few milliseconds after the scan, large enough that chunks cost nothing.
   */
  static final int CHUNK = 2048;

  /** At most this many dumps in a chain (levels 0 to 9 make ten; the input index has 6 bits). */
  static final int MAX_INPUTS = SlotTable.INPUT + 1;

  private final ProgressListener progress;
  private final Cancellation cancel;
  private final int chunk;

  public ChainMerger(ProgressListener progress, Cancellation cancel) {
    this(progress, cancel, CHUNK);
  }

  /** With another chunk size (tests: chunk boundaries everywhere). */
  ChainMerger(ProgressListener progress, Cancellation cancel, int chunk) {
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk " + chunk);
    }
    this.progress = progress;
    this.cancel = cancel;
    this.chunk = chunk;
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
        try {
          r = merge(chain, sink, UnaryOperator.identity(), sink, true);
        } catch (SlotOrderException e) {
          // a base whose records are not in slot order (Coda writes them in order): start over,
          // reading each index of the base whole before writing it
          ch.truncate(0);
          sink = new ChannelSink(ch);
          r = merge(chain, sink, UnaryOperator.identity(), sink, false);
        }
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
    return merge(chain, out, volumeChange, null, false);
  }

  /**
   * The merge; {@code sink} is {@code out} itself when the output is a file: large pieces of the
   * inputs are then read straight into its buffer, and with {@code streamed} each index is written
   * while the base's part of it is still being read (see {@link #mergeIndex}). A streamed merge may
   * throw {@link SlotOrderException} (before any warning but the chain's own): the caller starts
   * over without {@code streamed}, and the chain's warnings are not reported again.
   */
  private Result merge(
      List<Path> chain,
      OutputStream out,
      UnaryOperator<VolumeDiskData> volumeChange,
      ChannelSink sink,
      boolean streamed) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    if (chain.size() > MAX_INPUTS) {
      throw new UserFacingException(
          "a chain of " + chain.size() + " dumps: at most " + MAX_INPUTS + " can be merged");
    }
    List<Input> inputs = new ArrayList<>();
    try {
      for (Path p : chain) {
        inputs.add(Input.open(p, inputs.size()));
      }
      return mergeOpen(inputs, out, volumeChange, sink, streamed);
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
      ChannelSink sink,
      boolean streamed) {
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
    for (String w : ChainCheck.check(links)) {
      if (streamed || sink == null) {
        warn.accept(w);
      } else {
        warnings.add(w); // a file merge without streaming is a second attempt: reported already
      }
    }
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
      counts[cls.ordinal()] = mergeIndex(cls, inputs, w, copier, absent, streamed ? sink : null);
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

  /**
   * Merges one index of the chain and returns the number of entries written. The increments'
   * entries of the index are read first (they are few); then the base's, which are most of the
   * metadata scan, in chunks of whole slots, each chunk merged and written before the next.
   *
   * <p>Into a file ({@code streamedInto} not null) a second thread reads the base's chunks while
   * this one writes: the copying starts before the base is scanned, and the index's vnode count,
   * known only at the end, is written last, in its place. This needs the base's records in slot
   * order (Coda writes them so); a base that is not is detected and the merge is done again the
   * other way ({@link SlotOrderException}). Into a stream the count must come first, so the whole
   * base is read before anything is written.
   */
  private long mergeIndex(
      VnodeClass cls,
      List<Input> inputs,
      DumpWriter w,
      Copier copier,
      List<List<String>> absent,
      ChannelSink streamedInto) {
    Input base = inputs.get(0);
    IndexHeader bi = base.reader.nextIndex();
    Changes changes = Changes.read(cls, inputs, bi.listCountUnsigned(), cancel);
    BaseScanner scanner =
        new BaseScanner(
            base, cls, bi.listCountUnsigned(), streamedInto == null ? Integer.MAX_VALUE : chunk);
    Emitter em = new Emitter(cls, w, inputs, copier, cancel);
    long count = bi.vnodeCountUnsigned();
    if (streamedInto == null) {
      SlotTable t = new SlotTable(0);
      scanner.next(t);
      changes.applyTo(t, 0, Long.MAX_VALUE, absent);
      w.writeIndexHeader(new IndexHeader(cls, (int) (count + t.delta), (int) changes.lists));
      t.emit(em);
      em.finish();
      return em.written;
    }
    long countAt = w.writeIndexHeader(new IndexHeader(cls, 0, (int) changes.lists));
    try (Prefetch chunks = new Prefetch(scanner, cancel)) {
      long lo = 0;
      while (true) {
        Entries c = chunks.take();
        SlotTable t = new SlotTable(lo);
        c.addTo(t);
        changes.applyTo(t, lo, c.hi, absent);
        count += t.delta;
        t.emit(em);
        if (c.hi == Long.MAX_VALUE) {
          break;
        }
        lo = c.hi;
      }
    }
    em.finish();
    try {
      streamedInto.patchInt(countAt, (int) count);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return em.written;
  }

  /** The base's records are not in slot order: a streamed merge cannot go on (it starts over). */
  private static final class SlotOrderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SlotOrderException(String input, long offset) {
      super(input + ": vnode record at offset " + offset + " is not in slot order");
    }
  }

  /** The slot of a vnode number; refuses a number of the other class or beyond the lists. */
  private static int checkedSlot(Input in, long at, int vnode, VnodeClass cls, long lists) {
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
  private static long recordEnd(IndexEntry.Vnode v) {
    long data =
        v.payload() == IndexEntry.Payload.DIRECTORY_PAGES
            ? (long) v.pages() * (Tags.DIR_PAGESIZE + 1)
            : v.payloadLength();
    return v.payloadOffset() + data;
  }

  /** The input byte of an entry: the input's index, flagged when its record is canonical. */
  private static byte inputByte(Input in) {
    return (byte) (in.index | (in.reader.lastVnodeCanonical() ? SlotTable.CANONICAL : 0));
  }

  /**
   * Reads the base's records of one index, a chunk of whole slots at a time: a chunk ends before
   * the first record, after {@code chunk} records, whose slot is above every slot in it, and covers
   * the slots from the end of the previous chunk up to that slot.
   */
  private final class BaseScanner {
    private final Input base;
    private final VnodeClass cls;
    private final long lists;
    private final int chunk;
    private long lo;

    /** The record read last that begins the next chunk (at most one). */
    private final Entries carry = new Entries();

    BaseScanner(Input base, VnodeClass cls, long lists, int chunk) {
      this.base = base;
      this.cls = cls;
      this.lists = lists;
      this.chunk = chunk;
    }

    /**
     * Adds the next chunk's records to {@code into}; returns the first slot after the chunk, or
     * Long.MAX_VALUE for the last chunk.
     */
    long next(SlotSink into) {
      int n = carry.size;
      int max = n == 0 ? -1 : carry.slot[0];
      carry.addTo(into);
      carry.size = 0;
      IndexEntry e;
      while ((e = base.reader.nextEntry()) != null) {
        cancel.check();
        if (!(e instanceof IndexEntry.Vnode v)) {
          continue;
        }
        int slot = checkedSlot(base, e.offset(), v.record().vnode(), cls, lists);
        if (slot < lo) {
          throw new SlotOrderException(base.name, e.offset());
        }
        byte input = inputByte(base);
        long end = recordEnd(v);
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
      return Long.MAX_VALUE;
    }
  }

  /** Receives the base's records of a chunk. */
  private interface SlotSink {
    void add(int slot, byte input, long offset, long end, int uniq);
  }

  /** A chunk of the base's records, read ahead by another thread. */
  private static final class Entries implements SlotSink {
    private int size;
    private int[] slot = new int[256];
    private byte[] input = new byte[256];
    private long[] offset = new long[256];
    private long[] end = new long[256];
    private int[] uniq = new int[256];

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

  /**
   * Runs a {@link BaseScanner} on its own thread, a few chunks ahead of the writer. Whatever the
   * scanner throws is thrown again by {@link #take}; closing stops the thread and waits for it.
   */
  private static final class Prefetch implements AutoCloseable {
    private static final Object DONE = new Object();
    private final ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
    private final Thread thread;
    private final Cancellation cancel;
    private volatile boolean stopped;

    Prefetch(BaseScanner scanner, Cancellation cancel) {
      this.cancel = cancel;
      thread =
          new Thread(
              () -> {
                try {
                  long hi;
                  do {
                    Entries c = new Entries();
                    hi = scanner.next(c);
                    c.hi = hi;
                    put(c);
                  } while (hi != Long.MAX_VALUE && !stopped);
                } catch (RuntimeException | Error e) {
                  put(e);
                }
              },
              "merge-scan");
      thread.setDaemon(true);
      thread.start();
    }

    private void put(Object o) {
      try {
        while (!stopped && !queue.offer(o, 20, TimeUnit.MILLISECONDS)) {
          // the writer has stopped taking (it failed or was cancelled): give up then
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    Entries take() {
      Object o;
      try {
        do {
          cancel.check();
          o = queue.poll(20, TimeUnit.MILLISECONDS);
        } while (o == null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Cancellation.CancelledException();
      }
      if (o instanceof RuntimeException r) {
        throw r;
      } else if (o instanceof Error r) {
        throw r;
      }
      return (Entries) o;
    }

    @Override
    public void close() {
      stopped = true;
      queue.clear();
      boolean interrupted = false;
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The increments' entries of one index, read ahead: per increment, in slot order (entries of the
   * same slot in file order), to be applied to each chunk of the base in turn. About 30 bytes per
   * entry.
   */
  private static final class Changes {
    /** The list count of the merged index (the last increment's). */
    final long lists;

    private final int[] starts; // entries of increment k: [starts[k], starts[k + 1])
    private final int[] cursor;
    private final int[] slot;
    private final byte[] input; // input byte; REMOVED for a removal
    private final long[] offset;
    private final long[] end;
    private final int[] vnode;
    private final int[] uniq;

    static final byte REMOVED = -1;

    private Changes(long lists, int[] starts, Entries all, int[] vnode) {
      this.lists = lists;
      this.starts = starts;
      this.cursor = Arrays.copyOf(starts, starts.length);
      this.slot = all.slot;
      this.input = all.input;
      this.offset = all.offset;
      this.end = all.end;
      this.vnode = vnode;
      this.uniq = all.uniq;
    }

    /** Reads the index of every increment, after the base's index header. */
    static Changes read(VnodeClass cls, List<Input> inputs, long baseLists, Cancellation cancel) {
      long lists = baseLists;
      Entries all = new Entries();
      int[] vnode = new int[256];
      int[] starts = new int[inputs.size() + 1];
      for (int k = 1; k < inputs.size(); k++) {
        Input incr = inputs.get(k);
        IndexHeader ii = incr.reader.nextIndex();
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
          int vn;
          if (e instanceof IndexEntry.RemovedVnode r) {
            vn = r.vnode();
            int s = checkedSlot(incr, e.offset(), vn, cls, lists);
            all.add(s, REMOVED, e.offset(), e.offset(), r.uniquifier());
          } else if (e instanceof IndexEntry.Vnode v) {
            vn = v.record().vnode();
            int s = checkedSlot(incr, e.offset(), vn, cls, lists);
            all.add(s, inputByte(incr), e.offset(), recordEnd(v), v.record().uniquifier());
          } else {
            continue;
          }
          if (vnode.length < all.slot.length) {
            vnode = Arrays.copyOf(vnode, all.slot.length);
          }
          vnode[all.size - 1] = vn;
          int i = all.size - 1;
          sorted &= i == starts[k] || all.slot[i - 1] <= all.slot[i];
        }
        if (!sorted) {
          sortBySlot(all, vnode, starts[k], all.size);
        }
      }
      starts[inputs.size()] = all.size;
      return new Changes(lists, starts, all, vnode);
    }

    /** Sorts the entries [from, to) by slot, keeping the file order within a slot. */
    private static void sortBySlot(Entries all, int[] vnode, int from, int to) {
      long[] keys = new long[to - from];
      for (int i = from; i < to; i++) {
        keys[i - from] = ((long) all.slot[i] << 32) | (i - from);
      }
      Arrays.sort(keys);
      int[] s = new int[keys.length];
      byte[] in = new byte[keys.length];
      long[] off = new long[keys.length];
      long[] e = new long[keys.length];
      int[] vn = new int[keys.length];
      int[] u = new int[keys.length];
      for (int j = 0; j < keys.length; j++) {
        int i = from + (int) (keys[j] & 0xFFFFFFFFL);
        s[j] = all.slot[i];
        in[j] = all.input[i];
        off[j] = all.offset[i];
        e[j] = all.end[i];
        vn[j] = vnode[i];
        u[j] = all.uniq[i];
      }
      System.arraycopy(s, 0, all.slot, from, keys.length);
      System.arraycopy(in, 0, all.input, from, keys.length);
      System.arraycopy(off, 0, all.offset, from, keys.length);
      System.arraycopy(e, 0, all.end, from, keys.length);
      System.arraycopy(vn, 0, vnode, from, keys.length);
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
                absent
                    .get(k)
                    .add(DumpHeader.unsigned(vnode[i]) + "." + DumpHeader.unsigned(uniq[i]));
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
   * The slot lists of a range of slots of one index while the chain is applied. Memory is what
   * matters here (a volume can hold millions of vnodes): an entry is its input, where its record
   * lies there and its uniquifier, in parallel arrays (21 bytes), chained per slot; the record
   * itself is read again when it is written out. Slots are counted from the first of the range and
   * map to their first entry through an open-addressing table, so a list count or vnode number from
   * a damaged header never makes an array that large.
   */
  private static final class SlotTable implements SlotSink {
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

    /** Hands every entry to the emitter, slot by slot in ascending order, each list in order. */
    void emit(Emitter em) {
      for (int slot : heads.sortedSlots()) {
        for (int id = heads.get(slot); id != 0; id = next[id]) {
          em.entry(input[id], offset[id], end[id]);
        }
      }
    }
  }

  /**
   * Writes the entries of an index in order. Runs of entries that lie one after the other in the
   * same input, each canonical, are exactly that input's bytes: merging into a file, a run long
   * enough is copied in one piece (most of a full dump is such runs); everything else is read again
   * and written record by record.
   */
  private static final class Emitter {
    private final VnodeClass cls;
    private final DumpWriter w;
    private final List<Input> inputs;
    private final Copier copier;
    private final Cancellation cancel;
    private long[] run = new long[64]; // offsets of the entries of the current run
    private int runLength;
    private int runInput;
    private long runEnd;
    long written;

    Emitter(VnodeClass cls, DumpWriter w, List<Input> inputs, Copier copier, Cancellation cancel) {
      this.cls = cls;
      this.w = w;
      this.inputs = inputs;
      this.copier = copier;
      this.cancel = cancel;
    }

    void entry(byte input, long offset, long end) {
      cancel.check();
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
      Input in = inputs.get(runInput & SlotTable.INPUT);
      long from = run[0];
      if (runEnd - from >= DIRECT_MIN) {
        copier.copyRun(in, from, runEnd, w);
        written += runLength;
      } else {
        for (int k = 0; k < runLength; k++) {
          writeEntry(in, run[k]);
        }
      }
      runLength = 0;
    }

    private void writeEntry(Input in, long offset) {
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
  static final class ChannelSink extends OutputStream {
    final FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(SINK_BUFFER);

    /** Bytes written to the file so far (the buffer holds those after them). */
    private long drained;

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
        drained += channel.write(buf);
      }
      buf.clear();
    }

    /**
     * Overwrites the four bytes at {@code at}, already written, with {@code value} (big-endian).
     */
    void patchInt(long at, int value) throws IOException {
      if (at < 0 || at + 4 > drained + buf.position()) {
        throw new IllegalStateException("bytes " + at + "-" + (at + 3) + " are not written yet");
      }
      for (int i = 0; i < 4; i++) {
        byte b = (byte) (value >>> (24 - 8 * i));
        long p = at + i;
        if (p >= drained) {
          buf.put((int) (p - drained), b);
        } else {
          ByteBuffer one = ByteBuffer.wrap(new byte[] {b});
          while (one.hasRemaining()) {
            channel.write(one, p);
          }
        }
      }
    }

    @Override
    public void flush() throws IOException {
      drain();
    }
  }
}
