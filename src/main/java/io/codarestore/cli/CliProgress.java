package io.codarestore.cli;

import io.codarestore.core.ProgressListener;
import java.io.PrintWriter;

/** Progress on stderr: a line per stage, and a percentage every few seconds for long ones. */
final class CliProgress implements ProgressListener {
  private static final long EVERY_NANOS = 5_000_000_000L;
  private final PrintWriter err;
  private final boolean quiet;
  private long last;
  private long started;

  CliProgress(PrintWriter err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
  }

  @Override
  public synchronized void stageStarted(String stage, long totalBytes) {
    started = System.nanoTime();
    last = started;
    if (!quiet) {
      err.println(stage + (totalBytes > 0 ? " (" + totalBytes + " bytes)" : ""));
    }
  }

  @Override
  public synchronized void progress(String stage, long done, long total) {
    long now = System.nanoTime();
    if (quiet || now - last < EVERY_NANOS || total <= 0) {
      return;
    }
    last = now;
    double secs = (now - started) / 1e9;
    double rate = done / Math.max(secs, 1e-9);
    long eta = rate > 0 ? (long) ((total - done) / rate) : -1;
    err.printf(
        "  %s: %d%% (%.1f MB/s, about %d s left)%n", stage, done * 100 / total, rate / 1e6, eta);
  }

  @Override
  public void warning(String message) {
    err.println("warning: " + message);
  }
}
