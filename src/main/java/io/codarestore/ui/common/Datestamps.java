package io.codarestore.ui.common;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Amanda datestamps (8 or 14 digits, local time) as the screen shows them. */
public final class Datestamps {
  private static final DateTimeFormatter D14 = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
  private static final DateTimeFormatter D8 = DateTimeFormatter.ofPattern("uuuuMMdd");
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter SHOWN_DAY =
      DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);

  private Datestamps() {}

  /** The time of a datestamp (midnight for 8 digits), or null if it is not one. */
  public static LocalDateTime time(String datestamp) {
    if (datestamp == null) {
      return null;
    }
    try {
      if (datestamp.length() == 14) {
        return LocalDateTime.parse(datestamp, D14);
      }
      if (datestamp.length() == 8) {
        return LocalDate.parse(datestamp, D8).atStartOfDay();
      }
    } catch (DateTimeParseException e) {
      return null;
    }
    return null;
  }

  public static LocalDate day(String datestamp) {
    LocalDateTime t = time(datestamp);
    return t == null ? null : t.toLocalDate();
  }

  /** "Wed 6 Mar 2024, 08:41" (the day only for 8-digit datestamps); the raw text if unparsable. */
  public static String shown(String datestamp) {
    LocalDateTime t = time(datestamp);
    if (t == null) {
      return datestamp == null ? "" : datestamp;
    }
    return datestamp.length() == 8 ? SHOWN_DAY.format(t) : SHOWN.format(t);
  }

  /** "2024-03-06 08:41": sorts as text. */
  public static String compact(String datestamp) {
    LocalDateTime t = time(datestamp);
    if (t == null) {
      return datestamp == null ? "" : datestamp;
    }
    return datestamp.length() == 8
        ? t.toLocalDate().toString()
        : t.toLocalDate()
            + " "
            + String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
  }

  public static String dayShown(LocalDate d) {
    return SHOWN_DAY.format(d);
  }
}
