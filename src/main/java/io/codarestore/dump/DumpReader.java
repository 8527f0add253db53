package io.codarestore.dump;

import static io.codarestore.dump.Tags.DIR_PAGESIZE;
import static io.codarestore.dump.Tags.D_DUMPEND;
import static io.codarestore.dump.Tags.D_NULLVNODE;
import static io.codarestore.dump.Tags.D_RMVNODE;
import static io.codarestore.dump.Tags.D_VNODE;
import static io.codarestore.dump.Tags.PAGE_TAG;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Streaming reader of a Coda volume dump, section by section, in the order of the format: {@link
 * #header()}, {@link #volumeData()}, then for each index (large, then small) {@link #nextIndex()}
 * and {@link #nextEntry()} until it returns null, then {@link #readEnd()}. File data is never held
 * in memory: read it with {@link #copyPayload}, or it is skipped when the next entry is asked for.
 * Every length is checked before anything is allocated; a bad byte ends in a {@link
 * DumpFormatException} with the offset and what was expected.
 */
public final class DumpReader implements Closeable {
  private enum State {
    HEADER,
    VOLUME,
    LARGE_HEADER,
    LARGE,
    SMALL_HEADER,
    SMALL,
    END,
    DONE
  }

  private final DumpInput in;
  private final DumpSections sections;
  private final VnodeReader vnodes;
  private State state = State.HEADER;
  private DumpHeader header;
  private VolumeDiskData volume;
  private IndexHeader index;
  private IndexEntry.Vnode pending;
  private boolean pendingConsumed = true;

  /** File data of a skimmed record ({@link #skimEntry}) still to be skipped, and its vnode. */
  private long skimPending;

  private IndexEntry skimmed;

  /** Reads a dump from a stream; {@code source} names it in messages (e.g. the file name). */
  public DumpReader(InputStream in, String source) {
    this(DumpInput.of(in, source));
  }

  /**
   * Reads a dump from a stream whose {@link InputStream#skip} passes over bytes without copying
   * them and returns 0 only at the end of the stream (not a pipe's or a file's stream, whose skip
   * seeks): file data that is not read is skipped with it.
   */
  public static DumpReader ofSkippingStream(InputStream in, String source) {
    return new DumpReader(DumpInput.ofSkipping(in, source));
  }

  private DumpReader(DumpInput in) {
    this.in = in;
    DumpFields fields = new DumpFields(in);
    this.sections = new DumpSections(in, fields);
    this.vnodes = new VnodeReader(in, fields);
  }

  /** Reads every record field by field (tests: the fast path must give the same entries). */
  DumpReader withoutFastPath() {
    vnodes.disableFastPath();
    return this;
  }

  /** File records read in one step from the buffer (tests). */
  int fastReads() {
    return vnodes.fastReads();
  }

  /** Opens a dump file; skipping file data is a seek and truncation is found up front. */
  public static DumpReader open(Path file) throws IOException {
    return new DumpReader(DumpInput.open(file));
  }

  public String source() {
    return in.source();
  }

  /** Offset of the next unread byte. */
  public long offset() {
    return in.offset();
  }

  /** Size of the dump when reading a file, else -1. */
  public long size() {
    return in.size();
  }

  /** The dump header, read on first call. */
  public DumpHeader header() {
    if (header == null) {
      expect(State.HEADER, "dump header");
      header = sections.header();
      state = State.VOLUME;
    }
    return header;
  }

  /** The volume disk data, read on first call. */
  public VolumeDiskData volumeData() {
    header();
    if (volume == null) {
      volume = sections.volumeData();
      state = State.LARGE_HEADER;
    }
    return volume;
  }

  /** Starts the next index (large, then small), skipping whatever is left of the current one. */
  public IndexHeader nextIndex() {
    volumeData();
    while (state == State.LARGE || state == State.SMALL) {
      nextEntry();
    }
    VnodeClass cls;
    if (state == State.LARGE_HEADER) {
      cls = VnodeClass.LARGE;
    } else if (state == State.SMALL_HEADER) {
      cls = VnodeClass.SMALL;
    } else {
      throw new IllegalStateException("both indexes were read already");
    }
    index = sections.indexHeader(cls);
    state = cls == VnodeClass.LARGE ? State.LARGE : State.SMALL;
    return index;
  }

  /** The index being read. */
  public IndexHeader currentIndex() {
    return index;
  }

  /**
   * The next record of the current index, or null when the index ends (the next byte is the next
   * section). Skips the payload of the previous vnode if it was not read.
   */
  public IndexEntry nextEntry() {
    if (state != State.LARGE && state != State.SMALL) {
      throw new IllegalStateException("not inside a vnode index (call nextIndex first)");
    }
    skipPendingPayload();
    long at = in.offset();
    int t = in.peek();
    VnodeClass cls = index.vnodeClass();
    switch (t) {
      case D_NULLVNODE -> {
        in.u8("null vnode");
        return new IndexEntry.NullVnode(at);
      }
      case D_RMVNODE -> {
        in.u8("removed vnode");
        int vn = in.i32("removed vnode number");
        int un = in.i32("removed vnode uniquifier");
        return new IndexEntry.RemovedVnode(vn, un, at);
      }
      case D_VNODE -> {
        in.u8("vnode");
        pending = vnodes.read(cls, at);
        pendingConsumed = pending.payloadLength() == 0;
        return pending;
      }
      default -> {
        int expectedNext = cls == VnodeClass.LARGE ? VnodeClass.SMALL.tag() : D_DUMPEND;
        if (t != expectedNext) {
          throw in.error(
              at,
              "expected a vnode record ("
                  + D_VNODE
                  + "), a null ("
                  + D_NULLVNODE
                  + ") or removed vnode ("
                  + D_RMVNODE
                  + ") or the next section ("
                  + expectedNext
                  + ") in the "
                  + cls.label()
                  + " index, found "
                  + Tags.describe(t));
        }
        state = cls == VnodeClass.LARGE ? State.SMALL_HEADER : State.END;
        return null;
      }
    }
  }

  /** What {@link #skimEntry} found: the index's end, a skimmed file record, another entry. */
  enum Skim {
    END,
    FILE,
    ENTRY
  }

  /**
   * As {@link #nextEntry}, for a reader that needs of most file records only their identity (an
   * index of a million files): a file record in the writer's layout is checked as {@link
   * #nextEntry} checks it but no entry is built ({@link Skim#FILE}: {@link #skimVnode}, {@link
   * #skimUniquifier}); anything else is read as by {@link #nextEntry} ({@link Skim#ENTRY}: {@link
   * #skimmedEntry}). The data of a skimmed file cannot be read, it is skipped.
   */
  Skim skimEntry() {
    skipPendingPayload();
    if (state == State.SMALL && in.peek() == D_VNODE) {
      long at = in.offset();
      in.u8("vnode");
      if (vnodes.skimFile()) {
        skimPending = vnodes.skimLength();
        skimmed = null;
        return Skim.FILE;
      }
      pending = vnodes.read(VnodeClass.SMALL, at);
      pendingConsumed = pending.payloadLength() == 0;
      skimmed = pending;
      return Skim.ENTRY;
    }
    skimmed = nextEntry();
    return skimmed == null ? Skim.END : Skim.ENTRY;
  }

  /** Receives the identity of each file record {@link #skimFiles} skims. */
  @FunctionalInterface
  interface FileSink {
    void file(int vnode, int uniquifier);
  }

  /**
   * Skims, as {@link #skimEntry} does, the file records in the writer's layout that follow one
   * another whole (tag, record and data) in the input's buffer — most of a small index —, handing
   * each one's vnode and uniquifier to {@code sink}; returns how many. The same checks as {@link
   * #skimEntry}, in one loop over the buffer: a million small files are a million records. 0 when
   * the next entry is anything else or runs past the buffer's end: {@link #skimEntry} reads that
   * one.
   */
  int skimFiles(FileSink sink) {
    if (state != State.SMALL || pending != null && !pendingConsumed || !vnodes.fastPath()) {
      return 0;
    }
    int n = vnodes.skimInBuffer(skimPending, sink);
    if (n > 0) {
      skimPending = 0;
    }
    return n;
  }

  int skimVnode() {
    return vnodes.skimVnode();
  }

  int skimUniquifier() {
    return vnodes.skimUniquifier();
  }

  IndexEntry skimmedEntry() {
    return skimmed;
  }

  /**
   * Copies the current vnode's data to {@code out}: file bytes, or for a directory the pages
   * without their 'P' tags. Returns the number of bytes copied.
   */
  public long copyPayload(OutputStream out) {
    IndexEntry.Vnode v = requirePending();
    pendingConsumed = true;
    try {
      if (v.payload() == IndexEntry.Payload.FILE_DATA) {
        in.subject(v.record().vnode(), v.record().uniquifier());
        try {
          in.copyTo(v.payloadLength(), (b, off, len) -> write(out, b, off, len), "file data");
        } finally {
          in.noSubject();
        }
      } else if (v.payload() == IndexEntry.Payload.DIRECTORY_PAGES) {
        byte[] page = new byte[DIR_PAGESIZE];
        for (int p = 0; p < v.pages(); p++) {
          readPage(v, p, page, 0);
          out.write(page);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return v.payloadLength();
  }

  /** The pages of the current directory vnode (at most 128 x 2048 bytes). */
  public byte[] directoryPages() {
    IndexEntry.Vnode v = requirePending();
    return readPages(v, new byte[(int) v.payloadLength()]);
  }

  /** Arrays for {@link #directoryPagesShared}, by page count. */
  private byte[][] sharedPages;

  /**
   * As {@link #directoryPages}, into an array of the reader's that the next call overwrites: for a
   * reader that is done with a directory's pages before it reads the next one (an index).
   */
  byte[] directoryPagesShared() {
    IndexEntry.Vnode v = requirePending();
    if (sharedPages == null) {
      sharedPages = new byte[Tags.DIR_MAXPAGES + 1][];
    }
    int n = Math.min(v.pages(), Tags.DIR_MAXPAGES);
    if (sharedPages[n] == null) {
      sharedPages[n] = new byte[(int) v.payloadLength()];
    }
    return readPages(v, sharedPages[n]);
  }

  private byte[] readPages(IndexEntry.Vnode v, byte[] all) {
    if (v.payload() != IndexEntry.Payload.DIRECTORY_PAGES) {
      throw new IllegalStateException("vnode " + v.record().fid() + " is not a directory");
    }
    pendingConsumed = true;
    for (int p = 0; p < v.pages(); p++) {
      readPage(v, p, all, p * DIR_PAGESIZE);
    }
    return all;
  }

  /** Reads the current file or symlink data whole; only for small data such as link targets. */
  public byte[] smallFileData(int limit) {
    IndexEntry.Vnode v = requirePending();
    if (v.payloadLength() > limit) {
      throw new IllegalStateException("data of " + v.record().fid() + " exceeds " + limit);
    }
    pendingConsumed = true;
    byte[] b = new byte[(int) v.payloadLength()];
    in.readFully(b, 0, b.length, "data of " + v.record().fid());
    return b;
  }

  /**
   * Reads the vnode record at {@code offset} of a dump file again; its data can then be read with
   * {@link #copyPayload} or {@link #directoryPages}, or left where it is. The merge keeps only
   * where each record lies, not the record. Independent of the reader's position in the sections;
   * do not mix with the sequential calls on one reader.
   */
  IndexEntry.Vnode vnodeAt(long offset, VnodeClass cls) {
    in.seek(offset);
    int t = in.u8("vnode");
    if (t != D_VNODE) {
      throw in.error(
          offset, "expected a vnode record (" + D_VNODE + ") here, found " + Tags.describe(t));
    }
    pending = vnodes.read(cls, offset);
    pendingConsumed = pending.payloadLength() == 0;
    return pending;
  }

  /**
   * Whether the last vnode record read is byte for byte what {@link DumpWriter#writeVnode} and its
   * data would write for it (fields in the writer's order, each once, the version vector's too, the
   * ACL string with exactly one terminating NUL, data present): such a record can be copied
   * verbatim instead of being written again.
   */
  boolean lastVnodeCanonical() {
    return vnodes.lastCanonical();
  }

  /** Checks the end marker and that the file ends right after it. */
  public void readEnd() {
    volumeData();
    while (state != State.END) {
      switch (state) {
        case LARGE_HEADER, SMALL_HEADER -> nextIndex();
        case LARGE, SMALL -> nextEntry();
        default -> throw new IllegalStateException("end marker was read already");
      }
    }
    expect(State.END, "end marker");
    sections.end();
    state = State.DONE;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  // ---------------------------------------------------------------------------------------

  private void expect(State want, String what) {
    if (state != want) {
      throw new IllegalStateException("cannot read " + what + " now (reader is at " + state + ")");
    }
  }

  private IndexEntry.Vnode requirePending() {
    if (pending == null || pendingConsumed && pending.payloadLength() > 0) {
      throw new IllegalStateException("no unread vnode data");
    }
    return pending;
  }

  private void skipPendingPayload() {
    if (skimPending > 0) {
      long n = skimPending;
      skimPending = 0;
      in.subject(vnodes.skimVnode(), vnodes.skimUniquifier());
      try {
        in.skip(n, "file data");
      } finally {
        in.noSubject();
      }
    }
    if (pending != null && !pendingConsumed) {
      IndexEntry.Vnode v = pending;
      pendingConsumed = true;
      if (v.payload() == IndexEntry.Payload.DIRECTORY_PAGES) {
        for (int p = 0; p < v.pages(); p++) {
          long at = in.offset();
          int tag = in.u8("directory page tag");
          if (tag != PAGE_TAG) {
            throw pageTagError(v, p, at, tag);
          }
          in.subject(v.record().vnode(), v.record().uniquifier());
          try {
            in.skip(DIR_PAGESIZE, "directory page");
          } finally {
            in.noSubject();
          }
        }
      } else {
        in.subject(v.record().vnode(), v.record().uniquifier());
        try {
          in.skip(v.payloadLength(), "file data");
        } finally {
          in.noSubject();
        }
      }
    }
    pending = null;
  }

  private void readPage(IndexEntry.Vnode v, int p, byte[] page, int off) {
    long at = in.offset();
    int tag = in.u8("directory page tag");
    if (tag != PAGE_TAG) {
      throw pageTagError(v, p, at, tag);
    }
    in.subject(v.record().vnode(), v.record().uniquifier());
    try {
      in.readFully(page, off, DIR_PAGESIZE, "directory page");
    } finally {
      in.noSubject();
    }
  }

  private DumpFormatException pageTagError(IndexEntry.Vnode v, int p, long at, int tag) {
    return in.error(
        at,
        "directory "
            + v.record().fid()
            + " page "
            + p
            + ": expected the page tag 'P', found "
            + Tags.describe(tag));
  }

  private static void write(OutputStream out, byte[] b, int off, int len) {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
