package io.codarestore.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads volutil's output and hands every byte read on to Amanda's data descriptor unchanged, in the
 * order read: what the dump reader parses is exactly what Amanda gets.
 */
final class TeeInput extends InputStream {
  private final InputStream in;
  private final OutputStream out;
  private long bytes;

  TeeInput(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  long bytes() {
    return bytes;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      out.write(b, off, n);
      bytes += n;
    }
    return n;
  }

  /** Reads and passes on whatever is left; returns how many bytes that was. */
  long drain() throws IOException {
    byte[] buf = new byte[1 << 16];
    long before = bytes;
    while (read(buf, 0, buf.length) >= 0) {
      // passed on by read
    }
    return bytes - before;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
