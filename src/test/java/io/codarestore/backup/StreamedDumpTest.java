package io.codarestore.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.core.Cancellation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data path: the output is the input byte for byte (read in pieces as from a pipe), and a cut
 * or corrupt dump, a failed read and a failed write fail the pass with their reason.
 */
class StreamedDumpTest {
  @TempDir static Path dir;
  private static byte[] dump;

  @BeforeAll
  static void generate() throws Exception {
    // 4 directories x 300 files of 3 000 bytes: 3.6 MB, several chunks of the copy
    Path p = dir.resolve("d.dump");
    Method g =
        Class.forName("io.codarestore.bench.ExtractBench")
            .getDeclaredMethod("generate", Path.class, int.class, int.class, long.class);
    g.setAccessible(true);
    g.invoke(null, p, 4, 300, 3000L);
    dump = Files.readAllBytes(p);
    assertThat(dump.length).isGreaterThan(3 * (1 << 18));
  }

  /** Hands out at most {@code piece} bytes per read, as a pipe does. */
  private static InputStream trickle(byte[] b, int piece) {
    return new ByteArrayInputStream(b) {
      @Override
      public synchronized int read(byte[] d, int off, int len) {
        return super.read(d, off, Math.min(len, piece));
      }
    };
  }

  @Test
  void passesEveryByteUnchangedAndIndexes() {
    for (int piece : new int[] {1000, 65536, Integer.MAX_VALUE}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StreamedDump d = StreamedDump.pass(trickle(dump, piece), out, "t", Cancellation.none());
      assertThat(out.toByteArray()).isEqualTo(dump);
      assertThat(d.bytes()).isEqualTo(dump.length);
      assertThat(d.index().fileRecords()).isEqualTo(1200);
      assertThat(d.index().directoryRecords()).isEqualTo(5);
    }
  }

  @Test
  void aCutDumpIsNotSound() {
    byte[] cut = Arrays.copyOf(dump, dump.length / 2);
    assertThatThrownBy(
            () ->
                StreamedDump.pass(
                    trickle(cut, 4096), new ByteArrayOutputStream(), "t", Cancellation.none()))
        .isInstanceOf(AmcodaException.class)
        .hasMessageContaining("the dump is not sound")
        .hasMessageContaining("truncated");
  }

  @Test
  void bytesAfterTheEndAreNotSound() {
    byte[] longer = Arrays.copyOf(dump, dump.length + 1);
    assertThatThrownBy(
            () ->
                StreamedDump.pass(
                    trickle(longer, 4096), new ByteArrayOutputStream(), "t", Cancellation.none()))
        .isInstanceOf(AmcodaException.class)
        .hasMessageContaining("unexpected bytes after the end marker");
  }

  @Test
  void aFailedWriteFailsThePass() {
    OutputStream gone =
        new OutputStream() {
          long n;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            n += len;
            if (n > (1 << 18) + 100) {
              throw new IOException("Broken pipe");
            }
          }
        };
    assertThatThrownBy(
            () -> StreamedDump.pass(trickle(dump, 65536), gone, "t", Cancellation.none()))
        .isInstanceOf(AmcodaException.class)
        .hasMessage("passing the dump on failed: Broken pipe");
  }

  @Test
  void aFailedReadFailsThePass() {
    InputStream failing =
        new InputStream() {
          int at;

          @Override
          public int read() throws IOException {
            throw new IOException("read error");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (at > (1 << 18) + 5000) {
              throw new IOException("read error");
            }
            int n = Math.min(len, 4096);
            System.arraycopy(dump, at, b, off, n);
            at += n;
            return n;
          }
        };
    assertThatThrownBy(
            () -> StreamedDump.pass(failing, new ByteArrayOutputStream(), "t", Cancellation.none()))
        .isInstanceOf(AmcodaException.class)
        .hasMessage("passing the dump on failed: read error");
  }

  /**
   * As amcoda runs it: the dump comes from a program's output channel and goes to a plain {@link
   * java.io.FileOutputStream} (fd 1 is one), descriptor to descriptor through the direct buffer,
   * file data skipped by the parser; the output is the input byte for byte.
   */
  @Test
  void passesFromAProgramsChannelToADescriptorUnchanged() throws Exception {
    Path in = dir.resolve("in.dump");
    Files.write(in, dump);
    Path out = dir.resolve("out.dump");
    StreamedDump d;
    try (io.codarestore.core.ExternalProgram.Running r =
            io.codarestore.core.ExternalProgram.of(java.util.List.of("cat", in.toString()))
                .startStreamingChannel();
        OutputStream o = new java.io.FileOutputStream(out.toFile())) {
      d = StreamedDump.pass(r.stdoutChannel(), o, "cat", Cancellation.none());
      assertThat(r.await().exitStatus()).isZero();
    }
    assertThat(Files.readAllBytes(out)).isEqualTo(dump);
    assertThat(d.bytes()).isEqualTo(dump.length);
    assertThat(d.index().fileRecords()).isEqualTo(1200);
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    d.index().writeLines(lines);
    assertThat(lines.toString(java.nio.charset.StandardCharsets.UTF_8).lines()).hasSize(1205);
  }

  @Test
  void aDumpCutInsideFileDataIsNotSoundThroughAChannel() throws Exception {
    // cut in the middle of the last file's data: the skip over it finds the end
    Path in = dir.resolve("cut.dump");
    Files.write(in, Arrays.copyOf(dump, dump.length - 1000));
    try (io.codarestore.core.ExternalProgram.Running r =
        io.codarestore.core.ExternalProgram.of(java.util.List.of("cat", in.toString()))
            .startStreamingChannel()) {
      assertThatThrownBy(
              () ->
                  StreamedDump.pass(
                      r.stdoutChannel(),
                      new ByteArrayOutputStream(),
                      "volutil dump",
                      Cancellation.none()))
          .isInstanceOf(AmcodaException.class)
          .hasMessageContaining("the dump is not sound")
          .hasMessageContaining("truncated")
          .hasMessageContaining("file data");
    }
  }
}
