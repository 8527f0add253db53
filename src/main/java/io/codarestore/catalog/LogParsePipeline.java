package io.codarestore.catalog;

import io.codarestore.amanda.AmandaLog;
import io.codarestore.amanda.AmandaLogDump;
import io.codarestore.amanda.AmandaLogParser;
import io.codarestore.catalog.LogDirectory.LogFileOnDisk;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads and parses candidate log files on worker threads, handing them out in order, with a bounded
 * number in flight so memory stays small.
 */
final class LogParsePipeline implements AutoCloseable {

  /** What the catalog knew of a log file at the last import. */
  record KnownLog(long id, String path, long size, long mtimeMs, String sha256) {}

  /** A log file read, hashed and (unless its content is known) parsed, off the main thread. */
  record Parsed(String sha256, AmandaLog log, List<AmandaLogDump> dumps, String error) {}

  private final AmandaLogParser parser;
  private final ExecutorService pool;
  private final ArrayDeque<Future<Parsed>> inFlight = new ArrayDeque<>();
  private final Iterator<LogFileOnDisk> files;
  private final Map<String, KnownLog> known;
  private final int window;

  LogParsePipeline(AmandaLogParser parser, List<LogFileOnDisk> files, Map<String, KnownLog> known) {
    this.parser = parser;
    // Parsing is the slower side of an import: one worker per core, the main thread inserts.
    int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "catalog-import-parser");
              t.setDaemon(true);
              return t;
            });
    this.files = files.iterator();
    this.known = known;
    this.window = workers * 4;
    fill();
  }

  private void fill() {
    while (inFlight.size() < window && files.hasNext()) {
      LogFileOnDisk f = files.next();
      KnownLog k = known.get(f.name());
      inFlight.add(pool.submit(() -> parse(f, k)));
    }
  }

  Parsed next() {
    Future<Parsed> head = inFlight.poll();
    fill();
    try {
      return head.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CatalogException("import interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Streams the file (never held whole: a log damaged into gigabytes of one line costs no more
   * memory than a good one): a known log is hashed first and only parsed if it changed.
   */
  private Parsed parse(LogFileOnDisk f, KnownLog k) {
    try {
      if (k != null) {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(f.path()), md)) {
          in.transferTo(OutputStream.nullOutputStream());
        }
        String sha = HexFormat.of().formatHex(md.digest());
        if (k.sha256().equals(sha)) {
          return new Parsed(sha, null, List.of(), null);
        }
      }
      MessageDigest md = sha256();
      AmandaLog log;
      try (InputStream in = new DigestInputStream(Files.newInputStream(f.path()), md)) {
        log = parser.parse(in, f.relPath());
      }
      return new Parsed(HexFormat.of().formatHex(md.digest()), log, log.dumps(), null);
    } catch (IOException e) {
      return new Parsed(null, null, List.of(), e.getMessage());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
