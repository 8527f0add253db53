package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Copies data out of the inputs, reporting progress. Small data is streamed through the input's
 * re-reading {@link DumpReader}: the output visits each input's records in (nearly) the order they
 * lie in the file, so that reader mostly reads on sequentially and holds the data already when the
 * record has been parsed. Merging into a file, large data is copied by the kernel.
 */
final class MergeCopier {
  private final ProgressListener progress;
  private final Cancellation cancel;
  private final String stage;
  private final long total;
  private final ChannelSink sink;
  private long done;

  MergeCopier(
      String stage, long total, ChannelSink sink, ProgressListener progress, Cancellation cancel) {
    this.progress = progress;
    this.cancel = cancel;
    this.stage = stage;
    this.total = total;
    this.sink = sink;
  }

  byte[] pages(MergeInput in, IndexEntry.Vnode v) {
    byte[] pages = in.meta.directoryPages();
    advance(pages.length + v.pages());
    return pages;
  }

  void copyFile(MergeInput in, IndexEntry.Vnode v, DumpWriter w, Cancellation cancel) {
    long length = v.payloadLength();
    w.beginFileData(length);
    try {
      if (sink != null && length >= ChainMerger.DIRECT_MIN) {
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
  void copyRun(MergeInput in, long from, long to, DumpWriter w) {
    try {
      long n = sink.copyFrom(in, from, to - from, cancel, this::advance);
      if (n < to - from) {
        throw new DumpFormatException(in.name, from + n, "truncated dump: end of file in a record");
      }
      w.recordsWrittenDirectly(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Large data: read straight from the input file into the output buffer. */
  private void transfer(MergeInput in, long pos, long length, IndexEntry.Vnode v, DumpWriter w)
      throws IOException {
    long n = sink.copyFrom(in, pos, length, cancel, this::advance);
    if (n < length) {
      throw new DumpFormatException(
          in.name,
          pos + n,
          "truncated dump: end of file inside the data of vnode " + v.record().fid());
    }
    w.dataWrittenDirectly(length);
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
}
