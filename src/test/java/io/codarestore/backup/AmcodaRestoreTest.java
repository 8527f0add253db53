package io.codarestore.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.restore.Truth;
import io.codarestore.testing.AmcodaProcess;
import io.codarestore.testing.VolutilSim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore side as amrecover drives it (one {@code amcoda restore} per dump of the chain, the
 * dump on stdin, paths as {@code ./x}), and {@code validate}/{@code index} as amcheckdump and
 * amreindex do, on dumps amcoda made of a volutil-sim server.
 */
class AmcodaRestoreTest {
  @TempDir Path dir;
  private VolutilSim sim;
  private AmcodaProcess amcoda;
  private Path full;
  private Path incremental;
  private Map<String, Truth.Node> truthAfterIncremental;
  private List<String> incrementalIndex;

  @BeforeEach
  void chain() throws IOException {
    sim = VolutilSim.create(dir, "u.alice:11:60");
    amcoda = new AmcodaProcess(dir, Map.of("HOME", dir.toString()));
    full = backup(0).data();
    sim.sim("advance", "--days", "3");
    AmcodaProcess.Run incr = backup(1);
    incremental = incr.data();
    incrementalIndex = Files.readAllLines(incr.index());
    Path t = dir.resolve("truth.json");
    sim.sim("truth", "u.alice", "--out", t.toString());
    truthAfterIncremental = Truth.fromJson(t);
  }

  private AmcodaProcess.Run backup(int level) throws IOException {
    AmcodaProcess.Run r =
        amcoda.run(
            "backup",
            "--message",
            "line",
            "--config",
            "daily",
            "--host",
            "localhost",
            "--disk",
            "u.alice",
            "--device",
            "u.alice",
            "--level",
            String.valueOf(level),
            "--index",
            "line",
            "--record",
            "--volutil",
            sim.volutil().toString());
    assertThat(r.exit()).as(String.join("\n", r.messageLines())).isZero();
    return r;
  }

  private AmcodaProcess.Run restore(Path dump, Path into, String... paths) throws IOException {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "restore",
                "--config",
                "daily",
                "--disk",
                "u.alice",
                "--device",
                "u.alice",
                "--level",
                "0",
                "--directory",
                into.toString()));
    args.addAll(List.of(paths));
    return amcoda.run(dump, Map.of(), args.toArray(String[]::new));
  }

  @Test
  void theChainRestoredRunByRunEqualsTheVolumeAsOfTheLastDump() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    AmcodaProcess.Run r0 = restore(full, out, ".");
    assertThat(r0.exit()).as(r0.stderr().toString()).isZero();
    AmcodaProcess.Run r1 = restore(incremental, out, ".");
    assertThat(r1.exit()).as(r1.stderr().toString()).isZero();
    assertThat(r1.stderr()).isEmpty();
    assertThat(Truth.diff(truthAfterIncremental, Truth.directory(out))).isEmpty();
    // the volume lost files between the dumps: the second run removed them
    assertThat(String.join("\n", r1.stdoutLines())).contains("removed");
    try (var s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".amcoda-restore-"));
    }
  }

  @Test
  void aDirectoryOfTheChainIsRestoredAloneAndNothingElse() throws IOException {
    String chosen =
        truthAfterIncremental.entrySet().stream()
            .filter(
                e ->
                    e.getValue().type().equals("dir")
                        && !e.getKey().equals(".")
                        && !e.getKey().contains("/"))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    Path out = Files.createDirectories(dir.resolve("one"));
    assertThat(restore(full, out, "./" + chosen).exit()).isZero();
    assertThat(restore(incremental, out, "./" + chosen).exit()).isZero();
    Map<String, Truth.Node> want = new TreeMap<>();
    truthAfterIncremental.forEach(
        (k, v) -> {
          if (k.equals(chosen) || k.startsWith(chosen + "/")) {
            want.put(k, v);
          }
        });
    Map<String, Truth.Node> got = new TreeMap<>(Truth.directory(out));
    got.remove(".");
    assertThat(Truth.diff(want, got)).isEmpty();
  }

  @Test
  void aPathOutsideTheVolumeIsRefusedAndNothingIsWrittenOutside() throws IOException {
    Path out = Files.createDirectories(dir.resolve("safe/inner"));
    AmcodaProcess.Run r = restore(full, out, "./../escape");
    assertThat(r.exit()).isNotZero();
    assertThat(dir.resolve("safe/escape")).doesNotExist();
    try (var s = Files.list(out)) {
      assertThat(s.toList()).isEmpty();
    }
    assertThat(String.join("\n", r.stderr())).contains("amcoda restore:");
  }

  @Test
  void validateAcceptsASoundDumpAndRefusesACutOne() throws IOException {
    AmcodaProcess.Run ok =
        amcoda.run(
            incremental,
            Map.of(),
            "validate",
            "--config",
            "daily",
            "--disk",
            "u.alice",
            "--level",
            "1");
    assertThat(ok.exit()).isZero();
    Path cut = dir.resolve("cut.dump");
    byte[] all = Files.readAllBytes(full);
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    AmcodaProcess.Run bad =
        amcoda.run(
            cut, Map.of(), "validate", "--config", "daily", "--disk", "u.alice", "--level", "0");
    assertThat(bad.exit()).isNotZero();
    assertThat(String.join("\n", bad.stderr())).contains("truncated");
  }

  @Test
  void indexGivesTheLinesTheBackupWrote() throws IOException {
    AmcodaProcess.Run r =
        amcoda.run(
            incremental,
            Map.of(),
            "index",
            "--config",
            "daily",
            "--host",
            "localhost",
            "--disk",
            "u.alice",
            "--level",
            "1");
    assertThat(r.exit()).isZero();
    assertThat(r.stderr()).isEmpty();
    assertThat(Files.readAllLines(r.data())).isEqualTo(incrementalIndex).isNotEmpty();
  }
}
