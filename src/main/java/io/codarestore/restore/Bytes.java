package io.codarestore.restore;

import java.util.Locale;

/**
 * Byte counts for people, the one implementation both fronts use (the wizard through {@code
 * ui.common.Formats.bytes}): binary units, one decimal under 10 (1.5 GiB), whole numbers from 10 up
 * (320 KiB), "?" for an unknown (negative) count.
 */
public final class Bytes {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Bytes() {}

  public static String human(long n) {
    if (n < 0) {
      return "?";
    }
    if (n < 1024) {
      return n + " B";
    }
    double v = n;
    int u = 0;
    while (v >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, UNITS[u]);
  }
}
