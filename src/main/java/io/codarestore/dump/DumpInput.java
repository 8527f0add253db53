package io.codarestore.dump;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Buffered big-endian input that knows its offset. Backed by a stream, or by a file, in which case
 * skipping over file data is a seek and the size is known, so a length that runs past the end of
 * the file is refused before anything is read or allocated.
 *
 * <p>A file is read through {@link RandomAccessFile}, keeping track of the file's own position so
 * that reading on needs no seek. A merge's metadata scan reads a few bytes after each of tens of
 * thousands of seeks, mostly in a JVM that has just started: a seek plus a plain read go almost
 * straight to the system calls, while {@code FileChannel}'s positional read has a long Java side
 * (buffer leasing, interruptible I/O) that such a JVM first runs interpreted and then compiles.
 */
final class DumpInput implements Closeable {
  private static final int BUFFER = 1 << 16;

  /**
   * Bytes read right after a seek: usually the next record's metadata is all that is needed before
   * the next seek, so reading a whole buffer there would mostly be wasted (a metadata scan of a
   * dump of big files would read a buffer per file).
   */
  private static final int AFTER_SEEK = 4096;

  private final String source;
  private final InputStream stream;
  private final RandomAccessFile file;
  private final long size;

  /** Whether the stream's {@link InputStream#skip} skips cheaply (see {@link #ofSkipping}). */
  private boolean streamSkips;

  /** The file's own position: a read there needs no seek. */
  private long filePos;

  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int lim;
  private int nextRead = BUFFER;

  /** Offset in the dump of buf[0]. */
  private long base;

  private DumpInput(String source, InputStream stream, RandomAccessFile file, long size) {
    this.source = source;
    this.stream = stream;
    this.file = file;
    this.size = size;
  }

  static DumpInput of(InputStream in, String source) {
    return new DumpInput(source, in, null, -1);
  }

  /**
   * A stream whose {@link InputStream#skip} passes over bytes without copying them and returns 0
   * only at the end of the stream; file data is skipped with it. (Not a pipe's or a file's stream:
   * {@code FileInputStream.skip} seeks, which a pipe refuses.)
   */
  static DumpInput ofSkipping(InputStream in, String source) {
    DumpInput d = new DumpInput(source, in, null, -1);
    d.streamSkips = true;
    return d;
  }

  /** The name that stands for standard input. */
  static final String STDIN = "-";

  /**
   * Opens a dump file; anything that is not a regular file (a pipe such as {@code <(cat DUMP)} or
   * {@code /dev/stdin}, or {@code -} for standard input) is read as a stream, once, front to back.
   */
  static DumpInput open(Path path) throws IOException {
    if (path.toString().equals(STDIN)) {
      path = Path.of("/dev/stdin");
    }
    if (!Files.isRegularFile(path) && Files.exists(path) && !Files.isDirectory(path)) {
      return new DumpInput(path.toString(), Files.newInputStream(path), null, -1);
    }
    RandomAccessFile f;
    try {
      f = new RandomAccessFile(path.toFile(), "r");
    } catch (FileNotFoundException e) {
      // says neither why nor in a type callers can tell apart: let NIO say it
      // (NoSuchFileException, AccessDeniedException, ...)
      FileChannel.open(path, StandardOpenOption.READ).close();
      throw e;
    }
    try {
      return new DumpInput(path.toString(), null, f, f.length());
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
  }

  String source() {
    return source;
  }

  /** Size of the whole dump if known (file input), else -1. */
  long size() {
    return size;
  }

  long offset() {
    return base + pos;
  }

  /** Bytes left before the end of the file, or Long.MAX_VALUE when unknown. */
  long remaining() {
    return size < 0 ? Long.MAX_VALUE : size - offset();
  }

  DumpFormatException error(long at, String problem) {
    return new DumpFormatException(source, at, problem);
  }

  /** Reads from the file at {@code at}, seeking only when the file is elsewhere. */
  private int readAt(byte[] b, int off, int len, long at) throws IOException {
    if (filePos != at) {
      file.seek(at);
      filePos = at;
    }
    int n = file.read(b, off, len);
    if (n > 0) {
      filePos += n;
    }
    return n;
  }

  private boolean fill() {
    if (pos < lim) {
      return true;
    }
    base += lim;
    pos = 0;
    lim = 0;
    try {
      int n;
      if (file != null) {
        n = readAt(buf, 0, nextRead, base);
        nextRead = BUFFER;
      } else {
        n = stream.read(buf, 0, nextRead);
        nextRead = BUFFER;
      }
      if (n <= 0) {
        return false;
      }
      lim = n;
      return true;
    } catch (IOException e) {
      throw new DumpReadException(source, base, e);
    }
  }

  // The vnode whose record is being read, if any: messages name it ("vnode 5.8 mtime") without a
  // string being built for every field of every record read.
  private boolean hasSubject;
  private int subjectVnode;
  private int subjectUniq;

  /** From now on, messages say they concern this vnode, until {@link #noSubject()}. */
  void subject(int vnode, int uniquifier) {
    hasSubject = true;
    subjectVnode = vnode;
    subjectUniq = uniquifier;
  }

  void noSubject() {
    hasSubject = false;
  }

  /** {@code what}, preceded by the vnode being read if any ("vnode 5.8 mtime"). */
  String describe(String what) {
    if (!hasSubject) {
      return what;
    }
    String vnode =
        "vnode " + DumpHeader.unsigned(subjectVnode) + "." + DumpHeader.unsigned(subjectUniq);
    return what.isEmpty() ? vnode : vnode + " " + what;
  }

  /**
   * Makes the next {@code n} bytes (at most the buffer's size) available in the buffer, moving what
   * it holds to its front and reading more after it; false if the input ends first.
   */
  boolean ensure(int n) {
    if (lim - pos >= n) {
      return true;
    }
    if (n > BUFFER) {
      throw new IllegalArgumentException(n + " bytes do not fit the buffer");
    }
    int left = lim - pos;
    System.arraycopy(buf, pos, buf, 0, left);
    base += pos;
    pos = 0;
    lim = left;
    // right after a seek, read as little as fill() would
    int cap = left == 0 ? Math.max(n, nextRead) : BUFFER;
    try {
      while (lim < n) {
        int r =
            file != null
                ? readAt(buf, lim, cap - lim, base + lim)
                : stream.read(buf, lim, cap - lim);
        if (r <= 0) {
          return false;
        }
        lim += r;
      }
    } catch (IOException e) {
      throw new DumpReadException(source, base + lim, e);
    }
    nextRead = BUFFER;
    return true;
  }

  /** The buffer; the next byte is at {@link #bufferPosition()}. For parsers that look ahead. */
  byte[] buffer() {
    return buf;
  }

  int bufferPosition() {
    return pos;
  }

  /** The end of what the buffer holds (exclusive). */
  int bufferLimit() {
    return lim;
  }

  /** Consumes {@code n} bytes that are in the buffer. */
  void advance(int n) {
    if (n < 0 || n > lim - pos) {
      throw new IllegalArgumentException(n + " bytes are not in the buffer");
    }
    pos += n;
  }

  /** The next byte without consuming it, or -1 at end of file. */
  int peek() {
    return fill() ? buf[pos] & 0xFF : -1;
  }

  int u8(String what) {
    if (!fill()) {
      throw truncated(what, 1);
    }
    return buf[pos++] & 0xFF;
  }

  int u16(String what) {
    return (int) slow(2, what);
  }

  /** A big-endian 32-bit value as Java int (callers treat it as unsigned where needed). */
  int i32(String what) {
    if (lim - pos >= 4) {
      int v =
          ((buf[pos] & 0xFF) << 24)
              | ((buf[pos + 1] & 0xFF) << 16)
              | ((buf[pos + 2] & 0xFF) << 8)
              | (buf[pos + 3] & 0xFF);
      pos += 4;
      return v;
    }
    return (int) slow(4, what);
  }

  /**
   * A big-endian value of n bytes read across buffer refills; truncation counts what is missing.
   */
  private long slow(int n, String what) {
    long v = 0;
    for (int k = 0; k < n; k++) {
      if (!fill()) {
        throw truncated(what, n - k);
      }
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  void readFully(byte[] b, int off, int len, String what) {
    while (len > 0) {
      if (!fill()) {
        throw truncated(what, len);
      }
      int n = Math.min(len, lim - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  /** Checks that {@code n} more bytes exist (when the size is known) before they are read. */
  void require(long n, String what) {
    if (n > remaining()) {
      throw error(
          offset(),
          "truncated dump: "
              + describe(what)
              + " needs "
              + n
              + " bytes but the file ends "
              + remaining()
              + " bytes later");
    }
  }

  void skip(long n, String what) {
    require(n, what);
    long inBuffer = lim - pos;
    if (n <= inBuffer) {
      pos += (int) n;
      return;
    }
    if (file != null) {
      long target = offset() + n;
      base = target;
      pos = 0;
      lim = 0;
      nextRead = AFTER_SEEK;
      return;
    }
    if (streamSkips) {
      skipStream(n - inBuffer, what);
      return;
    }
    long left = n;
    while (left > 0) {
      if (!fill()) {
        throw truncated(what, left);
      }
      int k = (int) Math.min(left, lim - pos);
      pos += k;
      left -= k;
    }
  }

  /** Skips {@code left} bytes after the buffer's with the stream's own skip. */
  private void skipStream(long left, String what) {
    base += lim;
    pos = 0;
    lim = 0;
    while (left > 0) {
      long k;
      try {
        k = stream.skip(left);
      } catch (IOException e) {
        throw new DumpReadException(source, base, e);
      }
      if (k <= 0) {
        throw truncated(what, left);
      }
      base += k;
      left -= k;
    }
    // as after a seek: the next record is likely all that is read before the next skip
    nextRead = AFTER_SEEK;
  }

  /** Moves to {@code target} of a file input (the buffer is kept when it holds that offset). */
  void seek(long target) {
    if (file == null) {
      throw new IllegalStateException("a stream input cannot seek");
    }
    if (target >= base && target <= base + lim) {
      pos = (int) (target - base);
      return;
    }
    base = target;
    pos = 0;
    lim = 0;
    nextRead = AFTER_SEEK;
  }

  /** Copies the next {@code n} bytes to {@code sink}, in buffer-sized pieces. */
  void copyTo(long n, ByteSink sink, String what) {
    long left = n;
    while (left > 0) {
      if (!fill()) {
        throw truncated(what, left);
      }
      int k = (int) Math.min(left, lim - pos);
      sink.accept(buf, pos, k);
      pos += k;
      left -= k;
    }
  }

  DumpFormatException truncated(String what, long missing) {
    return error(
        offset(),
        "truncated dump: end of file inside "
            + describe(what)
            + " ("
            + missing
            + " more bytes expected)");
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    } else {
      stream.close();
    }
  }

  /** Receives bytes being copied out of the input. */
  @FunctionalInterface
  interface ByteSink {
    void accept(byte[] b, int off, int len);
  }
}
