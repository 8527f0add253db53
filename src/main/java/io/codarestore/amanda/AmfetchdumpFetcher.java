package io.codarestore.amanda;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ExternalProgram;
import io.codarestore.core.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a dump through Amanda's own {@code amfetchdump}, for media this program cannot read
 * itself (real tape drives and changers, encrypted or custom-compressed dumps). Runs {@code
 * amfetchdump -p -h --exact-match CONF host disk datestamp} as the Amanda user (through {@code
 * runuser} when running as root, {@code sudo -n} otherwise), as an argument array without a shell.
 * {@code -h} puts the dump's 32 KiB header in front of the (decompressed) data; the header is
 * checked against the request, the data are streamed to the output with progress and checked
 * against NATIVE-CRC.
 */
public final class AmfetchdumpFetcher implements DumpFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(AmfetchdumpFetcher.class);
  private static final int STDERR_LINES = 30;

  private final String config;
  private final String amandaUser;
  private final String program;
  private final String currentUser;
  private final DumpStartCheck startCheck;

  /**
   * Runs {@code amfetchdump} of config {@code config} as user {@code backup} and checks the Coda
   * dump header of what it returns ({@link CodaDumpCheck}).
   */
  public AmfetchdumpFetcher(String config) {
    this(config, "backup", defaultProgram(), new CodaDumpCheck());
  }

  /**
   * @param config the Amanda configuration name ({@code /etc/amanda/CONF})
   * @param amandaUser the Amanda dump user ({@code dumpuser} of amanda.conf)
   * @param program the amfetchdump executable
   * @param startCheck what the first bytes of the fetched dump must pass
   */
  public AmfetchdumpFetcher(
      String config, String amandaUser, String program, DumpStartCheck startCheck) {
    this.config = requireWord(config, "config");
    this.amandaUser = requireWord(amandaUser, "Amanda user");
    this.program = Objects.requireNonNull(program);
    this.currentUser = System.getProperty("user.name", "");
    this.startCheck = Objects.requireNonNull(startCheck);
  }

  private static String defaultProgram() {
    Path sbin = Path.of("/usr/sbin/amfetchdump");
    return Files.isExecutable(sbin) ? sbin.toString() : "amfetchdump";
  }

  private static String requireWord(String value, String what) {
    if (value == null || value.isEmpty() || value.startsWith("-")) {
      throw new IllegalArgumentException("bad " + what + ": " + value);
    }
    return value;
  }

  /** The command line, one argument per element (no shell). */
  List<String> command(FetchRequest request) {
    List<String> cmd = new ArrayList<>();
    if (!currentUser.equals(amandaUser)) {
      if ("root".equals(currentUser)) {
        cmd.addAll(List.of("runuser", "-u", amandaUser, "--"));
      } else {
        cmd.addAll(List.of("sudo", "-n", "-u", amandaUser, "--"));
      }
    }
    cmd.add(program);
    cmd.addAll(List.of("-p", "-h", "--exact-match", config));
    // "--" is not understood by amfetchdump; names starting with "-" cannot be passed safely
    cmd.add(requireWord(request.host(), "host name"));
    cmd.add(requireWord(request.disk(), "disk name"));
    cmd.add(request.datestamp());
    return cmd;
  }

  @Override
  public FetchResult fetch(
      FetchRequest request, OutputStream out, ProgressListener progress, Cancellation cancel) {
    long started = System.nanoTime();
    List<String> cmd = command(request);
    LOG.info("running {}", cmd);
    ExternalProgram.Running process;
    try {
      // stdin is /dev/null: no one answers "Press enter when ready"
      process =
          ExternalProgram.of(cmd)
              .cancel(cancel)
              .onLine(line -> LOG.debug("amfetchdump: {}", line))
              .startStreaming();
    } catch (ExternalProgram.NotStarted e) {
      throw new AmfetchdumpException(e.getMessage(), e);
    }
    Thread watcher = stopOnCancel(process, cancel);
    String stage = request.stageName() + " (amfetchdump)";
    boolean finished = false;
    try (InputStream stdout = process.stdout()) {
      byte[] headerBlock = stdout.readNBytes(AmandaFileHeader.SIZE);
      if (headerBlock.length < AmandaFileHeader.SIZE) {
        cancel.check();
        throw failure(process, cmd, "it wrote no dump (" + headerBlock.length + " bytes)");
      }
      AmandaFileHeader header = AmandaFileHeader.parse(headerBlock, "amfetchdump output");
      checkHeader(request, header);
      Crc expectedNative = expectedNative(request, header);
      long total = expectedNative.isKnown() ? expectedNative.length() : -1;
      progress.stageStarted(stage, total);
      NativeOutput sink = new NativeOutput(out, "the output", request, startCheck);
      byte[] buf = new byte[VtapeFetcher.WRITE_BUFFER];
      int n;
      while ((n = stdout.read(buf)) >= 0) {
        cancel.check();
        sink.write(buf, 0, n);
        progress.progress(stage, sink.count(), total);
      }
      cancel.check(); // a stop on cancel ends the output early
      sink.finish();
      ExternalProgram.Result rc = process.await();
      if (!rc.succeeded()) {
        throw failure(process, cmd, "it exited with status " + rc.exitStatus());
      }
      Crc written = sink.crc();
      List<String> warnings = new ArrayList<>();
      boolean verified = verify(request, expectedNative, written, warnings);
      warnings.forEach(progress::warning);
      finished = true;
      return new FetchResult(
          -1,
          null,
          written.length(),
          written,
          header.compSuffix(),
          false,
          verified,
          warnings,
          Duration.ofNanos(System.nanoTime() - started));
    } catch (AmandaHeaderException e) {
      throw failure(
          process, cmd, "its output does not start with a dump header: " + e.getMessage());
    } catch (IOException e) {
      cancel.check();
      throw failure(process, cmd, "reading its output failed: " + e);
    } finally {
      watcher.interrupt();
      if (!finished) {
        process.close();
      }
      progress.stageFinished(stage);
    }
  }

  /** The NATIVE-CRC to check against: the log's, or the header's; they must agree. */
  private static Crc expectedNative(FetchRequest request, AmandaFileHeader header) {
    return Crc.expected(
        request.nativeCrc(),
        header.nativeCrc(),
        () ->
            "amfetchdump returned a dump whose header records NATIVE-CRC "
                + header.nativeCrc()
                + " but the Amanda log records "
                + request.nativeCrc()
                + " for "
                + request.describe());
  }

  /** Whether the written stream matched the NATIVE-CRC (false, with a warning, if none known). */
  private static boolean verify(
      FetchRequest request, Crc expectedNative, Crc written, List<String> warnings) {
    boolean verified = false;
    if (expectedNative.isKnown()) {
      if (!expectedNative.equals(written)) {
        throw new ChecksumMismatchException(
            "the dump "
                + request.describe()
                + " that amfetchdump returned has CRC-32C:length "
                + written
                + ", but Amanda recorded NATIVE-CRC "
                + expectedNative
                + ": the data on tape are damaged");
      }
      verified = true;
    } else {
      warnings.add(
          "Amanda recorded no NATIVE-CRC for "
              + request.describe()
              + "; the dump amfetchdump returned could not be verified");
    }
    return verified;
  }

  private static void checkHeader(FetchRequest request, AmandaFileHeader h) {
    List<String> wrong = new ArrayList<>();
    if (!h.isDump()) {
      wrong.add("it is a " + h.kind() + " header");
    } else {
      wrong.addAll(request.id().differencesFrom(h));
      if (h.isCompressed() || h.isEncrypted()) {
        wrong.add("the data are still compressed or encrypted (comp " + h.compSuffix() + ")");
      }
    }
    if (!wrong.isEmpty()) {
      throw new HeaderMismatchException(
          "amfetchdump returned another dump than "
              + request.describe()
              + ": its header says "
              + String.join(", ", wrong)
              + " ("
              + h.describe()
              + ")");
    }
  }

  /**
   * Stops amfetchdump as soon as the user cancels, also while this thread is blocked reading its
   * output (a tape that does not answer): the stop closes the output and the read returns.
   */
  private static Thread stopOnCancel(ExternalProgram.Running process, Cancellation cancel) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (process.process().isAlive()) {
                  if (cancel.isCancelled()) {
                    process.stop();
                    return;
                  }
                  Thread.sleep(50);
                }
              } catch (InterruptedException e) {
                // the fetch ended
              }
            },
            "amfetchdump-cancel");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static AmfetchdumpException failure(
      ExternalProgram.Running process, List<String> cmd, String what) {
    process.close();
    ExternalProgram.Result r = process.await();
    String tail = String.join(" | ", r.lastLines(STDERR_LINES));
    return new AmfetchdumpException(
        String.join(" ", cmd)
            + " failed: "
            + what
            + (tail.isEmpty() ? "" : "; it said: " + tail)
            + " (exit status "
            + r.exitStatus()
            + ")");
  }
}
