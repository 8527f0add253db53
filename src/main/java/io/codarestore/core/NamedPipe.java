package io.codarestore.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * A named pipe for one program's standard output ({@link ExternalProgram#startStreamingChannel}):
 * made with {@code mkfifo} in a private temporary directory, opened for reading before the program
 * opens it for writing, and removed as soon as the program is started; only the two descriptors
 * remain. The pipe is widened to 1 MiB where that can be done ({@link PipeCapacity}): a program
 * writing much, such as {@code volutil dump}, then does not wait on its reader every 64 KiB.
 */
final class NamedPipe {
  private NamedPipe() {}

  /** Starts a program whose output goes to {@code fifo}, given the channel that reads it. */
  @FunctionalInterface
  interface Starter {
    ExternalProgram.Running start(Path fifo, ReadableByteChannel read);
  }

  static ExternalProgram.Running startWithOutput(String program, Starter starter) {
    Path dir;
    try {
      dir = Files.createTempDirectory("coda-restore-pipe");
    } catch (IOException e) {
      throw new ExternalProgram.NotStarted(program, e);
    }
    Path fifo = dir.resolve("stdout");
    try {
      ExternalProgram.of(List.of("mkfifo", "-m", "600", fifo.toString()))
          .timeout(Duration.ofSeconds(30))
          .runChecked();
      return open(program, fifo, starter);
    } finally {
      try {
        Files.deleteIfExists(fifo);
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // a leftover empty pipe in the temporary directory: harmless
      }
    }
  }

  /**
   * Opens the reading end before the program opens the writing end, without waiting: a descriptor
   * opened for reading and writing (which never waits) is held while the read-only one is opened
   * and the program started, then closed, so that the program's exit is the pipe's end of file.
   * (The program inherits neither: a started program gets only descriptors 0-2.)
   */
  @SuppressWarnings("try") // the held descriptor is only held
  private static ExternalProgram.Running open(String program, Path fifo, Starter starter) {
    FileChannel read = null;
    try (FileChannel hold =
        FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      read = FileChannel.open(fifo, StandardOpenOption.READ);
      PipeCapacity.widen(fifo);
      ExternalProgram.Running r = starter.start(fifo, read);
      read = null;
      return r;
    } catch (IOException e) {
      throw new ExternalProgram.NotStarted(program, e);
    } finally {
      if (read != null) {
        try {
          read.close();
        } catch (IOException e) {
          // nothing was read from it
        }
      }
    }
  }
}
