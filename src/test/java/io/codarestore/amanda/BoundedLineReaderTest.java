package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.BoundedLineReader.Line;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {
  private static List<Line> all(InputStream in, int max) throws IOException {
    BoundedLineReader r = new BoundedLineReader(in, max);
    List<Line> out = new ArrayList<>();
    Line l;
    while ((l = r.next()) != null) {
      out.add(l);
    }
    return out;
  }

  private static List<Line> all(String s, int max) throws IOException {
    return all(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), max);
  }

  @Test
  void splitsOnNewlineDropsACarriageReturnAndKeepsALastUnterminatedLine() throws IOException {
    assertThat(all("a\r\n\nbé c\nlast", 100))
        .containsExactly(
            new Line("a", 2), new Line("", 0), new Line("bé c", 5), new Line("last", 4));
    assertThat(all("", 100)).isEmpty();
    assertThat(all("x\n", 100)).containsExactly(new Line("x", 1));
  }

  @Test
  void aLineOverTheBoundIsCountedNotKeptAndTheNextLineIsRead() throws IOException {
    String longLine = "y".repeat(200_000); // across several 64 KiB buffers
    List<Line> lines = all("first\n" + longLine + "\n" + "z".repeat(10) + "\nafter", 16);
    assertThat(lines)
        .containsExactly(
            new Line("first", 5),
            new Line(null, 200_000),
            new Line("z".repeat(10), 10),
            new Line("after", 5));
    assertThat(lines.get(1).tooLong()).isTrue();
    // Exactly at the bound is kept.
    assertThat(all("abcd\nabcde\n", 4)).containsExactly(new Line("abcd", 4), new Line(null, 5));
  }

  @Test
  void gigabytesWithoutANewlineCostNoMemory() throws IOException {
    long size = 3L << 30; // more than any Java array holds
    InputStream zeros =
        new InputStream() {
          long left = size;

          @Override
          public int read() {
            return left-- > 0 ? 0 : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left == 0) {
              return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
          }
        };
    assertThat(all(zeros, 1 << 20)).containsExactly(new Line(null, size));
  }

  @Test
  void invalidUtf8BecomesReplacementCharacters() throws IOException {
    byte[] bytes = {'o', 'k', (byte) 0xff, '\n'};
    assertThat(all(new ByteArrayInputStream(bytes), 100)).containsExactly(new Line("ok\uFFFD", 3));
  }
}
