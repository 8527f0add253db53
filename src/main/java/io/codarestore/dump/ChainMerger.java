package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.TempOutputs;
import io.codarestore.core.UserFacingException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
 * holds it. Memory holds where records lie, not records (read again when written) and never file
 * data. Into a stream (a pipe, e.g. into the extraction of a directory target), which is written
 * strictly sequentially, the vnode count must precede the records, so each index of the base is
 * scanned whole first (about 25 bytes per vnode). Into a file, a second thread scans the base a
 * chunk of slots ahead of the writer, and the count is written in place at the end: memory then
 * grows with the increments only ({@link #mergeIndex}).
 */
public final class ChainMerger {
  /**
   * Merging into a file, file data and runs of unchanged records at least this long are read
   * straight from the input file into the output buffer; shorter ones go through the re-reading
   * {@link DumpReader}, which usually holds them already (no system call of their own).
   */
  static final long DIRECT_MIN = 64 << 10;

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
    return mergeToFile(chain, out, replace, false);
  }

  /**
   * Merges into a new file, as {@link #mergeToFile(List, Path, boolean)}; a result with directory
   * entries that resolve to no vnode (a wrong base) fails the merge, leaving nothing at {@code
   * out}, unless {@code allowDangling}: then a warning names the lost paths.
   */
  public Result mergeToFile(List<Path> chain, Path out, boolean replace, boolean allowDangling) {
    return mergeToFile(chain, out, replace, allowDangling, UnaryOperator.identity());
  }

  /**
   * Merges into a new file as {@link #mergeToFile(List, Path, boolean, boolean)}, with the volume
   * data passed through {@code volumeChange} on the way (e.g. {@link ReadWritePromotion}).
   */
  public Result mergeToFile(
      List<Path> chain,
      Path out,
      boolean replace,
      boolean allowDangling,
      UnaryOperator<VolumeDiskData> volumeChange) {
    Path target = out.toAbsolutePath();
    if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new UserFacingException(out + " exists; it is not overwritten (choose another name)");
    }
    OutputPlace.checkFree(out, replace, OutputPlace.Kind.FILE, chain);
    Path dir = target.getParent();
    Path tmp;
    try {
      tmp = OutputPlace.createTempBeside(target);
    } catch (IOException e) {
      throw new UserFacingException("cannot create a file in " + dir + ": " + e.getMessage(), e);
    }
    boolean done = false;
    try {
      Result r;
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ChannelSink sink = new ChannelSink(ch);
        try {
          r = merge(chain, sink, volumeChange, sink, true, true, !allowDangling);
        } catch (SlotOrderException e) {
          // a base whose records are not in slot order (Coda writes them in order): start over,
          // reading each index of the base whole before writing it
          ch.truncate(0);
          sink = new ChannelSink(ch);
          r = merge(chain, sink, volumeChange, sink, false, false, !allowDangling);
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
        Path temp = tmp;
        TempOutputs.publish(
            temp,
            () -> {
              if (replace) {
                Files.move(
                    temp,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
              } else {
                publishWithoutReplacing(temp, target);
              }
            });
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
        OutputPlace.discard(tmp);
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
    return merge(chain, out, volumeChange, null, false, true, false);
  }

  /**
   * The merge; {@code sink} is {@code out} itself when the output is a file: large pieces of the
   * inputs are then read straight into its buffer, and with {@code streamed} each index is written
   * while the base's part of it is still being read (see {@link #mergeIndex}). A streamed merge may
   * throw {@link SlotOrderException} (before any warning but the chain's own): the caller starts
   * over without {@code streamed} and without {@code reportChainWarnings} (they were reported; the
   * result still lists them).
   */
  private Result merge(
      List<Path> chain,
      OutputStream out,
      UnaryOperator<VolumeDiskData> volumeChange,
      ChannelSink sink,
      boolean streamed,
      boolean reportChainWarnings,
      boolean failOnDangling) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    if (chain.size() > MAX_INPUTS) {
      throw new UserFacingException(
          "a chain of " + chain.size() + " dumps: at most " + MAX_INPUTS + " can be merged");
    }
    List<MergeInput> inputs = new ArrayList<>();
    try {
      for (Path p : chain) {
        inputs.add(MergeInput.open(p, inputs.size()));
      }
      return mergeOpen(
          inputs, out, volumeChange, sink, streamed, reportChainWarnings, failOnDangling);
    } catch (IOException e) {
      throw new UserFacingException("cannot read " + e.getMessage(), e);
    } finally {
      for (MergeInput in : inputs) {
        in.closeQuietly();
      }
    }
  }

  private Result mergeOpen(
      List<MergeInput> inputs,
      OutputStream os,
      UnaryOperator<VolumeDiskData> volumeChange,
      ChannelSink sink,
      boolean streamed,
      boolean reportChainWarnings,
      boolean failOnDangling) {
    List<ChainCheck.Link> links = new ArrayList<>();
    for (MergeInput in : inputs) {
      links.add(new ChainCheck.Link(in.name, in.reader.header()));
    }
    List<String> warnings = new ArrayList<>();
    Consumer<String> warn =
        w -> {
          warnings.add(w);
          progress.warning(w);
        };
    for (String w : ChainCheck.check(links)) {
      if (reportChainWarnings) {
        warn.accept(w);
      } else {
        warnings.add(w);
      }
    }
    MergeInput base = inputs.get(0);
    MergeInput last = inputs.get(inputs.size() - 1);
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
    for (MergeInput in : inputs) {
      in.reader.volumeData();
      in.startChecks();
    }
    long total = 0;
    for (MergeInput in : inputs) {
      total += in.reader.size();
    }
    String stage =
        "merge "
            + base.name
            + (inputs.size() > 1 ? " + " + (inputs.size() - 1) + " incremental(s)" : "");
    progress.stageStarted(stage, total);
    MergeCopier copier = new MergeCopier(stage, total, sink, progress, cancel);
    DumpWriter w = new DumpWriter(os);
    w.writeHeader(header);
    w.writeVolumeData(volume);
    long[] counts = new long[2];
    List<List<String>> absent = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      absent.add(new ArrayList<>());
    }
    MergedNames names = new MergedNames();
    for (VnodeClass cls : VnodeClass.values()) {
      counts[cls.ordinal()] =
          mergeIndex(cls, inputs, w, copier, absent, names, streamed ? sink : null);
      names.directoriesDone();
    }
    finishInputs(inputs, absent, names, failOnDangling, warn);
    w.writeEnd();
    try {
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.stageFinished(stage);
    return new Result(header, w.offset(), counts[0], counts[1], warnings);
  }

  /**
   * After the indexes: each input's end marker, the warnings of its checks and about its removals
   * of absent vnodes, then the names of the output ({@link LostNames}).
   */
  private static void finishInputs(
      List<MergeInput> inputs,
      List<List<String>> absent,
      MergedNames names,
      boolean failOnDangling,
      Consumer<String> warn) {
    for (MergeInput in : inputs) {
      in.reader.readEnd();
      for (String w : in.warnings) {
        warn.accept(in.name + ": " + w);
      }
    }
    for (int k = 0; k < inputs.size(); k++) {
      absentRemovals(inputs.get(k).name, absent.get(k)).ifPresent(warn);
    }
    LostNames.check(inputs, names, failOnDangling).ifPresent(warn);
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
      List<MergeInput> inputs,
      DumpWriter w,
      MergeCopier copier,
      List<List<String>> absent,
      MergedNames names,
      ChannelSink streamedInto) {
    MergeInput base = inputs.get(0);
    IndexHeader bi = base.reader.nextIndex();
    base.checks.startIndex(bi);
    IncrementChanges changes =
        IncrementChanges.read(cls, inputs, bi.listCountUnsigned(), names, cancel);
    BaseScanner scanner =
        new BaseScanner(
            base,
            cls,
            bi.listCountUnsigned(),
            streamedInto == null ? Integer.MAX_VALUE : chunk,
            names,
            cancel);
    MergeEmitter em = new MergeEmitter(cls, w, inputs, copier, cancel, names);
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
    try (ReadAhead chunks = new ReadAhead(scanner, cancel)) {
      long lo = 0;
      while (true) {
        SlotEntries c = chunks.take();
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
}
