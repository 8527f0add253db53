package io.codarestore.cli;

import io.codarestore.core.ProgressListener;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Progress on stderr: a line when a stage starts, and every few seconds the percentage, rate and
 * time left of a long stage (and of the whole run, the stage "overall").
 */
final class CliProgress implements ProgressListener {
  private static final long EVERY_NANOS = 5_000_000_000L;
  private final PrintWriter err;
  private final boolean quiet;
  private final Map<String, Long> started = new HashMap<>();
  private final Map<String, Long> shown = new HashMap<>();

  CliProgress(PrintWriter err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
  }

  @Override
  public synchronized void stageStarted(String stage, long totalBytes) {
    long now = System.nanoTime();
    started.put(stage, now);
    shown.put(stage, now);
    if (!quiet && !stage.equals("overall")) {
      err.println(stage + (totalBytes > 0 ? " (" + totalBytes + " bytes)" : ""));
    }
  }

  @Override
  public synchronized void progress(String stage, long done, long total) {
    long now = System.nanoTime();
    Long last = shown.get(stage);
    Long start = started.get(stage);
    if (quiet || total <= 0 || last == null || start == null || now - last < EVERY_NANOS) {
      return;
    }
    shown.put(stage, now);
    double secs = (now - start) / 1e9;
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
