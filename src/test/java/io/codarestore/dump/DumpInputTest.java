package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The buffered big-endian input, over a file channel and over a plain stream. */
class DumpInputTest {
  /** The input's buffer is 64 KiB; values straddling it take the slow path. */
  static final int BUFFER = 1 << 16;

  @TempDir static Path tmp;

  enum Kind {
    FILE,
    STREAM,
    /** A stream that hands out one byte per read call: every refill boundary is exercised. */
    TRICKLE
  }

  static DumpInput input(Kind kind, byte[] data) throws IOException {
    switch (kind) {
      case FILE -> {
        Path p = Files.createTempFile(tmp, "in", ".bin");
        Files.write(p, data);
        return DumpInput.open(p);
      }
      case STREAM -> {
        return DumpInput.of(new ByteArrayInputStream(data), "mem.dump");
      }
      default -> {
        InputStream slow =
            new ByteArrayInputStream(data) {
              @Override
              public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
              }
            };
        return DumpInput.of(slow, "mem.dump");
      }
    }
  }

  static Stream<Kind> kinds() {
    return Stream.of(Kind.values());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void bigEndianPrimitives(Kind kind) throws IOException {
    byte[] data = Hex.bytes("7f  ff fe  12 34 56 78  ff ff ff ff  80 00 00 01");
    try (DumpInput in = input(kind, data)) {
      assertThat(in.offset()).isZero();
      assertThat(in.u8("a")).isEqualTo(0x7F);
      assertThat(in.u16("b")).isEqualTo(0xFFFE);
      assertThat(in.i32("c")).isEqualTo(0x12345678);
      assertThat(in.i32("d")).isEqualTo(-1);
      assertThat(DumpHeader.unsigned(in.i32("e"))).isEqualTo(0x80000001L);
      assertThat(in.offset()).isEqualTo(data.length);
      assertThat(in.peek()).isEqualTo(-1);
    }
  }

  /**
   * A file that cannot be opened is refused with NIO's precise exception (callers tell them apart).
   */
  @Test
  void aMissingFileIsANoSuchFileException() {
    assertThatThrownBy(() -> DumpInput.open(tmp.resolve("missing.dump")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class)
        .hasMessageContaining("missing.dump");
  }

  /**
   * ensure(n) brings the next n bytes into the buffer across a refill, after a seek, or says no.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void ensureMakesTheNextBytesAvailable(Kind kind) throws IOException {
    byte[] data = new byte[3 * BUFFER];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    try (DumpInput in = input(kind, data)) {
      in.skip(BUFFER - 50, "x"); // 50 bytes left in the first buffer (file: after a seek, none)
      assertThat(in.ensure(113)).isTrue();
      assertThat(in.offset()).isEqualTo(BUFFER - 50);
      byte[] b = in.buffer();
      int p = in.bufferPosition();
      for (int i = 0; i < 113; i++) {
        assertThat(b[p + i]).isEqualTo(data[BUFFER - 50 + i]);
      }
      in.advance(113);
      assertThat(in.offset()).isEqualTo(BUFFER + 63);
      assertThat(in.u8("next")).isEqualTo(data[BUFFER + 63] & 0xFF);
      in.skip(data.length - in.offset() - 10, "x");
      assertThat(in.ensure(11)).isFalse(); // only 10 bytes left
      assertThat(in.offset()).isEqualTo(data.length - 10);
      assertThat(in.ensure(10)).isTrue();
      in.readFully(new byte[10], 0, 10, "the last bytes");
      assertThat(in.peek()).isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void peekDoesNotConsume(Kind kind) throws IOException {
    try (DumpInput in = input(kind, new byte[] {(byte) 0xC8, 2})) {
      assertThat(in.peek()).isEqualTo(0xC8);
      assertThat(in.peek()).isEqualTo(0xC8);
      assertThat(in.offset()).isZero();
      assertThat(in.u8("x")).isEqualTo(0xC8);
      assertThat(in.offset()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void valuesStraddlingTheBufferBoundary(int before) throws IOException {
    for (Kind kind : Kind.values()) {
      byte[] data = new byte[BUFFER + 16];
      int at = BUFFER - before;
      data[at] = 0x01;
      data[at + 1] = 0x02;
      data[at + 2] = 0x03;
      data[at + 3] = 0x04;
      try (DumpInput in = input(kind, data)) {
        in.skip(at, "gap");
        assertThat(in.offset()).isEqualTo(at);
        assertThat(in.i32("straddling")).as(kind.toString()).isEqualTo(0x01020304);
        assertThat(in.offset()).isEqualTo(at + 4);
      }
      try (DumpInput in = input(kind, data)) {
        in.skip(at, "gap");
        assertThat(in.u16("straddling")).isEqualTo(0x0102);
        byte[] b = new byte[2];
        in.readFully(b, 0, 2, "rest");
        assertThat(b).containsExactly(3, 4);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void readFullyAcrossManyBuffers(Kind kind) throws IOException {
    byte[] data = new byte[3 * BUFFER + 123];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    try (DumpInput in = input(kind, data)) {
      in.u8("first");
      byte[] b = new byte[data.length - 1];
      in.readFully(b, 0, b.length, "bulk");
      assertThat(b).isEqualTo(java.util.Arrays.copyOfRange(data, 1, data.length));
      assertThat(in.offset()).isEqualTo(data.length);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void truncationSaysWhereTheFileEndsAndWhat(Kind kind) throws IOException {
    byte[] data = {1, 2, 3, 4, 5};
    try (DumpInput in = input(kind, data)) {
      in.skip(3, "gap");
      assertThatThrownBy(() -> in.i32("the vnode number"))
          .isInstanceOf(DumpFormatException.class)
          .hasMessageEndingWith(
              "offset 5: truncated dump: end of file inside the vnode number (2 more bytes"
                  + " expected)")
          .satisfies(e -> assertThat(((DumpFormatException) e).offset()).isEqualTo(5));
    }
    try (DumpInput in = input(kind, data)) {
      in.skip(4, "gap");
      assertThatThrownBy(() -> in.u16("a mode"))
          .hasMessageEndingWith(
              "offset 5: truncated dump: end of file inside a mode (1 more bytes expected)");
    }
    try (DumpInput in = input(kind, data)) {
      in.skip(5, "gap");
      assertThatThrownBy(() -> in.u8("the end marker"))
          .hasMessageEndingWith(
              "offset 5: truncated dump: end of file inside the end marker (1 more bytes"
                  + " expected)");
    }
    try (DumpInput in = input(kind, data)) {
      in.u8("x");
      assertThatThrownBy(() -> in.readFully(new byte[10], 0, 10, "a page"))
          .hasMessageEndingWith(
              "offset 5: truncated dump: end of file inside a page (6 more bytes expected)");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void messagesNameTheSource(Kind kind) throws IOException {
    try (DumpInput in = input(kind, new byte[0])) {
      assertThatThrownBy(() -> in.u8("tag"))
          .isInstanceOf(DumpFormatException.class)
          .satisfies(
              e -> {
                DumpFormatException d = (DumpFormatException) e;
                assertThat(d.source()).isEqualTo(in.source());
                assertThat(d.getMessage()).startsWith(in.source() + ": offset 0: ");
              });
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void skipWithinAndBeyondTheBuffer(Kind kind) throws IOException {
    byte[] data = new byte[4 * BUFFER];
    for (int i = 0; i < data.length; i += 4) {
      data[i] = (byte) (i >>> 24);
      data[i + 1] = (byte) (i >>> 16);
      data[i + 2] = (byte) (i >>> 8);
      data[i + 3] = (byte) i;
    }
    try (DumpInput in = input(kind, data)) {
      in.skip(8, "small");
      assertThat(in.i32("at 8")).isEqualTo(8);
      in.skip(2 * BUFFER, "large");
      assertThat(in.offset()).isEqualTo(12 + 2 * BUFFER);
      assertThat(in.i32("after")).isEqualTo(12 + 2 * BUFFER);
      in.skip(0, "nothing");
      in.skip(data.length - in.offset(), "to the end");
      assertThat(in.peek()).isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {4094, 4095, 4096, 4097})
  void readingOnAfterASeekCrossesTheShortFirstRead(int before) throws IOException {
    // a file input reads a small window right after a seek; values and bulk reads cross it
    byte[] data = new byte[4 * BUFFER];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 13 + 5);
    }
    int start = 2 * BUFFER + 17;
    for (Kind kind : Kind.values()) {
      try (DumpInput in = input(kind, data)) {
        in.skip(start, "far");
        in.skip(before - 2, "near");
        int at = start + before - 2;
        int expected =
            ((data[at] & 0xFF) << 24)
                | ((data[at + 1] & 0xFF) << 16)
                | ((data[at + 2] & 0xFF) << 8)
                | (data[at + 3] & 0xFF);
        assertThat(in.i32("straddling")).as(kind.toString()).isEqualTo(expected);
        byte[] rest = new byte[BUFFER + 100];
        in.readFully(rest, 0, rest.length, "bulk");
        assertThat(rest)
            .isEqualTo(java.util.Arrays.copyOfRange(data, at + 4, at + 4 + rest.length));
        assertThat(in.offset()).isEqualTo(at + 4 + rest.length);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void skipPastTheEndIsRefused(Kind kind) throws IOException {
    try (DumpInput in = input(kind, new byte[100])) {
      in.skip(10, "head");
      assertThatThrownBy(() -> in.skip(1000, "file data of 2.3"))
          .isInstanceOf(DumpFormatException.class)
          .hasMessageContaining("truncated dump")
          .hasMessageContaining("file data of 2.3");
    }
  }

  @org.junit.jupiter.api.Test
  void seekMovesAnywhereInAFileAndKeepsAUsefulBuffer() throws IOException {
    byte[] data = new byte[3 * BUFFER];
    for (int i = 0; i < data.length; i += 4) {
      data[i] = (byte) (i >>> 24);
      data[i + 1] = (byte) (i >>> 16);
      data[i + 2] = (byte) (i >>> 8);
      data[i + 3] = (byte) i;
    }
    try (DumpInput in = input(Kind.FILE, data)) {
      for (int at : new int[] {2 * BUFFER + 8, 8, 12, 4, 2 * BUFFER - 4, 0, 3 * BUFFER - 4, 16}) {
        in.seek(at);
        assertThat(in.offset()).isEqualTo(at);
        assertThat(in.i32("value at " + at)).isEqualTo(at);
      }
      in.seek(data.length);
      assertThat(in.peek()).isEqualTo(-1);
    }
    try (DumpInput in = input(Kind.STREAM, data)) {
      assertThatThrownBy(() -> in.seek(4)).isInstanceOf(IllegalStateException.class);
    }
  }

  @org.junit.jupiter.api.Test
  void fileInputKnowsItsSizeAndRefusesLengthsBeyondIt() throws IOException {
    try (DumpInput in = input(Kind.FILE, new byte[100])) {
      assertThat(in.size()).isEqualTo(100);
      in.skip(40, "head");
      assertThat(in.remaining()).isEqualTo(60);
      in.require(60, "exactly the rest");
      assertThatThrownBy(() -> in.require(0xFFFFFFF0L, "file data of 4.7"))
          .isInstanceOf(DumpFormatException.class)
          .hasMessageEndingWith(
              "offset 40: truncated dump: file data of 4.7 needs 4294967280 bytes but the file"
                  + " ends 60 bytes later");
      assertThat(in.offset()).isEqualTo(40);
    }
  }

  @org.junit.jupiter.api.Test
  void streamInputHasNoSizeAndRequireCannotRefuse() throws IOException {
    try (DumpInput in = input(Kind.STREAM, new byte[10])) {
      assertThat(in.size()).isEqualTo(-1);
      assertThat(in.remaining()).isEqualTo(Long.MAX_VALUE);
      in.require(0xFFFFFFFFL, "anything");
      assertThat(in.offset()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void copyToDeliversExactlyTheBytes(Kind kind) throws IOException {
    byte[] data = new byte[2 * BUFFER + 500];
    new java.util.Random(5).nextBytes(data);
    try (DumpInput in = input(kind, data)) {
      in.skip(100, "head");
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      in.copyTo(BUFFER + 300, sink::write, "file data");
      assertThat(sink.toByteArray())
          .isEqualTo(java.util.Arrays.copyOfRange(data, 100, 100 + BUFFER + 300));
      assertThat(in.offset()).isEqualTo(100 + BUFFER + 300);
      assertThatThrownBy(() -> in.copyTo(2 * BUFFER, sink::write, "file data of 6.9"))
          .isInstanceOf(DumpFormatException.class)
          .hasMessageContaining(
              "offset " + data.length + ": truncated dump: end of file inside file data of 6.9");
    }
  }

  @org.junit.jupiter.api.Test
  void readErrorsBecomeUncheckedWithTheOffset() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk on fire");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw new IOException("disk on fire");
          }
        };
    DumpInput in = DumpInput.of(failing, "tape.dump");
    assertThatThrownBy(() -> in.u8("tag"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("tape.dump: read failed at offset 0")
        .hasRootCauseMessage("disk on fire");
  }

  @org.junit.jupiter.api.Test
  void closeClosesTheFile() throws IOException {
    DumpInput in = input(Kind.FILE, new byte[10]);
    in.close();
    assertThatThrownBy(() -> in.u8("x")).isInstanceOf(UncheckedIOException.class);
  }
}
