package io.codarestore.amanda;

import java.util.Objects;

/**
 * A line of an Amanda file that could not be used: which file, which line (1-based; 0 for the file
 * as a whole) and what was wrong. Problems are reported and counted, never fatal.
 */
public record LineProblem(String file, int line, String message) {
  public LineProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
