package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class CrcTest {
  @Test
  void parsesTheLogNotation() {
    Crc crc = Crc.parse("19f02cc:1053829"); // 7 hex digits, as in the spec's log example
    assertThat(crc.crc32c()).isEqualTo(0x19f02ccL);
    assertThat(crc.length()).isEqualTo(1053829);
    assertThat(crc.isKnown()).isTrue();
    assertThat(crc).hasToString("019f02cc:1053829");
  }

  @Test
  void parsesHeaderValues() {
    assertThat(Crc.parse("dc6b9e38:2612396")).isEqualTo(new Crc(0xdc6b9e38L, 2612396));
    assertThat(Crc.parse("ffffffff:0").crc32c()).isEqualTo(0xffffffffL);
  }

  @Test
  void zeroIsUnknown() {
    assertThat(Crc.parse("00000000:0")).isEqualTo(Crc.UNKNOWN);
    assertThat(Crc.UNKNOWN.isKnown()).isFalse();
    assertThat(Crc.isKnown(null)).isFalse();
    assertThat(Crc.isKnown(Crc.UNKNOWN)).isFalse();
    // a known CRC of an empty stream is 0:0 too, which is why Amanda's "unknown" is ambiguous
    assertThat(Crc.isKnown(new Crc(1, 0))).isTrue();
  }

  @Test
  void matchesJavaCrc32c() {
    // CRC-32C check value of "123456789" is e3069283 (RFC 3720)
    CRC32C c = new CRC32C();
    c.update("123456789".getBytes(StandardCharsets.US_ASCII));
    assertThat(Crc.parse("e3069283:9")).isEqualTo(new Crc(c.getValue(), 9));
  }

  @Test
  void rejectsGarbage() {
    for (String bad :
        new String[] {"", ":", "abc", "xyz:1", "1:", ":5", "123456789:1", "1:-5", "1:+5", "1:2x"}) {
      assertThatThrownBy(() -> Crc.parse(bad), bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }
}
