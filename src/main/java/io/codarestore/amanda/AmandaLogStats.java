package io.codarestore.amanda;

/**
 * The statistics block {@code [sec S kb K kps R orig-kb O]} (taper lines say {@code bytes B}
 * instead of {@code kb}) at the end of a log line. Missing values are -1.
 */
public record AmandaLogStats(double seconds, long kb, long bytes, long origKb) {
  public static final AmandaLogStats NONE = new AmandaLogStats(-1, -1, -1, -1);

  /** Parses the words between {@code [} and {@code ]}; unknown keys are ignored. */
  static AmandaLogStats parse(String block) {
    int n = block.length();
    int i = 0;
    double sec = -1;
    long kb = -1;
    long bytes = -1;
    long orig = -1;
    String key = null;
    while (i < n) {
      char c = block.charAt(i);
      if (c == ' ' || c == '\t' || c == '[' || c == ']') {
        i++;
        continue;
      }
      int start = i;
      while (i < n && block.charAt(i) != ' ' && block.charAt(i) != '\t' && block.charAt(i) != ']') {
        i++;
      }
      if (key == null) {
        key = block.substring(start, i);
        continue;
      }
      switch (key) {
        case "sec" -> sec = decimal(block, start, i);
        case "kb" -> kb = (long) decimal(block, start, i);
        case "bytes" -> bytes = (long) decimal(block, start, i);
        case "orig-kb" -> orig = (long) decimal(block, start, i);
        default -> {
          // kps and anything newer: not needed.
        }
      }
      key = null;
    }
    return new AmandaLogStats(sec, kb, bytes, orig);
  }

  /** A non-negative number; -1 if garbled (a garbled value only loses that statistic). */
  private static double decimal(String s, int from, int to) {
    long v = 0;
    int i = from;
    while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - from < 18) {
      v = v * 10 + (s.charAt(i) - '0');
      i++;
    }
    if (i == to && i > from) {
      return v;
    }
    try {
      double d = Double.parseDouble(s.substring(from, to));
      return d >= 0 && !Double.isNaN(d) ? d : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
