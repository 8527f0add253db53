package io.codarestore.amanda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines ({@code \n}-terminated, a {@code \r} before it dropped) from a byte stream, holding
 * at most {@code maxLineBytes} of a line: a longer line is read through to its end without being
 * kept and returned as {@link Line#tooLong()}, so that a log damaged into one huge line (a crash
 * can leave gigabytes of NULs) costs no more memory than a good one. Bytes that are not UTF-8
 * become U+FFFD.
 */
public final class BoundedLineReader {
  /**
   * One line: its text, or null when it was longer than the bound.
   *
   * @param bytes the line's length in bytes, without its terminator
   */
  public record Line(String text, long bytes) {
    public boolean tooLong() {
      return text == null;
    }
  }

  private final InputStream in;
  private final int max;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[256];
  private int kept;
  private long length;

  public BoundedLineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.max = maxLineBytes;
  }

  /** The next line, or null at the end of the stream. */
  public Line next() throws IOException {
    kept = 0;
    length = 0;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(buf);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          return any ? finish() : null;
        }
      }
      any = true;
      int start = pos;
      int nl = start;
      while (nl < limit && buf[nl] != '\n') {
        nl++;
      }
      keep(start, nl - start);
      if (nl < limit) {
        pos = nl + 1;
        return finish();
      }
      pos = limit;
    }
  }

  private void keep(int from, int n) {
    length += n;
    if (length > max) {
      kept = -1; // over the bound: only counted from now on
      return;
    }
    if (kept + n > line.length) {
      line = Arrays.copyOf(line, Math.min(max, Math.max(kept + n, line.length * 2)));
    }
    System.arraycopy(buf, from, line, kept, n);
    kept += n;
  }

  private Line finish() {
    if (kept < 0 || length > max) {
      return new Line(null, length);
    }
    int n = kept > 0 && line[kept - 1] == '\r' ? kept - 1 : kept;
    return new Line(new String(line, 0, n, StandardCharsets.UTF_8), length);
  }
}
