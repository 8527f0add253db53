package io.codarestore.amanda;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves an {@code amanda.conf} to another place on disk: every quoted string value that starts with
 * the old root directory (logdir, infofile, indexdir, holding disk, the {@code chg-disk:} changer,
 * application properties) is rewritten to start with the new root. Used for Amanda configurations
 * shipped inside the program (the demo), whose absolute paths are those of the machine they were
 * made on. Only whole path components match: {@code /a/demo} does not rewrite {@code /a/demo2}.
 */
public final class ConfigRelocation {
  // A double-quoted amanda.conf string: backslash escapes anything, no raw newline inside.
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

  private ConfigRelocation() {}

  /** The text of {@code conf} with {@code oldRoot} replaced by {@code newRoot} in quoted values. */
  public static String relocate(String conf, Path oldRoot, Path newRoot) {
    String from = oldRoot.toString();
    String to = newRoot.toString();
    if (!oldRoot.isAbsolute() || !newRoot.isAbsolute()) {
      throw new IllegalArgumentException("roots must be absolute: " + from + ", " + to);
    }
    StringBuilder out = new StringBuilder(conf.length() + 256);
    Matcher m = QUOTED.matcher(conf);
    int last = 0;
    while (m.find()) {
      out.append(conf, last, m.start());
      // Compared and rewritten in quoted form, so other strings stay byte for byte as they were.
      out.append('"').append(rewrite(m.group(1), escape(from), escape(to))).append('"');
      last = m.end();
    }
    out.append(conf, last, conf.length());
    return out.toString();
  }

  private static String rewrite(String value, String from, String to) {
    // The changer is "chg-disk:/path": keep the scheme.
    int colon = value.indexOf(':');
    String prefix = "";
    String path = value;
    if (colon > 0 && value.startsWith("chg-")) {
      prefix = value.substring(0, colon + 1);
      path = value.substring(colon + 1);
    }
    if (path.equals(from)) {
      return prefix + to;
    }
    if (path.startsWith(from + "/")) {
      return prefix + to + path.substring(from.length());
    }
    return value;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
