package io.codarestore.dump;

import java.nio.charset.StandardCharsets;

/**
 * A directory entry's name as it may be written to a local file system or a tar file. Coda names
 * are bytes; a name from a dump can hold anything but NUL, including bytes a local tree must not
 * see. A name is kept as it is when it is valid UTF-8 without '/', control characters (C0, DEL, C1)
 * and is not "." or ".."; otherwise every offending byte becomes {@code %XX} (hex) and {@code
 * problem} says why.
 *
 * @param name the name to write (never empty, never "." or "..", no '/', no control characters)
 * @param problem null when the name is kept as it is, else why it was changed
 */
record SafeName(String name, String problem) {
  /** Longest name most local file systems accept (bytes of UTF-8). */
  static final int NAME_MAX = 255;

  static SafeName of(byte[] raw) {
    if (raw.length == 0) {
      return new SafeName("%00", "is empty");
    }
    if (isDots(raw)) {
      // Only reached for a name that is not Coda's own "." or ".." entry; make it inert.
      StringBuilder b = new StringBuilder();
      for (byte x : raw) {
        hex(b, x);
      }
      return new SafeName(
          b.toString(), "is \"" + new String(raw, StandardCharsets.US_ASCII) + "\"");
    }
    StringBuilder out = new StringBuilder(raw.length + 8);
    boolean slash = false;
    boolean control = false;
    boolean invalid = false;
    int i = 0;
    while (i < raw.length) {
      int b = raw[i] & 0xFF;
      if (b < 0x80) {
        if (b == '/') {
          slash = true;
          hex(out, raw[i]);
        } else if ((b < 0x20 && b != '\t') || b == 0x7F) {
          control = true;
          hex(out, raw[i]);
        } else {
          out.append((char) b);
        }
        i++;
        continue;
      }
      int n = utf8Length(raw, i);
      if (n == 0) {
        invalid = true;
        hex(out, raw[i]);
        i++;
        continue;
      }
      int cp = codePoint(raw, i, n);
      if (cp >= 0x80 && cp <= 0x9F) {
        control = true;
        for (int k = 0; k < n; k++) {
          hex(out, raw[i + k]);
        }
      } else {
        out.appendCodePoint(cp);
      }
      i += n;
    }
    if (!slash && !control && !invalid) {
      return new SafeName(out.toString(), null);
    }
    StringBuilder why = new StringBuilder();
    if (slash) {
      why.append("contains '/'");
    }
    if (control) {
      why.append(why.length() > 0 ? ", " : "").append("contains control characters");
    }
    if (invalid) {
      why.append(why.length() > 0 ? ", " : "").append("is not valid UTF-8");
    }
    return new SafeName(limit(out.toString()), why.toString());
  }

  /**
   * A symlink target: any bytes but NUL and invalid UTF-8 are kept ('/' and ".." are a target's
   * business; a link is created, never followed). NUL and invalid bytes become %XX.
   */
  static SafeName linkTarget(byte[] raw) {
    if (raw.length == 0) {
      return new SafeName("", "is empty");
    }
    StringBuilder out = new StringBuilder(raw.length);
    boolean nul = false;
    boolean invalid = false;
    int i = 0;
    while (i < raw.length) {
      int b = raw[i] & 0xFF;
      if (b == 0) {
        nul = true;
        hex(out, raw[i++]);
      } else if (b < 0x80) {
        out.append((char) b);
        i++;
      } else {
        int n = utf8Length(raw, i);
        if (n == 0) {
          invalid = true;
          hex(out, raw[i++]);
        } else {
          out.appendCodePoint(codePoint(raw, i, n));
          i += n;
        }
      }
    }
    if (!nul && !invalid) {
      return new SafeName(out.toString(), null);
    }
    return new SafeName(
        out.toString(),
        nul && invalid
            ? "contains NUL and is not valid UTF-8"
            : nul ? "contains NUL" : "is not valid UTF-8");
  }

  /** The same name with a suffix that makes it unique in its directory. */
  SafeName withSuffix(int n, String reason) {
    String base = name;
    String suffix = "~" + n;
    while (utf8Bytes(base) + suffix.length() > NAME_MAX) {
      base = base.substring(0, base.offsetByCodePoints(base.length(), -1));
    }
    String why = problem == null ? reason : problem + "; " + reason;
    return new SafeName(base + suffix, why);
  }

  /**
   * The raw bytes of a name for messages, in double quotes: printable ASCII and valid UTF-8 text as
   * is, everything else (controls, invalid bytes, the quote and the backslash) as \xHH.
   */
  static String escape(byte[] raw) {
    StringBuilder b = new StringBuilder(raw.length + 2);
    b.append('"');
    int i = 0;
    while (i < raw.length) {
      int c = raw[i] & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        b.append((char) c);
        i++;
        continue;
      }
      int n = c >= 0x80 ? utf8Length(raw, i) : 0;
      if (n > 0 && codePoint(raw, i, n) >= 0xA0) {
        b.appendCodePoint(codePoint(raw, i, n));
        i += n;
        continue;
      }
      b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      i++;
    }
    return b.append('"').toString();
  }

  /** A written name for messages: escaped the same way as raw names. */
  static String escape(String name) {
    return escape(name.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isDots(byte[] raw) {
    return (raw.length == 1 && raw[0] == '.')
        || (raw.length == 2 && raw[0] == '.' && raw[1] == '.');
  }

  private static String limit(String s) {
    while (utf8Bytes(s) > NAME_MAX) {
      s = s.substring(0, s.offsetByCodePoints(s.length(), -1));
    }
    return s;
  }

  private static int utf8Bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void hex(StringBuilder b, byte x) {
    int c = x & 0xFF;
    b.append('%')
        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
  }

  /** Length of the well-formed UTF-8 sequence at {@code i} (2..4), or 0 if it is not one. */
  private static int utf8Length(byte[] b, int i) {
    int c = b[i] & 0xFF;
    int n;
    int lo = 0x80;
    int hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      if (c == 0xE0) {
        lo = 0xA0;
      } else if (c == 0xED) {
        hi = 0x9F;
      }
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      if (c == 0xF0) {
        lo = 0x90;
      } else if (c == 0xF4) {
        hi = 0x8F;
      }
    } else {
      return 0;
    }
    if (i + n > b.length) {
      return 0;
    }
    int second = b[i + 1] & 0xFF;
    if (second < lo || second > hi) {
      return 0;
    }
    for (int k = 2; k < n; k++) {
      int x = b[i + k] & 0xFF;
      if (x < 0x80 || x > 0xBF) {
        return 0;
      }
    }
    return n;
  }

  private static int codePoint(byte[] b, int i, int n) {
    int cp = (b[i] & 0xFF) & (0xFF >> (n + 1));
    for (int k = 1; k < n; k++) {
      cp = (cp << 6) | (b[i + k] & 0x3F);
    }
    return cp;
  }
}
