package io.codarestore.ui.common;

import java.time.Duration;

/**
 * One stage of a running job as the screen shows it: bytes done against the total (-1 when
 * unknown), the rate since the stage started and the time left at that rate.
 */
public record StageProgress(
    String stage, long doneBytes, long totalBytes, long startNanos, long nowNanos, State state) {

  /** Where the stage is. */
  public enum State {
    RUNNING,
    DONE
  }

  /** 0..1, or -1 for an indeterminate bar. */
  public double fraction() {
    if (state == State.DONE) {
      return 1;
    }
    if (totalBytes <= 0) {
      return -1;
    }
    return Math.min(1.0, (double) doneBytes / totalBytes);
  }

  public double bytesPerSecond() {
    double seconds = (nowNanos - startNanos) / 1e9;
    return seconds > 0.05 ? doneBytes / seconds : 0;
  }

  /** Null when it cannot be told yet. */
  public Duration eta() {
    double rate = bytesPerSecond();
    if (state == State.DONE) {
      return Duration.ZERO;
    }
    if (totalBytes <= 0 || rate <= 0 || doneBytes > totalBytes) {
      return null;
    }
    return Duration.ofSeconds((long) Math.ceil((totalBytes - doneBytes) / rate));
  }
}
