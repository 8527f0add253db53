package io.codarestore.ui.date;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.core.Datestamp;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.plan.RestorePoint;
import io.codarestore.ui.common.ErrorDialog;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The Date page's state and rules, without a toolkit: a volume's dumps and restore points by day,
 * which days are green (a restore point) or red (dumps, none usable, with the planner's reason),
 * which day to show first, and the words for a day.
 */
public final class DateModel {
  /** How the calendar marks a day. */
  public enum DayMark {
    NONE,
    RESTORABLE,
    RESTORABLE_FULL,
    BROKEN
  }

  private static final Comparator<RestorePoint> OLDEST_FIRST =
      Comparator.comparing(RestorePoint::datestamp);

  private final NavigableMap<LocalDate, DayDumps> days;

  DateModel(Map<LocalDate, DayDumps> days) {
    this.days = new TreeMap<>(days);
  }

  /** Reads the volume's restore points and dumps and asks the planner why red days are red. */
  public static DateModel load(Catalog catalog, CatalogVolume volume, ChainPlanner planner) {
    Map<LocalDate, DayDumps> days =
        DayDumps.byDay(
            planner.restorablePoints(catalog, volume.host(), volume.volume()),
            catalog.dumps(volume));
    for (var e : days.entrySet()) {
      DayDumps d = e.getValue();
      if (!d.restorable() && !d.dumps().isEmpty()) {
        e.setValue(d.withWhyNot(whyNot(catalog, volume, planner, d)));
      }
    }
    return new DateModel(days);
  }

  /** Why the day's last dump is no restore point: the planner's gap, as `plan` says it. */
  private static String whyNot(
      Catalog catalog, CatalogVolume volume, ChainPlanner planner, DayDumps d) {
    Datestamp last = d.dumps().stream().map(CatalogDump::datestamp).max(Datestamp::compareTo).get();
    try {
      RestorePlan plan = planner.plan(catalog, volume.host(), volume.volume(), PlanTarget.at(last));
      return plan.gap() == null ? null : plan.gap().reason();
    } catch (RuntimeException e) {
      return null; // the day says no more than before
    }
  }

  /** The day's dumps and points, or null when nothing was dumped and nothing restores to it. */
  public DayDumps day(LocalDate day) {
    return days.get(day);
  }

  /** Every restore point of the volume, newest first. */
  public List<RestorePoint> pointsNewestFirst() {
    return days.values().stream()
        .flatMap(d -> d.points().stream())
        .sorted(OLDEST_FIRST.reversed())
        .toList();
  }

  /** The restore points of one day, oldest first (empty for a day without one). */
  public List<RestorePoint> pointsOn(LocalDate day) {
    DayDumps d = days.get(day);
    return d == null ? List.of() : d.points().stream().sorted(OLDEST_FIRST).toList();
  }

  /** The day to show first: the newest green day, else the newest day with dumps, else today. */
  public LocalDate firstDay(LocalDate today) {
    return days.values().stream()
        .filter(DayDumps::restorable)
        .map(DayDumps::day)
        .max(Comparator.naturalOrder())
        .orElse(days.isEmpty() ? today : days.lastKey());
  }

  /** The day of a restore point. */
  public static LocalDate dayOf(RestorePoint p) {
    return p.datestamp().day();
  }

  /** How the calendar marks a day: green (darker with a full dump), red, or not at all. */
  public DayMark mark(LocalDate day) {
    DayDumps d = days.get(day);
    if (d == null) {
      return DayMark.NONE;
    }
    if (d.restorable()) {
      return d.points().stream().anyMatch(p -> p.level() == 0)
          ? DayMark.RESTORABLE_FULL
          : DayMark.RESTORABLE;
    }
    return d.dumps().isEmpty() ? DayMark.NONE : DayMark.BROKEN;
  }

  /** The tooltip of a marked day, or null. */
  public String tooltip(LocalDate day) {
    DayDumps d = days.get(day);
    return switch (mark(day)) {
      case NONE -> null;
      case RESTORABLE, RESTORABLE_FULL -> d.points().size() + " restore point(s): " + d.levels();
      case BROKEN ->
          "Dumps made but none usable: "
              + d.levels()
              + (d.whyNot() == null ? "" : "\n" + d.whyNot());
    };
  }

  /** The words under the calendar for a day: its dumps, and why it has no restore point. */
  public String describe(LocalDate day) {
    DayDumps d = days.get(day);
    String shown = Datestamp.shownDay(day);
    if (d == null || d.dumps().isEmpty() && d.points().isEmpty()) {
      return shown + ": no dump was made.";
    }
    StringBuilder b = new StringBuilder(shown).append(":");
    for (CatalogDump c : d.dumps()) {
      b.append("\n• level ")
          .append(c.level())
          .append(" at ")
          .append(time(c.datestamp()))
          .append(" — ")
          .append(c.state().code());
      var a = c.availability();
      if (!a.readable() && a.reason() != null) {
        b.append(" (").append(a.reason()).append(")");
      }
    }
    if (!d.restorable()) {
      b.append("\nNo restore point on this day")
          .append(d.whyNot() == null ? "" : ": " + ErrorDialog.sentence(d.whyNot()))
          .append(d.whyNot() == null ? ": choose" : " Choose")
          .append(" a green day.");
    }
    return b.toString();
  }

  /** "08:41", or "(no time recorded)" for an 8-digit datestamp. */
  public static String time(Datestamp d) {
    LocalDateTime t = d.time();
    return d.dayOnly()
        ? "(no time recorded)"
        : String.format("%02d:%02d", t.getHour(), t.getMinute());
  }
}
