package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.LongConsumer;

/**
 * The output of a merge into a file: a direct buffer in front of the file channel, written out only
 * when full (so every write but the last is {@link #SINK_BUFFER} bytes long at a multiple of it).
 * Large pieces of the inputs are read into it straight from their files, with one copy in and one
 * copy out, as {@code cat} would do with a buffer; nothing goes through the heap.
 */
final class ChannelSink extends OutputStream {
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
  long copyFrom(MergeInput in, long pos, long length, Cancellation cancel, LongConsumer copied)
      throws IOException {
    long left = length;
    while (left > 0) {
      cancel.check();
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
      copied.accept(n);
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

  /** Overwrites the four bytes at {@code at}, already written, with {@code value} (big-endian). */
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
