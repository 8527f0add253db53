package io.codarestore.dump;

import java.nio.charset.StandardCharsets;

/**
 * Text from a dump (volume names, symlink targets, names in messages) made safe for a terminal:
 * control characters (C0, DEL, C1), which could clear the screen or fake a line, become {@code %XX}
 * per UTF-8 byte, as in the names extraction writes ({@link SafeName}); everything else is kept.
 */
public final class Printable {
  private Printable() {}

  /** A string of a dump (one char per byte, as the reader gives it) as UTF-8 text, escaped. */
  public static String dumpString(String isoLatin1) {
    return of(new String(isoLatin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }

  public static String of(String s) {
    if (s == null) {
      return null;
    }
    int i = 0;
    while (i < s.length() && !control(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!control(c)) {
        b.append(c);
        continue;
      }
      for (byte x : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
        b.append('%')
            .append(Character.toUpperCase(Character.forDigit((x >> 4) & 15, 16)))
            .append(Character.toUpperCase(Character.forDigit(x & 15, 16)));
      }
    }
    return b.toString();
  }

  private static boolean control(char c) {
    return c < 0x20 || (c >= 0x7F && c < 0xA0);
  }
}
