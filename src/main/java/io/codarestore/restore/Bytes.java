package io.codarestore.restore;

import java.util.Locale;

/** Byte counts for people: 1.5 GiB, 320 KiB. */
public final class Bytes {
  private Bytes() {}

  public static String human(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
