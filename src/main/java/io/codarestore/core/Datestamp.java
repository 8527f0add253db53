package io.codarestore.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An Amanda run datestamp: {@code YYYYMMDDhhmmss}, or the old 8-digit {@code YYYYMMDD} that means a
 * whole day. Local wall-clock time, as Amanda writes it; parsed once here, so that nothing else
 * slices date strings. Ordered as amindexd orders them (spec amanda-chain-rule.md §1): by the
 * "nice" form, so an 8-digit stamp sorts before every 14-digit stamp of the same day.
 *
 * @param digits the 8 or 14 digits, checked to be a real calendar date and time of day
 */
public record Datestamp(String digits) implements Comparable<Datestamp> {
  private static final DateTimeFormatter D14 = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter SHOWN_DAY =
      DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);

  /** Thrown for text that is not a datestamp; the message quotes the text. */
  public static final class InvalidDatestampException extends UserFacingException {
    private static final long serialVersionUID = 1L;

    InvalidDatestampException(String message) {
      super(message);
    }
  }

  public Datestamp {
    if (digits == null) {
      throw new InvalidDatestampException(
          "missing datestamp (expected YYYYMMDD or YYYYMMDDhhmmss)");
    }
    if ((digits.length() != 8 && digits.length() != 14) || !allDigits(digits)) {
      throw new InvalidDatestampException(
          "'" + digits + "' is not an Amanda datestamp (expected YYYYMMDD or YYYYMMDDhhmmss)");
    }
    try {
      timeOf(digits);
    } catch (DateTimeException e) {
      throw new InvalidDatestampException(
          "'" + digits + "' is not an Amanda datestamp: no such date or time of day");
    }
  }

  /** Parses an 8- or 14-digit datestamp; {@link InvalidDatestampException} names bad text. */
  public static Datestamp parse(String text) {
    return new Datestamp(text);
  }

  /** True if {@code text} is a datestamp {@link #parse} accepts (a real date and time of day). */
  public static boolean isValid(String text) {
    if (text == null || (text.length() != 8 && text.length() != 14) || !allDigits(text)) {
      return false;
    }
    try {
      timeOf(text);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** The datestamp of a wall-clock time, to the second. */
  public static Datestamp of(LocalDateTime time) {
    return new Datestamp(D14.format(time.withNano(0)));
  }

  /** The 8-digit (whole-day) datestamp of a day. */
  public static Datestamp ofDay(LocalDate day) {
    return new Datestamp(
        String.format(
            Locale.ROOT, "%04d%02d%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
  }

  /** The datestamp Amanda would write for an instant in the given zone. */
  public static Datestamp at(Instant instant, ZoneId zone) {
    return of(LocalDateTime.ofInstant(instant, zone));
  }

  /** True for the old 8-digit form, which names a day and no time. */
  public boolean dayOnly() {
    return digits.length() == 8;
  }

  /** The wall-clock time (midnight for an 8-digit stamp). */
  public LocalDateTime time() {
    return timeOf(digits);
  }

  public LocalDate day() {
    return time().toLocalDate();
  }

  /** The instant this wall-clock time names in the given zone. */
  public Instant instant(ZoneId zone) {
    return time().atZone(zone).toInstant();
  }

  /** Amanda's nice form, {@code YYYY-MM-DD} or {@code YYYY-MM-DD-HH-MM-SS}, compared as text. */
  public String nice() {
    StringBuilder sb = new StringBuilder(19);
    sb.append(digits, 0, 4).append('-').append(digits, 4, 6).append('-').append(digits, 6, 8);
    if (!dayOnly()) {
      sb.append('-').append(digits, 8, 10).append('-').append(digits, 10, 12);
      sb.append('-').append(digits, 12, 14);
    }
    return sb.toString();
  }

  /** A target text ({@code YYYY-MM-DD} or {@code YYYY-MM-DDThh:mm:ss}) naming exactly this run. */
  public String target() {
    LocalDateTime t = time();
    String day = t.toLocalDate().toString();
    return dayOnly()
        ? day
        : day
            + String.format(
                Locale.ROOT, "T%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
  }

  /** "Wed 6 Mar 2024, 08:41" (the day only for 8-digit stamps). */
  public String shown() {
    return dayOnly() ? SHOWN_DAY.format(time()) : SHOWN.format(time());
  }

  /** "2024-03-06 08:41" (the day only for 8-digit stamps): sorts as text. */
  public String compact() {
    LocalDateTime t = time();
    return dayOnly()
        ? t.toLocalDate().toString()
        : t.toLocalDate() + String.format(Locale.ROOT, " %02d:%02d", t.getHour(), t.getMinute());
  }

  /** "20240306-084100": the time part of a restore run's id, safe in a file name. */
  public String runId() {
    return RUN_ID.format(time());
  }

  /** "Wed 6 Mar 2024": a day as the screens show it. */
  public static String shownDay(LocalDate day) {
    return SHOWN_DAY.format(day);
  }

  /**
   * The nice-form order, computed on the digits: the first 8 digits order days as the nice form
   * does, and within a day the 8-digit stamp is a prefix of every 14-digit one, so it sorts first
   * in both. Planning sorts years of dumps, so this allocates nothing.
   */
  @Override
  public int compareTo(Datestamp other) {
    return digits.compareTo(other.digits);
  }

  @Override
  public String toString() {
    return digits;
  }

  private static LocalDateTime timeOf(String digits) {
    int year = Integer.parseInt(digits.substring(0, 4));
    int month = Integer.parseInt(digits.substring(4, 6));
    int day = Integer.parseInt(digits.substring(6, 8));
    if (digits.length() == 8) {
      return LocalDate.of(year, month, day).atStartOfDay();
    }
    return LocalDateTime.of(
        year,
        month,
        day,
        Integer.parseInt(digits.substring(8, 10)),
        Integer.parseInt(digits.substring(10, 12)),
        Integer.parseInt(digits.substring(12, 14)));
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
