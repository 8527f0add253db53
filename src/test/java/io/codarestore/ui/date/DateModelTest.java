package io.codarestore.ui.date;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogPart;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.core.Datestamp;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePoint;
import io.codarestore.ui.DemoCatalog;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Date page's rules, without a window. */
class DateModelTest {
  private long ids;

  private CatalogDump dump(String ds, int level, DumpStatus status) {
    CatalogPart p =
        new CatalogPart(
            1, "T-" + ds, 1, Datestamp.parse(ds), 100, false, null, Datestamp.parse(ds));
    return new CatalogDump(
        ++ids,
        "h",
        "v",
        Datestamp.parse(ds),
        level,
        status,
        1,
        100,
        1,
        null,
        null,
        null,
        ".gz",
        false,
        null,
        "log." + ds + ".0",
        1,
        List.of(p),
        null);
  }

  private static RestorePoint point(String ds, int level) {
    return new RestorePoint(Datestamp.parse(ds), level, Datestamp.parse(ds).target());
  }

  private DateModel synthetic() {
    List<RestorePoint> points =
        List.of(point("20240301010000", 0), point("20240303020000", 1), point("20240303010000", 1));
    List<CatalogDump> dumps =
        List.of(
            dump("20240301010000", 0, DumpStatus.OK),
            dump("20240302010000", 1, DumpStatus.FAILED),
            dump("20240303010000", 1, DumpStatus.OK),
            dump("20240303020000", 1, DumpStatus.OK));
    Map<LocalDate, DayDumps> days = DayDumps.byDay(points, dumps);
    LocalDate red = LocalDate.of(2024, 3, 2);
    days.put(red, days.get(red).withWhyNot("the level 1 of 20240302010000 failed"));
    return new DateModel(days);
  }

  @Test
  void daysAreGreenDarkerWithAFullRedWithDumpsButNoPointOrUnmarked() {
    DateModel m = synthetic();
    assertThat(m.mark(LocalDate.of(2024, 3, 1))).isEqualTo(DateModel.DayMark.RESTORABLE_FULL);
    assertThat(m.mark(LocalDate.of(2024, 3, 2))).isEqualTo(DateModel.DayMark.BROKEN);
    assertThat(m.mark(LocalDate.of(2024, 3, 3))).isEqualTo(DateModel.DayMark.RESTORABLE);
    assertThat(m.mark(LocalDate.of(2024, 3, 4))).isEqualTo(DateModel.DayMark.NONE);
    assertThat(m.tooltip(LocalDate.of(2024, 3, 2)))
        .contains("none usable", "L1", "the level 1 of 20240302010000 failed");
    assertThat(m.tooltip(LocalDate.of(2024, 3, 3))).startsWith("2 restore point(s)");
    assertThat(m.tooltip(LocalDate.of(2024, 3, 4))).isNull();
  }

  @Test
  void pointsAreOrderedAndTheNewestGreenDayComesFirst() {
    DateModel m = synthetic();
    assertThat(m.pointsNewestFirst())
        .extracting(p -> p.datestamp().digits())
        .containsExactly("20240303020000", "20240303010000", "20240301010000");
    assertThat(m.pointsOn(LocalDate.of(2024, 3, 3)))
        .extracting(p -> p.datestamp().digits())
        .containsExactly("20240303010000", "20240303020000");
    assertThat(m.pointsOn(LocalDate.of(2024, 3, 2))).isEmpty();
    assertThat(m.firstDay(LocalDate.of(2030, 1, 1))).isEqualTo(LocalDate.of(2024, 3, 3));
    assertThat(new DateModel(Map.of()).firstDay(LocalDate.of(2030, 1, 1)))
        .isEqualTo(LocalDate.of(2030, 1, 1));
    assertThat(DateModel.dayOf(point("20240303020000", 1))).isEqualTo(LocalDate.of(2024, 3, 3));
  }

  @Test
  void aDayIsDescribedWithItsDumpsAndWhyItIsRed() {
    DateModel m = synthetic();
    assertThat(m.describe(LocalDate.of(2024, 3, 2)))
        .startsWith("Sat 2 Mar 2024:")
        .contains("• level 1 at 01:00 — failed (the dump failed)")
        .contains("No restore point on this day: the level 1 of 20240302010000 failed.")
        .contains("Choose a green day.");
    assertThat(m.describe(LocalDate.of(2024, 3, 4))).isEqualTo("Mon 4 Mar 2024: no dump was made.");
    assertThat(DateModel.time(Datestamp.parse("20240302"))).isEqualTo("(no time recorded)");
    assertThat(DateModel.time(Datestamp.parse("20240302071500"))).isEqualTo("07:15");
  }

  @Test
  void theDemoVolumesDaysAgreeWithThePlanner(@TempDir Path dir) {
    ChainPlanner planner = new ChainPlanner();
    try (Catalog c = DemoCatalog.open(dir)) {
      for (CatalogVolume v : c.volumes(null)) {
        DateModel m = DateModel.load(c, v, planner);
        List<RestorePoint> points = planner.restorablePoints(c, v.host(), v.volume());
        assertThat(m.pointsNewestFirst()).containsExactlyInAnyOrderElementsOf(points);
        Set<LocalDate> green = points.stream().map(DateModel::dayOf).collect(Collectors.toSet());
        for (CatalogDump d : c.dumps(v)) {
          LocalDate day = d.datestamp().day();
          DateModel.DayMark mark = m.mark(day);
          assertThat(mark == DateModel.DayMark.BROKEN).isEqualTo(!green.contains(day));
          if (mark == DateModel.DayMark.BROKEN) {
            Datestamp last =
                m.day(day).dumps().stream()
                    .map(CatalogDump::datestamp)
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            var gap = planner.plan(c, v.host(), v.volume(), PlanTarget.parse(last.target())).gap();
            assertThat(m.day(day).whyNot()).isEqualTo(gap == null ? null : gap.reason());
          }
        }
        if (!points.isEmpty()) {
          assertThat(m.firstDay(LocalDate.MAX))
              .isEqualTo(DateModel.dayOf(m.pointsNewestFirst().get(0)));
        }
      }
      assertThat(c.volumes(null)).isNotEmpty();
    }
  }
}
