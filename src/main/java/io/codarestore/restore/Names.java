package io.codarestore.restore;

import io.codarestore.core.UserFacingException;

/**
 * Checks names this program passes on to Coda's tools (volume names, servers, partitions): a
 * control character (a newline, an escape) would end up in a server's database and in every command
 * line printed for the admin, so it is refused with the name shown escaped.
 */
public final class Names {
  private Names() {}

  /** Refuses a name with a control character; null and blank pass (optional values). */
  public static void checkPassedOn(String what, String name) {
    if (name == null) {
      return;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        throw new UserFacingException(
            what
                + " '"
                + escaped(name)
                + "' contains a control character (U+"
                + String.format("%04X", (int) c)
                + "); give a name without one");
      }
    }
  }

  /** The name with control characters shown as \\n, \\t or \\uXXXX. */
  public static String escaped(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (Character.isISOControl(c)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
