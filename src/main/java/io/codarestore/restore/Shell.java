package io.codarestore.restore;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Quotes commands for the runbook, so an admin can paste them into a POSIX shell. The program
 * itself never runs a shell: it passes argument arrays.
 */
public final class Shell {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,^-]+");

  private Shell() {}

  public static String quote(String arg) {
    if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  public static String join(List<String> argv) {
    StringBuilder b = new StringBuilder();
    for (String a : argv) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(quote(a));
    }
    return b.toString();
  }
}
