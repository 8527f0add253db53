package io.codarestore.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The run log on the Run page: the log file's UTC nanosecond stamps as local time to the second.
 */
class RunLogTimeTest {
  @Test
  void aLogFileStampBecomesTheLocalTimeToTheSecond() {
    assertThat(
            RunModel.localTime(
                "2026-12-06T20:44:20.983227600Z INFO  stage: extract", ZoneId.of("Europe/Berlin")))
        .isEqualTo("21:44:20 INFO  stage: extract");
    assertThat(RunModel.localTime("2024-07-01T23:59:59Z WARN x", ZoneId.of("America/New_York")))
        .isEqualTo("19:59:59 WARN x");
  }

  @Test
  void aLineWithoutAStampGetsTheTimeNow() {
    assertThat(RunModel.localTime("failed: cut short", ZoneId.of("UTC")))
        .matches("\\d\\d:\\d\\d:\\d\\d failed: cut short");
    assertThat(RunModel.localTime("notZ a stamp", ZoneId.of("UTC")))
        .matches("\\d\\d:\\d\\d:\\d\\d notZ a stamp");
  }
}
