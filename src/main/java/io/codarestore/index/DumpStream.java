package io.codarestore.index;

import io.codarestore.amanda.DumpFetcher;
import io.codarestore.amanda.FetchResult;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ChunkPipe;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.DumpReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Reads a dump straight off its media: the fetcher (vtape or holding-disk files, decompressed) runs
 * on a worker thread and hands the plain dump through a pipe to a {@link DumpReader} on the
 * caller's thread. Nothing is written to disk. The fetch's own error (which names the part and what
 * is wrong) is reported before the reader's.
 */
final class DumpStream {
  private static final int PIPE_CHUNKS = 8;

  private DumpStream() {}

  /** What the consumer returned, with what the fetch read. */
  record Read<T>(T value, FetchResult fetch) {}

  static <T> Read<T> read(
      DumpFetcher fetcher,
      CatalogDump dump,
      ProgressListener progress,
      Cancellation cancel,
      Function<DumpReader, T> consumer) {
    return read(fetcher, dump, progress, cancel, consumer, true);
  }

  /**
   * As {@link #read}, but the consumer may stop before the end: the fetch is then stopped too (its
   * checksums are not checked, having not read everything) and what it says about being stopped is
   * not an error.
   */
  static <T> T readPart(
      DumpFetcher fetcher,
      CatalogDump dump,
      ProgressListener progress,
      Cancellation cancel,
      Function<DumpReader, T> consumer) {
    return read(fetcher, dump, progress, cancel, consumer, false).value();
  }

  private static <T> Read<T> read(
      DumpFetcher fetcher,
      CatalogDump dump,
      ProgressListener progress,
      Cancellation cancel,
      Function<DumpReader, T> consumer,
      boolean toTheEnd) {
    Cancellation fetchCancel = toTheEnd ? cancel : Cancellation.none();
    ChunkPipe pipe = new ChunkPipe(toTheEnd ? PIPE_CHUNKS : 1);
    AtomicReference<RuntimeException> fetchError = new AtomicReference<>();
    AtomicReference<FetchResult> result = new AtomicReference<>();
    OutputStream out = pipe.output();
    Thread worker =
        new Thread(
            () -> {
              try (out) {
                result.set(fetcher.fetch(dump.toFetchRequest(), out, progress, fetchCancel));
              } catch (RuntimeException e) {
                fetchError.set(e);
              } catch (IOException e) {
                fetchError.set(new UserFacingException("pipe failed: " + e.getMessage(), e));
              }
            },
            "index-fetch");
    worker.setDaemon(true);
    worker.start();
    T value;
    InputStream in = pipe.input();
    try (in;
        DumpReader reader =
            new DumpReader(in, dump.host() + ":" + dump.volume() + " " + dump.datestamp())) {
      value = consumer.apply(reader);
      if (!toTheEnd) {
        fetchCancel.cancel();
      }
    } catch (RuntimeException | IOException e) {
      join(worker);
      if (fetchError.get() != null) {
        throw fetchError.get();
      }
      if (e instanceof IOException io) {
        throw new UserFacingException("reading the dump failed: " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
    join(worker);
    if (fetchError.get() != null && toTheEnd) {
      throw fetchError.get();
    }
    return new Read<>(value, result.get());
  }

  private static void join(Thread worker) {
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancellation.CancelledException();
    }
  }
}
