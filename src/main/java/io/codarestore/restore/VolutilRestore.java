package io.codarestore.restore;

import io.codarestore.core.Cancellation;
import io.codarestore.core.UserFacingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs {@code volutil [-h SERVER] restore [-f FILE] PARTITION [NAME [HEXID]]} as an argument array
 * (never a shell). Without a file, the merged dump is streamed to its standard input, which is what
 * the seed procedure does with {@code cat} and which avoids a 2 GB file limit. Its output is
 * captured line by line and its exit status checked.
 */
public final class VolutilRestore {
  /** The command line for one restore. */
  public record Invocation(
      String command,
      String server,
      String partition,
      String name,
      Integer volumeId,
      Path dumpFile) {
    public Invocation {
      if (partition == null || partition.isBlank()) {
        throw new UserFacingException("volutil restore needs the server partition (e.g. /vicepa)");
      }
      if (volumeId != null && (name == null || name.isBlank())) {
        throw new UserFacingException("a volume id can only be given together with a volume name");
      }
      if (name != null && name.getBytes(StandardCharsets.UTF_8).length > 31) {
        throw new UserFacingException("volume name '" + name + "' is longer than Coda's 31 bytes");
      }
    }

    /** The argument array. */
    public List<String> argv() {
      List<String> a = new ArrayList<>();
      a.add(command);
      if (server != null && !server.isBlank()) {
        a.add("-h");
        a.add(server);
      }
      a.add("restore");
      if (dumpFile != null) {
        a.add("-f");
        a.add(dumpFile.toString());
      }
      a.add(partition);
      if (name != null && !name.isBlank()) {
        a.add(name);
        if (volumeId != null) {
          a.add(hex(volumeId));
        }
      }
      return a;
    }

    /** The same command as an admin would type it (for the runbook), with stdin shown. */
    public String display(String stdinSource) {
      String cmd = Shell.join(argv());
      return dumpFile == null ? stdinSource + " | " + cmd : cmd;
    }
  }

  /** What volutil said and returned. */
  public record Outcome(int exitStatus, List<String> output) {
    public Outcome {
      output = List.copyOf(output);
    }

    public boolean succeeded() {
      return exitStatus == 0;
    }
  }

  /** volutil takes volume ids in hex without a prefix, e.g. 1000007. */
  public static String hex(int id) {
    return Integer.toHexString(id);
  }

  /** Parses a volume id as volutil prints it: hex, with or without 0x. */
  public static int parseVolumeId(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("0x")) {
      t = t.substring(2);
    }
    try {
      long v = Long.parseLong(t, 16);
      if (v <= 0 || v > 0xFFFFFFFFL) {
        throw new NumberFormatException();
      }
      return (int) v;
    } catch (NumberFormatException e) {
      throw new UserFacingException(
          "'" + text + "' is not a Coda volume id (hex, e.g. 1000007)", e);
    }
  }

  /** Writes the dump to volutil's standard input. */
  @FunctionalInterface
  public interface DumpProducer {
    void writeTo(OutputStream stdin) throws IOException;
  }

  private final Cancellation cancel;

  public VolutilRestore(Cancellation cancel) {
    this.cancel = cancel;
  }

  /**
   * Runs the restore; {@code producer} streams the dump when no file is given. Every output line
   * goes to {@code lines} as it arrives.
   */
  public Outcome run(Invocation inv, DumpProducer producer, Consumer<String> lines) {
    ProcessBuilder pb = new ProcessBuilder(inv.argv()).redirectErrorStream(true);
    Process proc;
    try {
      proc = pb.start();
    } catch (IOException e) {
      throw new UserFacingException("cannot run " + inv.command() + ": " + e.getMessage(), e);
    }
    List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> drain(proc.getInputStream(), output, lines), "volutil-output");
    reader.setDaemon(true);
    reader.start();
    try {
      try (OutputStream stdin = proc.getOutputStream()) {
        if (inv.dumpFile() == null) {
          producer.writeTo(stdin);
        }
      } catch (IOException e) {
        // volutil stopped reading: its own message says why; the exit status decides.
        output.add("(standard input closed early: " + e.getMessage() + ")");
      }
      while (!proc.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        cancel.check();
      }
      reader.join(5000);
      return new Outcome(proc.exitValue(), new ArrayList<>(output));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      proc.destroyForcibly();
      throw new Cancellation.CancelledException();
    } catch (RuntimeException e) {
      proc.destroyForcibly();
      throw e;
    }
  }

  private static void drain(InputStream in, List<String> output, Consumer<String> lines) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try (in) {
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '\n') {
          emit(line, output, lines);
        } else if (line.size() < 4096) {
          line.write(b);
        }
      }
      if (line.size() > 0) {
        emit(line, output, lines);
      }
    } catch (IOException e) {
      output.add("(output unreadable: " + e.getMessage() + ")");
    }
  }

  private static void emit(
      ByteArrayOutputStream line, List<String> output, Consumer<String> lines) {
    String s = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (output.size() < 10_000) {
      output.add(s);
    }
    lines.accept(s);
  }
}
