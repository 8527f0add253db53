package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import java.io.BufferedOutputStream;
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
import java.util.List;
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
 * reading metadata ahead keeps memory proportional to the number of vnodes, never to file sizes,
 * and writes the output strictly sequentially (it can go to a pipe, e.g. {@code volutil restore}'s
 * standard input).
 */
public final class ChainMerger {
  private static final int COPY_BUFFER = 1 << 20;

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
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
    } catch (IOException e) {
      throw new UserFacingException("cannot create a file in " + dir + ": " + e.getMessage(), e);
    }
    boolean done = false;
    try {
      Result r;
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), COPY_BUFFER)) {
        r = merge(chain, os);
      } catch (IOException e) {
        throw new UserFacingException("cannot write " + out + ": " + e.getMessage(), e);
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
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    List<Input> inputs = new ArrayList<>();
    try {
      for (Path p : chain) {
        inputs.add(Input.open(p));
      }
      return mergeOpen(inputs, out, volumeChange);
    } catch (IOException e) {
      throw new UserFacingException("cannot read " + e.getMessage(), e);
    } finally {
      for (Input in : inputs) {
        in.closeQuietly();
      }
    }
  }

  private Result mergeOpen(
      List<Input> inputs, OutputStream os, UnaryOperator<VolumeDiskData> volumeChange) {
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
    Copier copier = new Copier(stage, total);
    DumpWriter w = new DumpWriter(os);
    w.writeHeader(header);
    w.writeVolumeData(volume);
    long[] counts = new long[2];
    for (VnodeClass cls : VnodeClass.values()) {
      SlotTable table = scan(cls, inputs, warn);
      counts[cls.ordinal()] = table.write(w, copier, cancel);
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

  /** Reads the metadata of one index of every input and applies the chain to it. */
  private SlotTable scan(VnodeClass cls, List<Input> inputs, Consumer<String> warn) {
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
        table.apply(incr, e, warn);
      }
    }
    return table;
  }

  /** One input dump: its reader (metadata) and a channel for copying its data. */
  private static final class Input {
    final String name;
    final DumpReader reader;
    final FileChannel data;

    private Input(String name, DumpReader reader, FileChannel data) {
      this.name = name;
      this.reader = reader;
      this.data = data;
    }

    static Input open(Path p) throws IOException {
      DumpReader r;
      try {
        r = DumpReader.open(p);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new UserFacingException(p + ": no such file", e);
      }
      try {
        return new Input(p.toString(), r, FileChannel.open(p, StandardOpenOption.READ));
      } catch (IOException e) {
        r.close();
        throw e;
      }
    }

    void closeQuietly() {
      try {
        reader.close();
      } catch (IOException ignored) {
        // read-only input
      }
      try {
        data.close();
      } catch (IOException ignored) {
        // read-only input
      }
    }
  }

  /** A vnode of the merged volume and where its data is. */
  private record Entry(Input input, IndexEntry.Vnode vnode) {
    int uniquifier() {
      return vnode.record().uniquifier();
    }
  }

  /** The slot lists of one index while the chain is applied. */
  private static final class SlotTable {
    final VnodeClass cls;
    long lists;
    long count;
    final java.util.TreeMap<Long, ArrayList<Entry>> slots = new java.util.TreeMap<>();

    SlotTable(VnodeClass cls, long lists, long count) {
      this.cls = cls;
      this.lists = lists;
      this.count = count;
    }

    void grow(long newLists) {
      lists = newLists;
    }

    void pushFront(Input in, IndexEntry.Vnode v) {
      long slot = checkedSlot(in, v, v.record().vnode());
      slots.computeIfAbsent(slot, s -> new ArrayList<>(1)).add(0, new Entry(in, v));
    }

    /** The slot of a vnode number; refuses a number of the other class or beyond the lists. */
    long checkedSlot(Input in, IndexEntry e, int vnode) {
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
      return VnodeClass.slot(vn);
    }

    void reverseEverySlot() {
      for (ArrayList<Entry> l : slots.values()) {
        java.util.Collections.reverse(l);
      }
    }

    void apply(Input in, IndexEntry e, Consumer<String> warn) {
      if (e instanceof IndexEntry.NullVnode) {
        return;
      }
      int vnode;
      int uniq;
      if (e instanceof IndexEntry.RemovedVnode r) {
        vnode = r.vnode();
        uniq = r.uniquifier();
      } else {
        VnodeRecord rec = ((IndexEntry.Vnode) e).record();
        vnode = rec.vnode();
        uniq = rec.uniquifier();
      }
      long slot = checkedSlot(in, e, vnode);
      ArrayList<Entry> list = slots.get(slot);
      int hit = -1;
      if (list != null) {
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i).uniquifier() == uniq) {
            hit = i;
            break;
          }
        }
      }
      if (e instanceof IndexEntry.RemovedVnode r) {
        if (hit < 0) {
          warn.accept(
              in.name
                  + " removes vnode "
                  + r.fid()
                  + ", which its base does not hold (as in a 0, 1, 1' chain); ignored");
        } else {
          list.remove(hit);
          count--;
        }
      } else if (hit >= 0) {
        list.set(hit, new Entry(in, (IndexEntry.Vnode) e));
      } else {
        slots
            .computeIfAbsent(slot, s -> new ArrayList<>(1))
            .add(0, new Entry(in, (IndexEntry.Vnode) e));
        count++;
      }
    }

    long write(DumpWriter w, Copier copier, Cancellation cancel) {
      w.writeIndexHeader(new IndexHeader(cls, (int) count, (int) lists));
      long n = 0;
      for (ArrayList<Entry> list : slots.values()) {
        for (Entry en : list) {
          cancel.check();
          IndexEntry.Vnode v = en.vnode();
          w.writeVnode(v.record());
          switch (v.payload()) {
            case DIRECTORY_PAGES -> w.writeDirectoryPages(copier.pages(en.input(), v));
            case FILE_DATA -> copier.copyFile(en.input(), v, w, cancel);
            case BAD_INODE ->
                throw new DumpFormatException(
                    en.input().name,
                    v.offset(),
                    "vnode "
                        + v.record().fid()
                        + " has no data (bad inode); Coda's merge cannot carry it either");
          }
          n++;
        }
      }
      return n;
    }
  }

  /** Copies data out of the inputs with positional reads, reporting progress. */
  private final class Copier {
    private final String stage;
    private final long total;
    private final ByteBuffer buffer = ByteBuffer.allocate(COPY_BUFFER);
    private long done;

    Copier(String stage, long total) {
      this.stage = stage;
      this.total = total;
    }

    byte[] pages(Input in, IndexEntry.Vnode v) {
      int n = v.pages();
      byte[] raw = new byte[n * (Tags.DIR_PAGESIZE + 1)];
      read(in, v.payloadOffset(), ByteBuffer.wrap(raw), v);
      byte[] pages = new byte[n * Tags.DIR_PAGESIZE];
      for (int p = 0; p < n; p++) {
        int at = p * (Tags.DIR_PAGESIZE + 1);
        if (raw[at] != Tags.PAGE_TAG) {
          throw new DumpFormatException(
              in.name,
              v.payloadOffset() + at,
              "directory " + v.record().fid() + " page " + p + ": expected the page tag 'P'");
        }
        System.arraycopy(raw, at + 1, pages, p * Tags.DIR_PAGESIZE, Tags.DIR_PAGESIZE);
      }
      advance(raw.length);
      return pages;
    }

    void copyFile(Input in, IndexEntry.Vnode v, DumpWriter w, Cancellation cancel) {
      long left = v.payloadLength();
      long pos = v.payloadOffset();
      w.beginFileData(left);
      while (left > 0) {
        cancel.check();
        buffer.clear();
        buffer.limit((int) Math.min(left, buffer.capacity()));
        read(in, pos, buffer, v);
        int n = buffer.position();
        w.writeData(buffer.array(), 0, n);
        pos += n;
        left -= n;
        advance(n);
      }
    }

    private void read(Input in, long pos, ByteBuffer b, IndexEntry.Vnode v) {
      try {
        long at = pos;
        while (b.hasRemaining()) {
          int n = in.data.read(b, at);
          if (n < 0) {
            throw new DumpFormatException(
                in.name,
                at,
                "truncated dump: end of file inside the data of vnode " + v.record().fid());
          }
          at += n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(in.name + ": read failed at offset " + pos, e);
      }
    }

    private void advance(long n) {
      done += n;
      progress.progress(stage, done, total);
    }
  }
}
