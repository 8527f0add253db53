package io.codarestore.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Passes volutil's output on to Amanda's data descriptor unchanged, on a thread of its own, and
 * hands the same chunks (after they were written) to the parser, which reads this stream: what the
 * dump reader parses is exactly what Amanda gets, and parsing overlaps the copy.
 *
 * <p>A few chunks of {@link #CHUNK} bytes are in flight at most (a bounded queue of recycled
 * buffers): a slow parser holds the copy back, a slow reader of the data holds the parser back.
 * Each read of volutil's stream is written at once; the parser gets a chunk when it is full (or at
 * the end), so the threads meet about once per {@link #CHUNK} bytes. A failed read or write is met
 * by the parser at the point the chunk would have come, as the one-thread copy met it; after {@link
 * #abort()} nothing more is written.
 */
final class TeeInput extends InputStream {
  /**
   * Bytes per chunk handed to the parser: each hand-off wakes a thread, so not too few; chunks of 1
   * MiB (humongous objects for a small heap, and 4 MiB cycled through the cache) were no faster.
   */
  static final int CHUNK = 1 << 18;

  /**
   * Bytes per read and write: the JVM copies each through a native buffer of that size, which stays
   * in the cache at 64 KiB (1 MiB pieces cost 10 % more CPU on the benchmark).
   */
  static final int PIECE = 1 << 16;

  /** Chunks in flight (copied, not yet parsed) plus the ones being filled and parsed. */
  private static final int CHUNKS = 4;

  private static final Chunk END = new Chunk(0);

  private final InputStream in;
  private final OutputStream out;
  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
  private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
  private final Thread copier;
  private volatile boolean stopped;
  private volatile IOException failure;

  /** Written by the copier; read after it has ended (the END chunk orders it). */
  private long bytes;

  private Chunk cur;
  private int pos;
  private boolean ended;

  TeeInput(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
    for (int i = 0; i < CHUNKS; i++) {
      free.add(new Chunk(CHUNK));
    }
    copier = new Thread(this::copy, "amcoda-copy");
    copier.setDaemon(true);
    copier.start();
  }

  private static final class Chunk {
    final byte[] b;
    int len;

    Chunk(int size) {
      b = new byte[size];
    }
  }

  /** The copy: read a chunk, write it, hand it to the parser; until the end, a failure or abort. */
  private void copy() {
    try {
      boolean eof = false;
      while (!eof && !stopped) {
        Chunk c = free.take();
        int f = 0;
        // each piece goes on at once; the parser gets the chunk when it is full (few hand-offs)
        while (f < c.b.length) {
          int n;
          try {
            n = in.read(c.b, f, Math.min(PIECE, c.b.length - f));
          } catch (IOException e) {
            // the parser gets what was read before, then the failure, as from a plain read
            failure = e;
            n = -1;
          }
          if (n < 0 || stopped) {
            eof = true;
            break;
          }
          out.write(c.b, f, n);
          f += n;
          bytes += n;
        }
        if (f > 0 && !stopped) {
          c.len = f;
          full.put(c);
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      // aborted
    } catch (RuntimeException | Error e) {
      failure = new IOException(e.toString(), e);
    }
    // one slot is always left for the end: at most CHUNKS chunks are ever in full
    full.offer(END);
  }

  /** Bytes passed on; only once the stream has ended ({@link #drain()} returned). */
  long bytes() {
    return bytes;
  }

  private boolean next() throws IOException {
    if (ended) {
      return false;
    }
    if (cur != null) {
      free.offer(cur);
      cur = null;
    }
    Chunk c;
    try {
      c = full.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the dump");
    }
    if (c == END) {
      ended = true;
      IOException f = failure;
      if (f != null) {
        throw f;
      }
      return false;
    }
    cur = c;
    pos = 0;
    return true;
  }

  @Override
  public int read() throws IOException {
    if ((cur == null || pos == cur.len) && !next()) {
      return -1;
    }
    return cur.b[pos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if ((cur == null || pos == cur.len) && !next()) {
      return -1;
    }
    int n = Math.min(len, cur.len - pos);
    System.arraycopy(cur.b, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    if ((cur == null || pos == cur.len) && !next()) {
      return 0;
    }
    int k = (int) Math.min(n, cur.len - pos);
    pos += k;
    return k;
  }

  @Override
  public int available() {
    return cur == null ? 0 : cur.len - pos;
  }

  /**
   * Reads and passes on whatever is left and waits for the copy to end; returns how many bytes that
   * was. Throws the copy's failure (a failed read or write), if any.
   */
  long drain() throws IOException {
    long left = 0;
    while (next()) {
      left += cur.len;
    }
    try {
      copier.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while passing the dump on");
    }
    return left;
  }

  /**
   * Stops the copy after a failure of the parser: nothing more is written. Does not wait for the
   * copy thread, which may wait for volutil's next bytes (volutil is stopped by the caller).
   */
  void abort() {
    stopped = true;
    copier.interrupt();
    full.clear();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
