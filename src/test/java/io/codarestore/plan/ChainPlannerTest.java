package io.codarestore.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogPart;
import io.codarestore.core.Datestamp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainPlannerTest {
  private final ChainPlanner planner = new ChainPlanner();
  private long ids;

  /** A one-part dump on tape "T-<datestamp>"; readable unless the tape was overwritten. */
  private CatalogDump dump(String ds, int level, DumpStatus status, boolean onTape) {
    String label = "T-" + ds;
    CatalogPart p =
        new CatalogPart(
            1,
            label,
            1,
            Datestamp.parse(ds),
            100,
            false,
            null,
            Datestamp.parse(onTape ? ds : "29990101000000"));
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

  private CatalogDump ok(String ds, int level) {
    return dump(ds, level, DumpStatus.OK, true);
  }

  private RestorePlan plan(List<CatalogDump> dumps, String target) {
    List<CatalogDump> shuffled = new ArrayList<>(dumps);
    java.util.Collections.reverse(shuffled); // input order must not matter
    return planner.plan("h", "v", shuffled, PlanTarget.parse(target));
  }

  private static List<String> chain(RestorePlan p) {
    return p.chain().stream().map(l -> l.level() + "@" + l.datestamp()).toList();
  }

  @Test
  void eachLinkIsTheNewestOlderDumpOfAnyLowerLevel() {
    List<CatalogDump> d =
        List.of(
            ok("20240301000000", 0),
            ok("20240302000000", 1),
            ok("20240303000000", 2),
            ok("20240304000000", 1),
            ok("20240305000000", 3),
            ok("20240306000000", 2));
    // Level 2 of 0306 sits on the level 1 of 0304 (not on the level 2 of 0303).
    assertThat(chain(plan(d, "2024-03-06")))
        .containsExactly("0@20240301000000", "1@20240304000000", "2@20240306000000");
    // Level 3 of 0305 -> the newest lower level before it: level 1 of 0304 (no exact L-1 needed).
    assertThat(chain(plan(d, "2024-03-05")))
        .containsExactly("0@20240301000000", "1@20240304000000", "3@20240305000000");
    RestorePlan p = plan(d, "2024-03-03");
    assertThat(chain(p))
        .containsExactly("0@20240301000000", "1@20240302000000", "2@20240303000000");
    assertThat(p.restorable()).isTrue();
    assertThat(p.gap()).isNull();
    assertThat(p.media())
        .containsExactly("T-20240301000000", "T-20240302000000", "T-20240303000000");
  }

  @Test
  void theWalkStopsAtTheFirstFull() {
    List<CatalogDump> d =
        List.of(ok("20240301000000", 0), ok("20240302000000", 0), ok("20240303000000", 1));
    assertThat(chain(plan(d, "2024-03-09")))
        .containsExactly("0@20240302000000", "1@20240303000000");
  }

  @Test
  void failedAndPartialDumpsAreNeverLinksButWarningsAre() {
    List<CatalogDump> d =
        List.of(
            ok("20240301000000", 0),
            dump("20240302000000", 1, DumpStatus.OK_WITH_WARNINGS, true),
            dump("20240303000000", 0, DumpStatus.FAILED, false),
            dump("20240304000000", 2, DumpStatus.PARTIAL, true));
    RestorePlan p = plan(d, "2024-03-04");
    assertThat(chain(p)).containsExactly("0@20240301000000", "1@20240302000000");
    assertThat(p.restorable()).isTrue();
    assertThat(p.skipped())
        .extracting(s -> s.datestamp().digits(), SkippedDump::status)
        .containsExactly(
            tuple("20240303000000", DumpStatus.FAILED),
            tuple("20240304000000", DumpStatus.PARTIAL));
  }

  @Test
  void anUnreadableFullIsNotReplacedByAnOlderOne() {
    // amrecover would drop the overwritten 0302 full and build on the 0301 one, which the
    // increments were not taken against. We walk over what was made, then judge.
    List<CatalogDump> d =
        List.of(
            ok("20240301000000", 0),
            dump("20240302000000", 0, DumpStatus.OK, false),
            ok("20240303000000", 1),
            ok("20240305000000", 0));
    RestorePlan p = plan(d, "2024-03-03");
    assertThat(chain(p)).containsExactly("0@20240302000000", "1@20240303000000");
    assertThat(p.restorable()).isFalse();
    assertThat(p.gap().datestamp().digits()).isEqualTo("20240302000000");
    assertThat(p.gap().level()).isZero();
    assertThat(p.gap().reason()).contains("overwritten");
    assertThat(p.chain().get(0).available()).isFalse();
    assertThat(p.chain().get(1).available()).isTrue();
    assertThat(p.nearestBefore())
        .isEqualTo(new RestorePoint(Datestamp.parse("20240301000000"), 0, "2024-03-01T00:00:00"));
    assertThat(p.nearestAfter())
        .isEqualTo(new RestorePoint(Datestamp.parse("20240305000000"), 0, "2024-03-05T00:00:00"));
  }

  @Test
  void noFullAtAllIsAGap() {
    List<CatalogDump> d = List.of(ok("20240302000000", 1), ok("20240303000000", 2));
    RestorePlan p = plan(d, "2024-03-03");
    assertThat(chain(p)).containsExactly("1@20240302000000", "2@20240303000000");
    assertThat(p.restorable()).isFalse();
    assertThat(p.gap().datestamp()).isNull();
    assertThat(p.gap().reason()).contains("level 0");
    assertThat(p.nearestBefore()).isNull();
    assertThat(p.nearestAfter()).isNull();
  }

  @Test
  void nothingAtOrBeforeTheTarget() {
    List<CatalogDump> d = List.of(ok("20240302000000", 0));
    RestorePlan p = plan(d, "2024-03-01");
    assertThat(p.chain()).isEmpty();
    assertThat(p.restorable()).isFalse();
    assertThat(p.gap().reason()).contains("no good dump of h:v at or before 2024-03-01");
    assertThat(p.nearestAfter().datestamp().digits()).isEqualTo("20240302000000");
  }

  @Test
  void amongEqualDatesTheLowestLevelIsTheNewest() {
    // Two runs on one day with old 8-digit datestamps: the full wins the tie and is the head.
    List<CatalogDump> d =
        List.of(ok("20240301", 0), ok("20240302", 1), ok("20240302", 0), ok("20240303", 1));
    assertThat(chain(plan(d, "2024-03-02"))).containsExactly("0@20240302");
    // The next day's level 1 builds on that same-day full, not on the level 1.
    assertThat(chain(plan(d, "2024-03-03"))).containsExactly("0@20240302", "1@20240303");
  }

  @Test
  void eightDigitStampsSortBeforeFourteenDigitOnesOfTheSameDay() {
    List<CatalogDump> d = List.of(ok("20240302", 0), ok("20240302010000", 1));
    assertThat(chain(plan(d, "2024-03-02"))).containsExactly("0@20240302", "1@20240302010000");
    assertThat(chain(plan(d, "2024-03-02T00:30"))).containsExactly("0@20240302");
  }

  @Test
  void aDateTimeTargetPicksTheRunAtOrBeforeIt() {
    List<CatalogDump> d =
        List.of(ok("20240301000000", 0), ok("20240302070000", 1), ok("20240302190000", 2));
    assertThat(chain(plan(d, "2024-03-02T07:00")))
        .containsExactly("0@20240301000000", "1@20240302070000");
    assertThat(chain(plan(d, "2024-03-02T06:59:59"))).containsExactly("0@20240301000000");
    assertThat(chain(plan(d, "2024-03-02"))).hasSize(3);
  }

  @Test
  void theBestCopyOfADumpIsUsed() {
    // The run log says the taping failed; a later amflush log wrote it completely.
    CatalogDump failedCopy = dump("20240301000000", 0, DumpStatus.PARTIAL, true);
    CatalogDump flushed = ok("20240301000000", 0);
    RestorePlan p = plan(List.of(failedCopy, flushed), "2024-03-01");
    assertThat(p.restorable()).isTrue();
    assertThat(p.chain().get(0).dump().id()).isEqualTo(flushed.id());
  }

  @Test
  void restorablePointsOfAVolume() {
    List<CatalogDump> d =
        List.of(
            dump("20240301000000", 0, DumpStatus.OK, false),
            ok("20240302000000", 1),
            ok("20240303000000", 0),
            dump("20240304000000", 1, DumpStatus.FAILED, false),
            ok("20240305000000", 1),
            dump("20240306000000", 2, DumpStatus.OK, false),
            ok("20240307000000", 2));
    RestorePlan p = plan(d, "2024-03-06");
    assertThat(p.restorable()).isFalse();
    assertThat(p.gap().datestamp().digits()).isEqualTo("20240306000000");
    assertThat(p.nearestBefore().datestamp().digits()).isEqualTo("20240305000000");
    assertThat(p.nearestAfter().datestamp().digits()).isEqualTo("20240307000000");
    assertThat(p.media())
        .containsExactly("T-20240303000000", "T-20240305000000", "T-20240306000000");
  }
}
