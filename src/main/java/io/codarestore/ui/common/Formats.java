package io.codarestore.ui.common;

import io.codarestore.restore.Bytes;
import java.time.Duration;
import java.util.Locale;

/** How sizes, rates and durations are written on screen. */
public final class Formats {
  private Formats() {}

  /** A byte count as both fronts write it (the core's {@link Bytes#human}). */
  public static String bytes(long n) {
    return Bytes.human(n);
  }

  public static String rate(double bytesPerSecond) {
    if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
      return "–";
    }
    return bytes((long) bytesPerSecond) + "/s";
  }

  /** "1 h 02 min", "3 min 07 s", "12 s"; a dash when unknown. */
  public static String duration(Duration d) {
    if (d == null || d.isNegative()) {
      return "–";
    }
    long s = d.getSeconds();
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return s + " s";
  }

  /** "1 file", "2 files". */
  public static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
