package io.codarestore.cli;

import static io.codarestore.testing.SyntheticAmanda.runLog;
import static io.codarestore.testing.SyntheticAmanda.writeLog;
import static io.codarestore.testing.SyntheticAmanda.writeTapelist;
import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.dump.CraftedDump;
import io.codarestore.dump.DirectoryPagesBuilder;
import io.codarestore.testing.SyntheticAmanda.Dump;
import io.codarestore.testing.SyntheticAmanda.Outcome;
import io.codarestore.ui.demo.DemoInstaller;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C, SIGTERM and SIGHUP in the middle of a real {@code coda-restore} process (a child JVM):
 * the hidden temporary output is removed and the exit code is 128 + the signal. After {@code kill
 * -9} the next run writing to the same place removes what the killed run left, and says so.
 */
class SignalCleanupTest {
  @TempDir static Path shared;
  static Path big;
  static Path small;

  @TempDir Path dir;

  /** A 4 GiB dump (four 1 GiB files of zeros), sparse on disk; and a small one. */
  @BeforeAll
  static void dumps() throws IOException {
    big = BigDump.write(shared.resolve("big.dump"), 4, 1L << 30);
    small = BigDump.write(shared.resolve("small.dump"), 1, 10);
  }

  @Test
  void ctrlCDuringMergeRemovesThePartFileAndExits130() throws Exception {
    Path out = dir.resolve("merged.dump");
    assertSignalCleansUp("INT", 130, out, "merge", "--out", out.toString(), big.toString());
  }

  @Test
  void sigtermDuringExtractToADirectoryRemovesTheTreeAndExits143() throws Exception {
    Path out = dir.resolve("tree");
    assertSignalCleansUp("TERM", 143, out, "extract", "--to-dir", out.toString(), big.toString());
  }

  @Test
  void sighupDuringExtractToTarRemovesThePartFileAndExits129() throws Exception {
    Path out = dir.resolve("tree.tar");
    assertSignalCleansUp("HUP", 129, out, "extract", "--to-tar", out.toString(), big.toString());
  }

  @Test
  void sigtermDuringTheFirstCatalogImportLeavesNoCatalog() throws Exception {
    Path logdir = dir.resolve("log");
    writeLog(
        logdir,
        "20240301002500",
        runLog("20240301002500", "T-01", List.of(new Dump("h", "v", 0, 1, Outcome.OK))));
    // A damaged log of 3 GiB (sparse) keeps the import reading for a while.
    try (RandomAccessFile f =
        new RandomAccessFile(logdir.resolve("log.20240302000000.0").toFile(), "rw")) {
      f.setLength(3L << 30);
    }
    Path tapelist = dir.resolve("tapelist");
    writeTapelist(tapelist, List.<String[]>of(new String[] {"20240301002500", "T-01"}));
    Path db = dir.resolve("catalog.db");
    assertSignalCleansUp(
        "TERM",
        143,
        db,
        "catalog",
        "import",
        "--db",
        db.toString(),
        "--logdir",
        logdir.toString(),
        "--tapelist",
        tapelist.toString());
  }

  @Test
  void afterKillMinus9TheNextRunToTheSamePlaceRemovesTheLeftoverAndSaysSo() throws Exception {
    Path out = dir.resolve("tree");
    Process p = start(out, "extract", "--to-dir", out.toString(), big.toString());
    Path temp = awaitTemp(p, out);
    p.destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(temp).as("kill -9 leaves the temporary output").exists();
    assertThat(temp.getFileName().toString()).contains(".part-" + p.pid() + "-");

    // A temporary output of a live process is not touched.
    Path alive =
        dir.resolve(".tree.part-" + ProcessHandle.current().parent().orElseThrow().pid() + "-abc");
    Files.createDirectory(alive);

    // Another command writing to the same place.
    StringWriter err = new StringWriter();
    int rc =
        Cli.run(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            "merge",
            "--out",
            out.toString(),
            small.toString());
    assertThat(rc).as(err.toString()).isZero();
    assertThat(out).isRegularFile();
    assertThat(temp).doesNotExist();
    assertThat(err.toString())
        .contains("coda-restore: removed " + temp)
        .contains("left by an interrupted run (process " + p.pid() + ", no longer running)");
    assertThat(alive).exists();
  }

  /**
   * A restore of the demo's coda.root (real Amanda vtapes the project carries) into a directory:
   * the run is frozen (SIGSTOP) the moment its first fetch into the workspace cache has a temporary
   * output, sent SIGINT, then let go: that temporary output is removed, and none is made or
   * published after (nothing at the target). The demo's dumps are small, so a run that got past
   * before being frozen is tried again.
   */
  @Test
  void ctrlCDuringRestoreRemovesItsTemporaryOutputsAndExits130() throws Exception {
    DemoInstaller.DemoInstall demo =
        new DemoInstaller()
            .install(dir.resolve("demo"), ProgressListener.NONE, Cancellation.none());
    Path db = dir.resolve("catalog.db");
    StringWriter err = new StringWriter();
    assertThat(
            Cli.run(
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                "catalog",
                "import",
                "--db",
                db.toString(),
                "--config",
                demo.configDir().toString()))
        .as(err.toString())
        .isZero();
    for (int attempt = 1; ; attempt++) {
      Path out = dir.resolve("restored" + attempt);
      Path ws = dir.resolve("ws" + attempt);
      Process p =
          start(
              out,
              "restore",
              "--db",
              db.toString(),
              "--host",
              "localhost",
              "--volume",
              "coda.root",
              "--date",
              "2024-03-07",
              "--to-dir",
              out.toString(),
              "--workspace",
              ws.toString());
      Path cache = ws.resolve("cache/localhost/coda.root");
      boolean caught = freezeWhenTempAppears(p, cache);
      signal(p, "INT");
      signal(p, "CONT");
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = Files.readString(dir.resolve("child.log"));
      if (!caught || p.exitValue() == 0) {
        assertThat(attempt).as("runs that ended before the signal: " + output).isLessThan(10);
        continue;
      }
      assertThat(p.exitValue()).as(output).isEqualTo(130);
      assertThat(leftovers(out)).isEmpty();
      assertThat(out).doesNotExist();
      try (Stream<Path> s = Files.walk(ws)) {
        assertThat(s.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains(".part-"));
      }
      assertThat(output).doesNotContain("Exception").doesNotContain("\tat ");
      return;
    }
  }

  /** Polls for a temporary output in {@code dir} and stops the process when one is there. */
  private boolean freezeWhenTempAppears(Process p, Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (p.isAlive() && System.nanoTime() < deadline) {
      if (anyTemp(dir)) {
        signal(p, "STOP");
        return anyTemp(dir);
      }
      Thread.onSpinWait();
    }
    return false;
  }

  private static boolean anyTemp(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(f -> f.getFileName().toString().contains(".part-"));
    }
  }

  private static void signal(Process p, String signal) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-s", signal, Long.toString(p.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  private void assertSignalCleansUp(String signal, int code, Path out, String... args)
      throws Exception {
    Process p = start(out, args);
    awaitTemp(p, out);
    signal(p, signal);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited after SIG" + signal).isTrue();
    String output = Files.readString(dir.resolve("child.log"));
    assertThat(p.exitValue()).as(output).isEqualTo(code);
    assertThat(leftovers(out)).as("temporary outputs beside " + out).isEmpty();
    assertThat(out).doesNotExist();
    assertThat(output).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private Process start(Path out, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    // As from an interactive shell: INT, TERM and HUP at their defaults even if this JVM was
    // started with some of them ignored (a background job of a non-interactive shell).
    cmd.addAll(List.of("env", "--default-signal=INT,TERM,HUP"));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.codarestore.Launcher"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
  }

  /** Waits until the run's temporary output exists beside {@code out}. */
  private Path awaitTemp(Process p, Path out) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      List<Path> temps = leftovers(out);
      if (!temps.isEmpty()) {
        Thread.sleep(20); // into the work
        assertThat(p.isAlive()).as(Files.readString(dir.resolve("child.log"))).isTrue();
        return temps.get(0);
      }
      assertThat(p.isAlive()).as(Files.readString(dir.resolve("child.log"))).isTrue();
      Thread.sleep(5);
    }
    throw new AssertionError("no temporary output beside " + out + " after 60 s");
  }

  private static List<Path> leftovers(Path out) throws IOException {
    String prefix = "." + out.getFileName() + ".part-";
    try (Stream<Path> s = Files.list(out.getParent())) {
      return s.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  /** Writes a full dump of a root directory with {@code n} files of {@code size} zero bytes. */
  static final class BigDump {
    static Path write(Path file, int n, long size) throws IOException {
      DirectoryPagesBuilder root = DirectoryPagesBuilder.directory(1, 1, 1, 1);
      for (int i = 0; i < n; i++) {
        root.add("f" + i, 2 + 2 * i, 2 + i);
      }
      return CraftedDump.writeWithZeroFiles(file, root.build(), n, size);
    }
  }
}
