package io.codarestore.dump;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the reference tool {@code coda-dumpgen} (an argument list, never a shell string). */
final class Dumpgen {
  private Dumpgen() {}

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {
    Run ok() {
      if (exit != 0) {
        throw new AssertionError("coda-dumpgen failed (" + exit + "): " + err);
      }
      return this;
    }
  }

  static boolean available() {
    return RealFixtures.dumpgenAvailable() && python3() != null;
  }

  /** Skips the calling test (reported as skipped) when the tool is not there. */
  static void assume() {
    assumeTrue(available(), "coda-dumpgen (and python3) not found: cross-check skipped");
  }

  private static String python3() {
    for (String p : List.of("/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3")) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return null;
  }

  static Run run(Path workDir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(python3());
    cmd.add(RealFixtures.dumpgen().toString());
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(workDir, ".dumpgen", ".out");
      Path err = Files.createTempFile(workDir, ".dumpgen", ".err");
      try {
        Process p =
            new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("coda-dumpgen did not finish: " + cmd);
        }
        return new Run(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** {@code coda-dumpgen merge} applied pairwise along the chain; returns the last output. */
  static Path mergePairwise(Path workDir, List<Path> chain, String prefix) {
    Path base = chain.get(0);
    for (int i = 1; i < chain.size(); i++) {
      Path out = workDir.resolve(prefix + "-dumpgen-" + i + ".dump");
      run(workDir, "merge", out.toString(), base.toString(), chain.get(i).toString()).ok();
      base = out;
    }
    return base;
  }
}
