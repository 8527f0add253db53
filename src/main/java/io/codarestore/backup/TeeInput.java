package io.codarestore.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Reads volutil's output and hands every byte read on to Amanda's data descriptor unchanged, in the
 * order read: what the dump reader parses is exactly what Amanda gets.
 *
 * <p>The bytes pass through one direct buffer: between two descriptors' channels (volutil's pipe,
 * fd 1) the kernel copies them in and out and the Java heap never sees them. Only what the parser
 * reads is copied out ({@link #read(byte[], int, int)}); what it skips, file data, is passed on
 * without being copied ({@link #skip}).
 */
final class TeeInput extends InputStream {
  /** The buffer: a pipe widened by {@code core.PipeCapacity} hands out up to 1 MiB per read. */
  static final int BUFFER = 1 << 20;

  private final ReadableByteChannel in;
  private final WritableByteChannel out;

  /** Between position and limit: bytes read and passed on, not yet given to the parser. */
  private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);

  private long bytes;
  private boolean eof;

  TeeInput(ReadableByteChannel in, WritableByteChannel out) {
    this.in = in;
    this.out = out;
    buf.limit(0);
  }

  long bytes() {
    return bytes;
  }

  /** Reads more and passes it on when the parser has had everything; false at the end. */
  private boolean fill() throws IOException {
    if (buf.hasRemaining()) {
      return true;
    }
    if (eof) {
      return false;
    }
    buf.clear();
    int n = in.read(buf);
    while (n == 0) {
      n = in.read(buf);
    }
    buf.flip();
    if (n < 0) {
      eof = true;
      return false;
    }
    ByteBuffer w = buf.duplicate();
    while (w.hasRemaining()) {
      out.write(w);
    }
    bytes += n;
    return true;
  }

  @Override
  public int read() throws IOException {
    return fill() ? buf.get() & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int k = Math.min(len, buf.remaining());
    buf.get(b, off, k);
    return k;
  }

  /**
   * Passes over up to {@code n} bytes (passing them on) without copying them; 0 only at the end.
   */
  @Override
  public long skip(long n) throws IOException {
    long left = n;
    while (left > 0 && fill()) {
      int k = (int) Math.min(left, buf.remaining());
      buf.position(buf.position() + k);
      left -= k;
    }
    return n - left;
  }

  /** Reads and passes on whatever is left; returns how many bytes that was. */
  long drain() throws IOException {
    long before = bytes;
    while (fill()) {
      buf.position(buf.limit());
    }
    return bytes - before;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
