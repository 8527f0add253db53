package io.codarestore.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.core.Datestamp;
import org.junit.jupiter.api.Test;

/** Amanda's "at or before" (spec amanda-chain-rule.md §1). */
class PlanTargetTest {
  @Test
  void aDateMeansTheEndOfThatDay() {
    PlanTarget t = PlanTarget.parse("2024-03-05");
    assertThat(t.key()).isEqualTo("2024-03-05");
    assertThat(t.covers(Datestamp.parse("20240305235959"))).isTrue();
    assertThat(t.covers(Datestamp.parse("20240305000000"))).isTrue();
    assertThat(t.covers(Datestamp.parse("20240304070000"))).isTrue();
    assertThat(t.covers(Datestamp.parse("20240306000000"))).isFalse();
    assertThat(t.covers(Datestamp.parse("20240305"))).isTrue();
    assertThat(t.covers(Datestamp.parse("20240306"))).isFalse();
  }

  @Test
  void midnightMeansTheWholeDayAsInAmrecover() {
    assertThat(PlanTarget.parse("2024-03-05T00:00").key()).isEqualTo("2024-03-05");
    assertThat(PlanTarget.parse("2024-03-05T00:00:00").covers(Datestamp.parse("20240305120000")))
        .isTrue();
  }

  @Test
  void aDateTimeIsInclusiveToTheSecond() {
    PlanTarget t = PlanTarget.parse("2023-05-18T12:30");
    assertThat(t.key()).isEqualTo("2023-05-18-12-30-00");
    assertThat(t.covers(Datestamp.parse("20230518123000"))).isTrue();
    assertThat(t.covers(Datestamp.parse("20230518123005"))).isFalse();
    assertThat(PlanTarget.parse("2023-05-18T12:30:05").covers(Datestamp.parse("20230518123005")))
        .isTrue();
    // An 8-digit (date-only) dump counts as the start of its day.
    assertThat(t.covers(Datestamp.parse("20230518"))).isTrue();
    assertThat(t.covers(Datestamp.parse("20230519"))).isFalse();
  }

  @Test
  void badTargetsAreClearErrors() {
    assertThatThrownBy(() -> PlanTarget.parse("05/03/2024"))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("YYYY-MM-DD");
    assertThatThrownBy(() -> PlanTarget.parse("2024-02-30"))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("calendar");
    assertThatThrownBy(() -> PlanTarget.parse("2024-02-03T25:00"))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("time");
  }

  @Test
  void niceDatesSortEightDigitStampsFirstInTheirDay() {
    assertThat(Datestamp.parse("20240305").nice()).isEqualTo("2024-03-05");
    assertThat(Datestamp.parse("20240305070000").nice()).isEqualTo("2024-03-05-07-00-00");
    assertThat(
            Datestamp.parse("20240305").nice().compareTo(Datestamp.parse("20240305000000").nice()))
        .isNegative();
    assertThat(Datestamp.parse("20240305070000").target()).isEqualTo("2024-03-05T07:00:00");
    assertThat(Datestamp.parse("20240305").target()).isEqualTo("2024-03-05");
  }

  @Test
  void aTargetAtADatestampSelectsThatRunAndHoldsItTyped() {
    PlanTarget t = PlanTarget.at(Datestamp.parse("20240305070000"));
    assertThat(t.point()).isEqualTo(Datestamp.parse("20240305070000"));
    assertThat(t.covers(Datestamp.parse("20240305070000"))).isTrue();
    assertThat(t.covers(Datestamp.parse("20240305070001"))).isFalse();
    // Midnight is the whole day in Amanda, so the target's point is the 8-digit day.
    assertThat(PlanTarget.at(Datestamp.parse("20240305000000")).point())
        .isEqualTo(Datestamp.parse("20240305"));
    assertThat(PlanTarget.parse("2024-03-05").point().dayOnly()).isTrue();
  }

  @Test
  void aRestorePointsTargetSelectsItsOwnDatestamp() {
    RestorePoint p = new RestorePoint(Datestamp.parse("20240305070000"), 1, "2024-03-05T07:00:00");
    assertThat(p.datestamp()).isEqualTo(Datestamp.parse("20240305070000"));
    assertThat(p.datestamp().target()).isEqualTo(p.target());
    assertThat(PlanTarget.at(p.datestamp()).covers(p.datestamp())).isTrue();
    assertThatThrownBy(() -> new RestorePoint(Datestamp.parse("2024030507"), 1, "x").datestamp())
        .isInstanceOf(Datestamp.InvalidDatestampException.class)
        .hasMessageContaining("'2024030507'");
  }
}
