package io.codarestore.amanda;

import io.codarestore.core.TempOutputs;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/** Writes a file so that it exists under its name only once it is complete. */
final class OutputFile {
  private OutputFile() {}

  /** Puts the target's name into write errors, which otherwise name no file. */
  private static final class NamedOutput extends FilterOutputStream {
    private final Path target;

    NamedOutput(OutputStream out, Path target) {
      super(out);
      this.target = target;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw new IOException("writing " + target + ": " + e.getMessage(), e);
      }
    }
  }

  static FetchResult write(Path target, Function<OutputStream, FetchResult> body) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FetchOutputException(
          target + " already exists; remove it or choose another output file");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new FetchOutputException(target + ": the directory " + dir + " does not exist");
    }
    Path temp;
    try {
      temp = TempOutputs.createFile(absolute, true);
    } catch (IOException e) {
      throw new FetchOutputException("cannot create a temporary file in " + dir + ": " + e, e);
    }
    boolean done = false;
    try {
      FetchResult result;
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = new NamedOutput(Channels.newOutputStream(channel), target);
        result = body.apply(out);
        channel.force(true);
      } catch (IOException e) {
        throw new FetchOutputException("cannot write " + temp + ": " + e, e);
      }
      try {
        Path finished = temp;
        TempOutputs.publish(finished, () -> Files.move(finished, absolute));
      } catch (FileAlreadyExistsException e) {
        throw new FetchOutputException(
            target + " appeared while the dump was being fetched; the fetched copy was discarded",
            e);
      } catch (IOException e) {
        throw new FetchOutputException("cannot rename " + temp + " to " + target + ": " + e, e);
      }
      done = true;
      return result;
    } finally {
      if (!done) {
        TempOutputs.remove(temp);
      }
    }
  }
}
