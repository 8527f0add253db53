package io.codarestore.plan;

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
 * @param key the string compared with a dump's nice date over its own length ({@code YYYY-MM-DD} or
 *     {@code YYYY-MM-DD-HH-MM-SS})
 */
public record PlanTarget(String text, String key) {
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
    String day = date.toString();
    if (m.group(4) == null) {
      return new PlanTarget(text, day);
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
      return new PlanTarget(text, day); // Amanda: midnight means the whole day.
    }
    return new PlanTarget(
        text,
        String.format(
            "%s-%02d-%02d-%02d", day, time.getHour(), time.getMinute(), time.getSecond()));
  }

  /** True if a dump of this datestamp is at or before the target. */
  public boolean covers(String datestamp) {
    String nice = AmandaDates.nice(datestamp);
    String cut = nice.length() > key.length() ? nice.substring(0, key.length()) : nice;
    return cut.compareTo(key) <= 0;
  }
}
