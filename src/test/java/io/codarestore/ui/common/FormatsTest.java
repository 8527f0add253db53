package io.codarestore.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void bytesUseBinaryUnits() {
    assertThat(Formats.bytes(0)).isEqualTo("0 B");
    assertThat(Formats.bytes(1023)).isEqualTo("1023 B");
    assertThat(Formats.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(Formats.bytes(200L << 20)).isEqualTo("200 MiB");
    assertThat(Formats.bytes(-1)).isEqualTo("?");
  }

  @Test
  void durationsAndRates() {
    assertThat(Formats.duration(Duration.ofSeconds(12))).isEqualTo("12 s");
    assertThat(Formats.duration(Duration.ofSeconds(187))).isEqualTo("3 min 07 s");
    assertThat(Formats.duration(Duration.ofSeconds(3720))).isEqualTo("1 h 02 min");
    assertThat(Formats.duration(null)).isEqualTo("–");
    assertThat(Formats.rate(0)).isEqualTo("–");
    assertThat(Formats.rate(2048)).isEqualTo("2.0 KiB/s");
  }
}
