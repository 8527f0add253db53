package io.codarestore.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Amanda datestamps parsed once: round trips over random times, and bad text named. */
class DatestampTest {
  private static final long SEED = 0x15DA7E5L;
  private static final int RUNS = 5_000;

  private static LocalDateTime randomTime(Random r) {
    long from = LocalDateTime.of(1990, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    long to = LocalDateTime.of(2099, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
    long s = from + (long) (r.nextDouble() * (to - from));
    return LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
  }

  @Test
  void fourteenDigitsRoundTripThroughLocalDateTime() {
    Random r = new Random(SEED);
    for (int i = 0; i < RUNS; i++) {
      LocalDateTime t = randomTime(r);
      Datestamp d = Datestamp.of(t);
      assertThat(d.digits()).hasSize(14).containsOnlyDigits();
      assertThat(Datestamp.parse(d.digits())).isEqualTo(d);
      assertThat(d.time()).isEqualTo(t);
      assertThat(d.dayOnly()).isFalse();
      assertThat(d.day()).isEqualTo(t.toLocalDate());
    }
  }

  @Test
  void eightDigitsRoundTripThroughLocalDate() {
    Random r = new Random(SEED + 1);
    for (int i = 0; i < RUNS; i++) {
      LocalDate day = randomTime(r).toLocalDate();
      Datestamp d = Datestamp.ofDay(day);
      assertThat(d.digits()).hasSize(8);
      assertThat(Datestamp.parse(d.digits()).day()).isEqualTo(day);
      assertThat(d.time()).isEqualTo(day.atStartOfDay());
      assertThat(d.dayOnly()).isTrue();
    }
  }

  @Test
  void instantsRoundTripInAGivenZone() {
    Random r = new Random(SEED + 2);
    ZoneId zone = ZoneId.of("Europe/Berlin");
    for (int i = 0; i < RUNS; i++) {
      Instant at = randomTime(r).toInstant(ZoneOffset.UTC);
      Datestamp d = Datestamp.at(at, zone);
      assertThat(d.time()).isEqualTo(LocalDateTime.ofInstant(at, zone));
      // Outside the autumn hour that happens twice, the wall-clock time names one instant.
      if (zone.getRules().getValidOffsets(d.time()).size() == 1) {
        assertThat(d.instant(zone)).isEqualTo(at);
      }
    }
    assertThat(Datestamp.parse("20240306084100").instant(ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2024-03-06T08:41:00Z"));
  }

  @Test
  void everyFormAgreesWithTheTime() {
    Random r = new Random(SEED + 3);
    for (int i = 0; i < RUNS; i++) {
      LocalDateTime t = randomTime(r);
      Datestamp d = Datestamp.of(t);
      String day = t.toLocalDate().toString();
      assertThat(d.nice())
          .isEqualTo(
              String.format("%s-%02d-%02d-%02d", day, t.getHour(), t.getMinute(), t.getSecond()));
      assertThat(LocalDateTime.parse(d.target())).isEqualTo(t);
      assertThat(d.compact())
          .isEqualTo(String.format("%s %02d:%02d", day, t.getHour(), t.getMinute()));
      assertThat(d.runId()).isEqualTo(d.digits().substring(0, 8) + "-" + d.digits().substring(8));
      assertThat(Datestamp.ofDay(t.toLocalDate()).target()).isEqualTo(day);
    }
  }

  @Test
  void orderIsAmandasNiceOrderWithDaysBeforeTheirTimes() {
    Random r = new Random(SEED + 4);
    List<Datestamp> stamps = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      LocalDateTime t = randomTime(r);
      stamps.add(Datestamp.of(t));
      stamps.add(Datestamp.ofDay(t.toLocalDate()));
    }
    Collections.shuffle(stamps, r);
    Collections.sort(stamps);
    for (int i = 1; i < stamps.size(); i++) {
      Datestamp a = stamps.get(i - 1);
      Datestamp b = stamps.get(i);
      assertThat(a.nice().compareTo(b.nice())).isLessThanOrEqualTo(0);
      assertThat(a.time()).isBeforeOrEqualTo(b.time());
    }
    assertThat(Datestamp.parse("20240305")).isLessThan(Datestamp.parse("20240305000000"));
  }

  @Test
  void displayForms() {
    Datestamp d = Datestamp.parse("20240306084100");
    assertThat(d.shown()).isEqualTo("Wed 6 Mar 2024, 08:41");
    assertThat(Datestamp.parse("20240306").shown()).isEqualTo("Wed 6 Mar 2024");
    assertThat(d.compact()).isEqualTo("2024-03-06 08:41");
    assertThat(Datestamp.parse("20240306").compact()).isEqualTo("2024-03-06");
    assertThat(d.runId()).isEqualTo("20240306-084100");
    assertThat(d.target()).isEqualTo("2024-03-06T08:41:00");
    assertThat(Datestamp.shownDay(LocalDate.of(2024, 3, 6))).isEqualTo("Wed 6 Mar 2024");
    assertThat(d).hasToString("20240306084100");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2024030",
        "202403061",
        "2024030608410",
        "202403060841000",
        "2024-03-06",
        "2024030608410x",
        " 20240306",
        "２０２４０３０６",
        "20240230",
        "20241301",
        "20240306250000",
        "20240306086000",
        "20240306084160"
      })
  void badTextIsAnErrorThatQuotesIt(String text) {
    assertThatThrownBy(() -> Datestamp.parse(text))
        .isInstanceOf(Datestamp.InvalidDatestampException.class)
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("datestamp");
  }

  @Test
  void randomTextIsEitherADatestampOrAClearError() {
    Random r = new Random(SEED + 5);
    String alphabet = "0123456789 -:T";
    for (int i = 0; i < RUNS; i++) {
      int len = r.nextInt(17);
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < len; k++) {
        b.append(alphabet.charAt(r.nextInt(r.nextBoolean() ? 10 : alphabet.length())));
      }
      String text = b.toString();
      try {
        Datestamp d = Datestamp.parse(text);
        assertThat(d.digits()).isEqualTo(text);
        assertThat(
                Datestamp.parse(
                    d.dayOnly()
                        ? Datestamp.ofDay(d.day()).digits()
                        : Datestamp.of(d.time()).digits()))
            .isEqualTo(d);
      } catch (Datestamp.InvalidDatestampException e) {
        assertThat(e.getMessage()).contains("'" + text + "'");
      }
    }
  }

  @Test
  void isValidAgreesWithParse() {
    Random r = new Random(SEED + 6);
    for (int i = 0; i < RUNS; i++) {
      String text = String.format("%08d", r.nextInt(100_000_000));
      if (r.nextBoolean()) {
        text += String.format("%06d", r.nextInt(1_000_000));
      }
      boolean parses;
      try {
        Datestamp.parse(text);
        parses = true;
      } catch (Datestamp.InvalidDatestampException e) {
        parses = false;
      }
      assertThat(Datestamp.isValid(text)).as(text).isEqualTo(parses);
    }
    assertThat(Datestamp.isValid(null)).isFalse();
    assertThat(Datestamp.isValid("20240229")).isTrue();
    assertThat(Datestamp.isValid("20230229")).isFalse();
  }

  @Test
  void nullIsAClearError() {
    assertThatThrownBy(() -> Datestamp.parse(null))
        .isInstanceOf(Datestamp.InvalidDatestampException.class)
        .hasMessageContaining("missing datestamp");
  }
}
