package io.codarestore.amanda;

/**
 * The statistics block {@code [sec S kb K kps R orig-kb O]} (taper lines say {@code bytes B}
 * instead of {@code kb}) at the end of a log line. Missing values are -1.
 */
public record AmandaLogStats(double seconds, long kb, long bytes, long origKb) {
  public static final AmandaLogStats NONE = new AmandaLogStats(-1, -1, -1, -1);

  /** Parses the words between {@code [} and {@code ]}; unknown keys are ignored. */
  static AmandaLogStats parse(String block) {
    String body = block.strip();
    if (body.startsWith("[")) {
      body = body.substring(1);
    }
    if (body.endsWith("]")) {
      body = body.substring(0, body.length() - 1);
    }
    String[] w = body.trim().split("\\s+");
    double sec = -1;
    long kb = -1;
    long bytes = -1;
    long orig = -1;
    for (int i = 0; i + 1 < w.length; i += 2) {
      String v = w[i + 1];
      try {
        switch (w[i]) {
          case "sec" -> sec = Double.parseDouble(v);
          case "kb" -> kb = (long) Double.parseDouble(v);
          case "bytes" -> bytes = Long.parseLong(v);
          case "orig-kb" -> orig = (long) Double.parseDouble(v);
          default -> {
            // kps and anything newer: not needed.
          }
        }
      } catch (NumberFormatException e) {
        // A garbled value only loses that statistic; the dump itself is still recorded.
      }
    }
    return new AmandaLogStats(sec, kb, bytes, orig);
  }
}
