package io.codarestore.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe between two threads that hands over whole chunks, so the writer (the merge) and
 * the reader (the extraction) really run side by side. {@code java.io.PipedInputStream} wakes its
 * reader only when the buffer is full or after a second, which makes the two take turns.
 */
public final class ChunkPipe {
  private static final byte[] END = new byte[0];
  private static final int CHUNK = 1 << 20;

  private final BlockingQueue<byte[]> queue;
  private volatile boolean readerClosed;

  public ChunkPipe(int chunks) {
    this.queue = new ArrayBlockingQueue<>(chunks);
  }

  public OutputStream output() {
    return new OutputStream() {
      private byte[] buf = new byte[CHUNK];
      private int n;
      private boolean closed;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
          int k = Math.min(len, CHUNK - n);
          System.arraycopy(b, off, buf, n, k);
          n += k;
          off += k;
          len -= k;
          if (n == CHUNK) {
            send(buf);
            buf = new byte[CHUNK];
            n = 0;
          }
        }
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        if (n > 0) {
          send(java.util.Arrays.copyOf(buf, n));
        }
        send(END);
      }
    };
  }

  private void send(byte[] chunk) throws IOException {
    try {
      while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
        if (readerClosed) {
          throw new IOException("pipe closed by the reader");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing to the pipe");
    }
  }

  public InputStream input() {
    return new InputStream() {
      private byte[] cur = new byte[0];
      private int pos;
      private boolean ended;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        while (pos == cur.length) {
          if (ended) {
            return -1;
          }
          try {
            cur = queue.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the pipe");
          }
          pos = 0;
          if (cur == END) {
            ended = true;
            return -1;
          }
        }
        int k = Math.min(len, cur.length - pos);
        System.arraycopy(cur, pos, b, off, k);
        pos += k;
        return k;
      }

      @Override
      public void close() {
        readerClosed = true;
        queue.clear();
      }
    };
  }
}
