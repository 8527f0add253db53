package io.codarestore.backup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application-tool's properties, as Amanda passes them ({@code --volutil PATH} etc.), checked.
 *
 * @param volutil the volutil program (a name found on PATH, or an absolute path)
 * @param volutilHost the server volutil talks to ({@code -h}), or null for the local server
 * @param cloneMaxAge a backup clone older than this is refreshed before estimate and backup
 * @param estimate how sizes are estimated
 * @param problems what is wrong with the given properties (unknown names, bad values)
 */
public record AmcodaProperties(
    String volutil,
    String volutilHost,
    Duration cloneMaxAge,
    EstimateMode estimate,
    List<String> problems) {

  /** The default of {@code --clone-max-age}: the 2004 wrappers' four hours. */
  public static final Duration DEFAULT_CLONE_MAX_AGE = Duration.ofHours(4);

  /** The default of {@code --estimate}; see README "Backing Coda volumes up with Amanda". */
  public static final EstimateMode DEFAULT_ESTIMATE = EstimateMode.DUMP;

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

  public AmcodaProperties {
    problems = List.copyOf(problems);
  }

  /** How dump sizes are estimated (never with {@code volutil dumpestimate}). */
  public enum EstimateMode {
    /**
     * Every level: the volume's disk usage ({@code getvolumelist} U). Cheapest, too big for
     * incrementals.
     */
    DISKUSED,
    /** Level 0: disk usage; each incremental level: that dump made into a byte counter. Exact. */
    DUMP,
    /**
     * Level 0: disk usage; incremental levels: the size of this volume's last dump at that level.
     */
    HISTORY;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Checks raw property values ({@code null} where not given) and names of properties that this
   * Application does not know.
   */
  public static AmcodaProperties of(
      String volutil, String host, String maxAge, String estimate, List<String> unknown) {
    List<String> problems = new ArrayList<>();
    for (String u : unknown) {
      problems.add(
          "unknown property "
              + u
              + " (amcoda knows volutil, volutil-host, clone-max-age, estimate)");
    }
    String prog = volutil == null || volutil.isBlank() ? "volutil" : volutil;
    Duration age = DEFAULT_CLONE_MAX_AGE;
    if (maxAge != null) {
      age = parseDuration(maxAge);
      if (age == null) {
        problems.add(
            "property clone-max-age \"" + maxAge + "\" is not a duration (e.g. 4h, 90m, 1d, 0)");
        age = DEFAULT_CLONE_MAX_AGE;
      }
    }
    EstimateMode mode = DEFAULT_ESTIMATE;
    if (estimate != null) {
      mode = null;
      for (EstimateMode m : EstimateMode.values()) {
        if (m.word().equals(estimate.strip().toLowerCase(Locale.ROOT))) {
          mode = m;
        }
      }
      if (mode == null) {
        problems.add("property estimate \"" + estimate + "\" must be diskused, dump or history");
        mode = DEFAULT_ESTIMATE;
      }
    }
    if (host != null && (host.isBlank() || host.startsWith("-"))) {
      problems.add("property volutil-host \"" + host + "\" is not a host name");
      host = null;
    }
    return new AmcodaProperties(prog, host, age, mode, problems);
  }

  /** {@code 4h}, {@code 90m}, {@code 30s}, {@code 1d}, or plain seconds; null if not one. */
  static Duration parseDuration(String s) {
    Matcher m = DURATION.matcher(s.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
