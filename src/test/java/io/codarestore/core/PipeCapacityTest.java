package io.codarestore.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Widening pipes: a named pipe held open gets 1 MiB; anything else is left alone, quietly. */
class PipeCapacityTest {
  @TempDir Path tmp;

  @Test
  void aNamedPipeHeldOpenIsWidenedToAMegabyte() throws Exception {
    assertThat(PipeCapacity.available()).as("JNA loads on Linux").isTrue();
    Path fifo = tmp.resolve("p");
    ExternalProgram.of(List.of("mkfifo", fifo.toString())).runChecked();
    try (FileChannel held =
        FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      assertThat(PipeCapacity.widen(fifo)).isEqualTo(PipeCapacity.WANTED);
      // the size belongs to the pipe: asking again finds it so
      assertThat(PipeCapacity.widen(fifo)).isEqualTo(PipeCapacity.WANTED);
      // and it holds that much: a megabyte written without a reader does not wait
      java.nio.ByteBuffer mb = java.nio.ByteBuffer.allocate(PipeCapacity.WANTED);
      int written = 0;
      while (mb.hasRemaining()) {
        written += held.write(mb);
      }
      assertThat(written).isEqualTo(PipeCapacity.WANTED);
    }
  }

  @Test
  void aFileAMissingPathOrAClosedDescriptorIsLeftAlone() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain"), "not a pipe");
    assertThat(PipeCapacity.widen(file)).isEqualTo(-1);
    assertThat(Files.readString(file)).isEqualTo("not a pipe");
    assertThat(PipeCapacity.widen(tmp.resolve("missing"))).isEqualTo(-1);
    assertThat(PipeCapacity.widen(987_654)).isEqualTo(-1);
  }
}
