package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.ExternalProgram;
import io.codarestore.testing.AmandaFixture;
import io.codarestore.testing.VolutilSim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
 * {@code coda-restore restore --volutil}, {@code --read-write} and {@code promote} on the command
 * line against volutil-sim; the signal tests run the program as its own JVM and send it SIGTERM and
 * SIGINT while volutil hangs.
 */
class RestoreVolutilCliTest {
  static final String DATE = "2024-03-10";
  static AmandaFixture fixture;
  static Path db;
  @TempDir Path tmp;
  String out;
  String err;

  @BeforeAll
  static void importIt(@TempDir Path dir) {
    fixture = AmandaFixture.get();
    db = dir.resolve("catalog.db");
    StringWriter e = new StringWriter();
    int rc =
        Cli.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(e),
            "catalog",
            "import",
            "--db",
            db.toString(),
            "--config",
            fixture.configDir().toString());
    assertThat(rc).as(e.toString()).isZero();
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Cli.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
    out = o.toString();
    err = e.toString();
    return rc;
  }

  List<String> restore(String volume, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "restore",
                "--db",
                db.toString(),
                "--host",
                "localhost",
                "--volume",
                volume,
                "--date",
                DATE,
                "--workspace",
                tmp.resolve("ws").toString()));
    a.addAll(List.of(more));
    return a;
  }

  @Test
  void theStockClientFailsWithOneLineNamingTheLimitAndTheKeptDump() throws Exception {
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil = sim.volutil(tmp.resolve("volutil"), "stock");
    List<String> args =
        restore(
            "coda.root",
            "--volutil",
            "--volutil-cmd",
            volutil.toString(),
            "--partition",
            "/vicepa",
            "--name",
            "big");
    assertThat(run(withDryRun(args))).as(err).isZero();
    assertThat(out)
        .contains("warning: the merged dump will be over")
        .containsPattern("volutil restore -f \\S+\\.dump /vicepa big\n")
        .contains("coda-restore merge --out ");
    long start = System.nanoTime();
    assertThat(run(args.toArray(String[]::new))).isEqualTo(1);
    assertThat(System.nanoTime() - start).isLessThan(60_000_000_000L);
    assertThat(err.lines().filter(l -> l.startsWith("coda-restore:"))).hasSize(1);
    assertThat(err).doesNotContain("\tat ");
    List<String> lines = err.lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .startsWith(
            "coda-restore: volutil restore failed: the stock Coda 8 volutil client cannot"
                + " send dumps over ~500 KB")
        .doesNotContain("Exception")
        .doesNotContain("internal error");
    List<Path> kept;
    try (Stream<Path> s = Files.list(tmp.resolve("ws/merged"))) {
      kept = s.toList();
    }
    assertThat(kept).hasSize(1);
    assertThat(err).contains("The dump is kept at " + kept.get(0));
  }

  private static String[] withDryRun(List<String> args) {
    List<String> a = new ArrayList<>(args);
    a.add("--dry-run");
    return a.toArray(String[]::new);
  }

  @Test
  void readWriteKeepsTheRewrittenDumpAndPromoteMakesTheSameBytes() throws Exception {
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil = sim.volutil(tmp.resolve("volutil"), "fixed");
    Path kept = tmp.resolve("rw.dump");
    assertThat(
            run(
                restore(
                        "u.alice",
                        "--volutil",
                        "--read-write",
                        "--volutil-cmd",
                        volutil.toString(),
                        "--partition",
                        "/vicepa",
                        "--name",
                        "alice.rw",
                        "--volid",
                        "2000001",
                        "--keep-merged",
                        kept.toString())
                    .toArray(String[]::new)))
        .as(err)
        .isZero();
    assertThat(out).contains("next: ").contains("crashes a stock Coda 8 server");
    Path received = sim.root().resolve("restored/02000001.dump");
    assertThat(Files.mismatch(kept, received)).isEqualTo(-1L);

    Path plain = tmp.resolve("plain.dump");
    assertThat(run(restore("u.alice", "--to-dump", plain.toString()).toArray(String[]::new)))
        .as(err)
        .isZero();
    Path promoted = tmp.resolve("promoted.dump");
    assertThat(run("promote", "--volid", "2000001", plain.toString(), promoted.toString()))
        .as(err)
        .isZero();
    assertThat(Files.mismatch(promoted, received)).isEqualTo(-1L);
    assertThat(out).contains("volutil restore -f " + promoted + " PARTITION NAME 2000001");

    // an existing --keep-merged file is refused before anything is read
    assertThat(
            run(
                restore(
                        "u.alice",
                        "--volutil",
                        "--read-write",
                        "--volutil-cmd",
                        volutil.toString(),
                        "--partition",
                        "/vicepa",
                        "--name",
                        "alice.rw2",
                        "--volid",
                        "2000002",
                        "--keep-merged",
                        kept.toString())
                    .toArray(String[]::new)))
        .isEqualTo(1);
    assertThat(err)
        .isEqualTo(
            "coda-restore: --keep-merged file "
                + kept
                + " exists already; it is not overwritten (choose another name)\n");
  }

  @Test
  void namesWithControlCharactersAndMissingProgramsAreRefusedBeforeFetching() {
    assertThat(
            run(
                restore("u.alice", "--volutil", "--partition", "/vicepa", "--name", "bad\nname")
                    .toArray(String[]::new)))
        .isEqualTo(1);
    assertThat(err)
        .isEqualTo(
            "coda-restore: --name 'bad\\nname' contains a control character (U+000A); give a name"
                + " without one\n");
    assertThat(
            run(
                restore(
                        "u.alice",
                        "--volutil",
                        "--partition",
                        "/vicepa",
                        "--volutil-cmd",
                        tmp.resolve("none").toString())
                    .toArray(String[]::new)))
        .isEqualTo(1);
    assertThat(err).contains("volutil command '" + tmp.resolve("none") + "' is not an executable");
    assertThat(tmp.resolve("ws/cache")).doesNotExist();
  }

  @Test
  void anExistingTargetDirectoryIsRefusedBeforeAnyDumpIsRead() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("there"));
    assertThat(run(restore("u.alice", "--to-dir", dir.toString()).toArray(String[]::new)))
        .isEqualTo(1);
    assertThat(err).contains("target directory " + dir + " exists already");
    assertThat(tmp.resolve("ws/cache")).doesNotExist();
  }

  @Test
  void sigtermAndSigintStopAHungVolutilWithinTwoSecondsAndLeaveNothing() throws Exception {
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil = sim.hangingVolutil(tmp.resolve("volutil"));
    for (String[] sig : new String[][] {{"TERM", "143", "SIGTERM"}, {"INT", "130", "SIGINT"}}) {
      Files.deleteIfExists(sim.root().resolve("calls.log"));
      Path state = tmp.resolve("state-" + sig[0]);
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "-Dlogback.configurationFile="
                      + Path.of("target/classes/logback.xml").toAbsolutePath(),
                  "io.codarestore.Launcher"));
      cmd.addAll(
          restore(
              "coda.root",
              "--volutil",
              "--volutil-cmd",
              volutil.toString(),
              "--partition",
              "/vicepa",
              "--name",
              "hung"));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().put("XDG_STATE_HOME", state.toString());
      Process p =
          pb.redirectOutput(tmp.resolve("out-" + sig[0]).toFile())
              .redirectError(tmp.resolve("err-" + sig[0]).toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      p.getOutputStream().close();
      long until = System.nanoTime() + 120_000_000_000L;
      Path calls = sim.root().resolve("calls.log");
      while (!(Files.exists(calls) && Files.readString(calls).contains("restore"))) {
        assertThat(System.nanoTime()).as("volutil started").isLessThan(until);
        Thread.sleep(100);
      }
      Thread.sleep(700); // asleep for ever now
      long sent = System.nanoTime();
      ExternalProgram.of(List.of("kill", "-" + sig[0], Long.toString(p.pid()))).runChecked();
      boolean ended = p.waitFor(10, TimeUnit.SECONDS);
      long took = System.nanoTime() - sent;
      assertThat(ended).isTrue();
      assertThat(took).as("%s to exit (ns)", sig[2]).isLessThan(2_000_000_000L);
      assertThat(p.exitValue()).isEqualTo(Integer.parseInt(sig[1]));
      String e = Files.readString(tmp.resolve("err-" + sig[0]), StandardCharsets.UTF_8);
      assertThat(e)
          .contains("coda-restore: cancelled (" + sig[2] + ")")
          .doesNotContain("Exception")
          .doesNotContain("internal error");
      List<String> left = List.of();
      for (int i = 0; i < 20; i++) {
        left =
            ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").contains(sim.tool().toString()))
                .map(
                    h ->
                        h.pid()
                            + " "
                            + h.info().commandLine().orElse("")
                            + " parent "
                            + h.parent().map(ProcessHandle::pid).orElse(-1L))
                .toList();
        if (left.isEmpty()) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(left).as("volutil processes left").isEmpty();
      try (Stream<Path> s = Files.list(tmp.resolve("ws/merged"))) {
        assertThat(s).as("no merged dump left behind").isEmpty();
      }
      assertThat(Files.readString(state.resolve("coda-restore/log/coda-restore.log")))
          .as("the application log file")
          .contains("restore cancelled by " + sig[2]);
    }
  }

  @Test
  void copyInRunsCreatevolMkmountSetaclAndVerifiesWithoutVolutil() throws Exception {
    Path rec = tmp.resolve("calls.txt");
    Path cfs = tmp.resolve("cfs");
    Files.writeString(
        cfs,
        "#!/bin/sh\necho \"cfs $*\" >> '"
            + rec
            + "'\n"
            + "if [ \"$1\" = mkmount ]; then mkdir \"$2\" || exit 1; fi\n");
    Path createvol = tmp.resolve("createvol_rep");
    Files.writeString(createvol, "#!/bin/sh\necho \"createvol_rep $*\" >> '" + rec + "'\n");
    for (Path p : List.of(cfs, createvol)) {
      Files.setPosixFilePermissions(
          p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path mount = tmp.resolve("mnt");
    List<String> args =
        restore(
            "u.alice",
            "--copy-in",
            "alice.copy",
            "--mount",
            mount.toString(),
            "--cfs-cmd",
            cfs.toString(),
            "--createvol-cmd",
            createvol.toString(),
            "--server",
            "scm",
            "--partition",
            "/vicepa");
    assertThat(run(withDryRun(args))).as(err).isZero();
    assertThat(out)
        .contains(createvol + " alice.copy scm/vicepa")
        .contains(cfs + " mkmount " + mount + " alice.copy")
        .doesNotContain("volutil restore");
    assertThat(run(args.toArray(String[]::new))).as(err).isZero();
    assertThat(out).contains("copy-in complete: alice.copy mounted at " + mount);
    List<String> calls = Files.readAllLines(rec);
    assertThat(calls.get(0)).isEqualTo("createvol_rep alice.copy scm/vicepa");
    assertThat(calls.get(1)).isEqualTo("cfs mkmount " + mount + " alice.copy");
    assertThat(calls.subList(2, calls.size()))
        .isNotEmpty()
        .allMatch(c -> c.startsWith("cfs setacl "));
  }
}
