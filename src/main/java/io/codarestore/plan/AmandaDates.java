package io.codarestore.plan;

import io.codarestore.core.Datestamp;

/**
 * String-in, string-out shims over {@link Datestamp} for callers not yet moved to the type ({@code
 * restore.RestoreJob}, {@code index}); new code uses {@link Datestamp} directly.
 *
 * <p>New code uses {@link Datestamp#nice()} and {@link Datestamp#target()}
 */
public final class AmandaDates {
  private AmandaDates() {}

  /** Amanda's nice form of a datestamp; see {@link Datestamp#nice()}. */
  public static String nice(String datestamp) {
    return Datestamp.parse(datestamp).nice();
  }

  /** A target string that selects exactly the run of this datestamp as the newest dump. */
  public static String targetFor(String datestamp) {
    return Datestamp.parse(datestamp).target();
  }
}
