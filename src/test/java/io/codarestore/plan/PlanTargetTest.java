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
    assertThat(t.covers("20240305235959")).isTrue();
    assertThat(t.covers("20240305000000")).isTrue();
    assertThat(t.covers("20240304070000")).isTrue();
    assertThat(t.covers("20240306000000")).isFalse();
    assertThat(t.covers("20240305")).isTrue();
    assertThat(t.covers("20240306")).isFalse();
  }

  @Test
  void midnightMeansTheWholeDayAsInAmrecover() {
    assertThat(PlanTarget.parse("2024-03-05T00:00").key()).isEqualTo("2024-03-05");
    assertThat(PlanTarget.parse("2024-03-05T00:00:00").covers("20240305120000")).isTrue();
  }

  @Test
  void aDateTimeIsInclusiveToTheSecond() {
    PlanTarget t = PlanTarget.parse("2023-05-18T12:30");
    assertThat(t.key()).isEqualTo("2023-05-18-12-30-00");
    assertThat(t.covers("20230518123000")).isTrue();
    assertThat(t.covers("20230518123005")).isFalse();
    assertThat(PlanTarget.parse("2023-05-18T12:30:05").covers("20230518123005")).isTrue();
    // An 8-digit (date-only) dump counts as the start of its day.
    assertThat(t.covers("20230518")).isTrue();
    assertThat(t.covers("20230519")).isFalse();
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
    assertThat(AmandaDates.nice("20240305")).isEqualTo("2024-03-05");
    assertThat(AmandaDates.nice("20240305070000")).isEqualTo("2024-03-05-07-00-00");
    assertThat(AmandaDates.nice("20240305").compareTo(AmandaDates.nice("20240305000000")))
        .isNegative();
    assertThat(AmandaDates.targetFor("20240305070000")).isEqualTo("2024-03-05T07:00:00");
    assertThat(AmandaDates.targetFor("20240305")).isEqualTo("2024-03-05");
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
    RestorePoint p = new RestorePoint("20240305070000", 1, "2024-03-05T07:00:00");
    assertThat(p.when()).isEqualTo(Datestamp.parse("20240305070000"));
    assertThat(p.when().target()).isEqualTo(p.target());
    assertThat(PlanTarget.at(p.when()).covers(p.when())).isTrue();
    assertThatThrownBy(() -> new RestorePoint("2024030507", 1, "x").when())
        .isInstanceOf(Datestamp.InvalidDatestampException.class)
        .hasMessageContaining("'2024030507'");
  }
}
