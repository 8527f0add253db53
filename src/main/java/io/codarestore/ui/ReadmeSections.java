package io.codarestore.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The README shipped inside the program (the build copies it in), cut into its sections so that the
 * Help menu can show one offline.
 */
final class ReadmeSections {
  static final String RESOURCE = "/io/codarestore/help/README.md";

  /** The sections the Help menu offers: the heading as in the README. */
  static final List<String> OFFERED =
      List.of(
          "The wizard",
          "Settings, catalog and logs",
          "Finding files and versions",
          "Command reference",
          "Install",
          "Backing Coda volumes up with Amanda",
          "Set-up (fresh Debian 12 with JDK 17 and Maven)");

  private ReadmeSections() {}

  /** The README's text, or null when the program was built without it. */
  static String readme() {
    try (InputStream in = ReadmeSections.class.getResourceAsStream(RESOURCE)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The section under {@code heading} (any level), up to the next heading of the same or a higher
   * level; null when the README has no such heading.
   */
  static String section(String readme, String heading) {
    String[] lines = readme.split("\n", -1);
    int level = 0;
    StringBuilder b = new StringBuilder();
    boolean fenced = false;
    for (String line : lines) {
      boolean fence = line.startsWith("```");
      int l = fenced || fence ? 0 : level(line);
      if (level == 0) {
        if (l > 0 && line.substring(l).strip().equals(heading)) {
          level = l;
          b.append(line).append('\n');
        }
      } else if (l > 0 && l <= level) {
        break;
      } else {
        b.append(line).append('\n');
      }
      if (fence) {
        fenced = !fenced;
      }
    }
    return level == 0 ? null : b.toString().strip();
  }

  private static int level(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == '#') {
      n++;
    }
    return n > 0 && n < line.length() && line.charAt(n) == ' ' ? n : 0;
  }
}
