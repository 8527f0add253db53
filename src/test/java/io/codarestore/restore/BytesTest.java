package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.ui.common.Formats;
import org.junit.jupiter.api.Test;

/** The one byte formatting of both fronts. */
class BytesTest {
  @Test
  void binaryUnitsOneDecimalUnderTenWholeNumbersFromTen() {
    assertThat(Bytes.human(0)).isEqualTo("0 B");
    assertThat(Bytes.human(1023)).isEqualTo("1023 B");
    assertThat(Bytes.human(1024)).isEqualTo("1.0 KiB");
    assertThat(Bytes.human(1536)).isEqualTo("1.5 KiB");
    assertThat(Bytes.human(10L << 20)).isEqualTo("10 MiB");
    assertThat(Bytes.human((long) (12.4 * (1 << 30)))).isEqualTo("12 GiB");
    assertThat(Bytes.human(3L << 40)).isEqualTo("3.0 TiB");
    assertThat(Bytes.human(2048L << 40)).isEqualTo("2048 TiB");
    assertThat(Bytes.human(-1)).isEqualTo("?");
  }

  @Test
  void theWizardWritesSizesTheSameWay() {
    for (long n : new long[] {-5, 0, 999, 1536, 5L << 20, 200L << 20, 7L << 30, 123L << 40}) {
      assertThat(Formats.bytes(n)).isEqualTo(Bytes.human(n));
    }
  }
}
