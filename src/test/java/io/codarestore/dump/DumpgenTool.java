package io.codarestore.dump;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: runs the shared reference tool {@code coda-dumpgen} (skips the test if absent). */
final class DumpgenTool {
  private DumpgenTool() {}

  static void assumeAvailable() {
    assumeTrue(RealFixtures.dumpgenAvailable(), "coda-dumpgen not found (../shared/tools)");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 not installed");
  }

  /** Runs the tool; returns its stdout, fails with its stderr on a non-zero exit. */
  static String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(RealFixtures.dumpgen().toString());
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile("dumpgen", ".err");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IllegalStateException(
            "coda-dumpgen " + args[0] + " exited " + rc + ": " + Files.readString(err));
      }
      return out;
    } finally {
      Files.deleteIfExists(err);
    }
  }

  /** The truth of the simulated volume at dump number {@code n}. */
  static JsonNode manifest(Path state, int n) throws IOException, InterruptedException {
    return new ObjectMapper()
        .readTree(run("manifest", "--state", state.toString(), "--as-of", Integer.toString(n)));
  }

  /** A fresh simulated volume. */
  static Path init(Path dir, int seed, int files) throws IOException, InterruptedException {
    Path state = dir.resolve("state");
    run(
        "init",
        "--state",
        state.toString(),
        "--volume",
        "vol" + seed,
        "--seed",
        Integer.toString(seed),
        "--files",
        Integer.toString(files));
    return state;
  }

  static Path dump(Path state, int level, Path out) throws IOException, InterruptedException {
    run(
        "dump",
        "--state",
        state.toString(),
        "--level",
        Integer.toString(level),
        "--out",
        out.toString());
    return out;
  }

  static void advance(Path state) throws IOException, InterruptedException {
    run("advance", "--state", state.toString());
  }

  static Path merge(Path out, Path full, Path incr) throws IOException, InterruptedException {
    run("merge", out.toString(), full.toString(), incr.toString());
    return out;
  }
}
