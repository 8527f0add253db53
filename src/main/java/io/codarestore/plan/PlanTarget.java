package io.codarestore.plan;

import io.codarestore.core.Datestamp;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The point in time to restore to, compared the way amrecover's {@code setdate} does (spec
 * amanda-chain-rule.md §1): a date alone, or a date with time 00:00:00, means the end of that day,
 * inclusive; a date-time is inclusive to the second. Local time, no time zones, as in Amanda.
 *
 * @param text the target as the user gave it
 * @param point the last datestamp covered: 8 digits when the whole day counts, else 14
 */
public record PlanTarget(String text, Datestamp point) {
  private static final Pattern FORM =
      Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2}))?)?");

  /** Parses {@code YYYY-MM-DD}, {@code YYYY-MM-DDTHH:MM} or {@code YYYY-MM-DDTHH:MM:SS}. */
  public static PlanTarget parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new PlanException(
          "target date '" + text + "' is not YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS");
    }
    LocalDate date;
    try {
      date =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      throw new PlanException("target date '" + text + "' is not a calendar date");
    }
    if (m.group(4) == null) {
      return new PlanTarget(text, Datestamp.ofDay(date));
    }
    LocalTime time;
    try {
      time =
          LocalTime.of(
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
    } catch (DateTimeException e) {
      throw new PlanException("target time in '" + text + "' is not a time of day");
    }
    if (time.equals(LocalTime.MIDNIGHT)) {
      // Amanda: midnight means the whole day.
      return new PlanTarget(text, Datestamp.ofDay(date));
    }
    return new PlanTarget(text, Datestamp.of(date.atTime(time)));
  }

  /** The target that selects exactly the run of this datestamp as the newest dump. */
  public static PlanTarget at(Datestamp datestamp) {
    return parse(datestamp.target());
  }

  /**
   * The string compared with a dump's nice date over its own length ({@code YYYY-MM-DD} or {@code
   * YYYY-MM-DD-HH-MM-SS}).
   */
  public String key() {
    return point.nice();
  }

  /**
   * True if a dump of this datestamp is at or before the target: on or before the day when the
   * whole day counts, else at or before the second (an 8-digit dump of the target's day, which
   * names that day and no time, counts).
   */
  public boolean covers(Datestamp datestamp) {
    return point.dayOnly()
        ? !datestamp.day().isAfter(point.day())
        : datestamp.compareTo(point) <= 0;
  }
}
