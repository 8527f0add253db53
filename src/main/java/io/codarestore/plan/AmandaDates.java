package io.codarestore.plan;

/**
 * Amanda's "nice" form of a run datestamp, the string amindexd compares (spec amanda-chain-rule.md
 * §1): {@code YYYY-MM-DD-HH-MM-SS} for 14 digits, {@code YYYY-MM-DD} for old 8-digit datestamps, so
 * that an 8-digit dump sorts before every 14-digit dump of the same day.
 */
public final class AmandaDates {
  private AmandaDates() {}

  public static String nice(String datestamp) {
    String d = datestamp;
    StringBuilder sb = new StringBuilder(19);
    sb.append(d, 0, 4).append('-').append(d, 4, 6).append('-').append(d, 6, 8);
    if (d.length() >= 14) {
      sb.append('-').append(d, 8, 10).append('-').append(d, 10, 12).append('-').append(d, 12, 14);
    }
    return sb.toString();
  }

  /** A target string that selects exactly the run of this datestamp as the newest dump. */
  public static String targetFor(String datestamp) {
    String d = datestamp;
    if (d.length() < 14) {
      return d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6, 8);
    }
    return d.substring(0, 4)
        + "-"
        + d.substring(4, 6)
        + "-"
        + d.substring(6, 8)
        + "T"
        + d.substring(8, 10)
        + ":"
        + d.substring(10, 12)
        + ":"
        + d.substring(12, 14);
  }
}
