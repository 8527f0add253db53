package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reader of a merge's base ({@link ChainMerger}) on its own thread, a few chunks of slots
 * ahead of the writer. Whatever the reader throws is thrown again by {@link #take}; closing stops
 * the thread and waits for it.
 */
final class ReadAhead implements AutoCloseable {
  private final ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
  private final Thread thread;
  private final Cancellation cancel;
  private volatile boolean stopped;

  ReadAhead(ChunkReader scanner, Cancellation cancel) {
    this.cancel = cancel;
    thread =
        new Thread(
            () -> {
              try {
                long hi;
                do {
                  SlotEntries c = new SlotEntries();
                  hi = scanner.next(c);
                  c.hi = hi;
                  put(c);
                } while (hi != Long.MAX_VALUE && !stopped);
              } catch (RuntimeException | Error e) {
                put(e);
              }
            },
            "merge-scan");
    thread.setDaemon(true);
    thread.start();
  }

  private void put(Object o) {
    try {
      while (!stopped && !queue.offer(o, 20, TimeUnit.MILLISECONDS)) {
        // the writer has stopped taking (it failed or was cancelled): give up then
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  SlotEntries take() {
    Object o;
    try {
      do {
        cancel.check();
        o = queue.poll(20, TimeUnit.MILLISECONDS);
      } while (o == null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancellation.CancelledException();
    }
    if (o instanceof RuntimeException r) {
      throw r;
    } else if (o instanceof Error r) {
      throw r;
    }
    return (SlotEntries) o;
  }

  @Override
  public void close() {
    stopped = true;
    queue.clear();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads the next chunk into {@code into}; returns the first slot after it (MAX_VALUE: last). */
  @FunctionalInterface
  interface ChunkReader {
    long next(SlotSink into);
  }
}
