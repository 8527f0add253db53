package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafeNameTest {
  private static SafeName of(String isoBytes) {
    return SafeName.of(isoBytes.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static SafeName utf8(String s) {
    return SafeName.of(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void ordinaryNamesAreKept() {
    for (String n :
        new String[] {
          "report.txt",
          "a b  c",
          ".hidden",
          "...",
          "..x",
          "percent%20",
          "with\ttab",
          "trailing ",
          "Übersicht",
          "日本語のファイル",
          "emoji-\uD83D\uDE00",
          "back\\slash",
          "-dash"
        }) {
      SafeName s = utf8(n);
      assertThat(s.name()).as(n).isEqualTo(n);
      assertThat(s.problem()).as(n).isNull();
    }
  }

  @Test
  void slashesAndControlCharactersAreEscaped() {
    assertThat(of("a/b").name()).isEqualTo("a%2Fb");
    assertThat(of("a/b").problem()).isEqualTo("contains '/'");
    assertThat(of("../../etc/passwd").name()).isEqualTo("..%2F..%2Fetc%2Fpasswd");
    assertThat(of("x\ny\r\u001b[0m\u007f").name()).isEqualTo("x%0Ay%0D%1B[0m%7F");
    assertThat(of("x\ny").problem()).isEqualTo("contains control characters");
    // C1 controls (U+0080..U+009F) as UTF-8
    assertThat(utf8("a\u009bb").name()).isEqualTo("a%C2%9Bb");
    assertThat(of("/\u0001").problem()).isEqualTo("contains '/', contains control characters");
  }

  @Test
  void dotNamesAreMadeInert() {
    assertThat(of(".").name()).isEqualTo("%2E");
    assertThat(of("..").name()).isEqualTo("%2E%2E");
    assertThat(of("..").problem()).isEqualTo("is \"..\"");
    assertThat(SafeName.of(new byte[0]).name()).isEqualTo("%00");
  }

  @Test
  void invalidUtf8IsEscapedByteByByte() {
    assertThat(of("caf\u00e9").name()).isEqualTo("caf%E9");
    assertThat(of("caf\u00e9").problem()).isEqualTo("is not valid UTF-8");
    // overlong encoding of '/', a lone continuation byte, a surrogate, a truncated sequence
    assertThat(SafeName.of(new byte[] {(byte) 0xC0, (byte) 0xAF}).name()).isEqualTo("%C0%AF");
    assertThat(SafeName.of(new byte[] {'a', (byte) 0x80}).name()).isEqualTo("a%80");
    assertThat(SafeName.of(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).name())
        .isEqualTo("%ED%A0%80");
    assertThat(SafeName.of(new byte[] {'x', (byte) 0xE2, (byte) 0x82}).name()).isEqualTo("x%E2%82");
  }

  @Test
  void escapedNamesStayWithinTheFileNameLimit() {
    byte[] raw = new byte[255];
    java.util.Arrays.fill(raw, (byte) '/');
    SafeName s = SafeName.of(raw);
    assertThat(s.name().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
    assertThat(s.name()).startsWith("%2F%2F");
    SafeName suffixed = utf8("x".repeat(255)).withSuffix(12, "is taken by another entry");
    assertThat(suffixed.name()).hasSize(255).endsWith("~12");
    assertThat(suffixed.problem()).isEqualTo("is taken by another entry");
  }

  @Test
  void linkTargetsKeepSlashesAndDotsButNotNul() {
    assertThat(SafeName.linkTarget("../docs/a.txt".getBytes()).name()).isEqualTo("../docs/a.txt");
    assertThat(SafeName.linkTarget("../docs/a.txt".getBytes()).problem()).isNull();
    SafeName nul = SafeName.linkTarget(new byte[] {'a', 0, 'b'});
    assertThat(nul.name()).isEqualTo("a%00b");
    assertThat(nul.problem()).isEqualTo("contains NUL");
    assertThat(SafeName.linkTarget(new byte[0]).problem()).isEqualTo("is empty");
  }

  @Test
  void escapeForMessages() {
    assertThat(SafeName.escape("a\u0001\"b\\".getBytes(StandardCharsets.ISO_8859_1)))
        .isEqualTo("\"a\\x01\\x22b\\x5c\"");
    assertThat(SafeName.escape("Übung/ü")).isEqualTo("\"Übung/ü\"");
    assertThat(SafeName.escape("caf\u00e9\u0085".getBytes(StandardCharsets.ISO_8859_1)))
        .isEqualTo("\"caf\\xe9\\x85\"");
    assertThat(SafeName.escape("\u0085".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("\"\\xc2\\x85\"");
  }
}
