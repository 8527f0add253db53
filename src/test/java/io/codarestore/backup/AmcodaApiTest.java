package io.codarestore.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.Cancellation;
import io.codarestore.dump.DumpVerifier;
import io.codarestore.dump.VerifyReport;
import io.codarestore.testing.AmcodaProcess;
import io.codarestore.testing.VolutilSim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Application's API command by command, as Amanda runs it (a separate process, fd 1/3/4),
 * against volutil-sim: the exact lines, exit codes, and never a byte on stderr.
 */
class AmcodaApiTest {
  @TempDir Path dir;
  private VolutilSim sim;
  private AmcodaProcess amcoda;

  @BeforeEach
  void server() throws IOException {
    sim = VolutilSim.create(dir, "u.alice:7:40", "proj.src:8:20");
    amcoda = new AmcodaProcess(dir, Map.of("HOME", dir.toString()));
  }

  private String[] cmd(String command, String disk, String... more) {
    return cmd(sim, command, disk, more);
  }

  /** The arguments Amanda passes for {@code disk}, with {@code server}'s volutil. */
  private static String[] cmd(VolutilSim server, String command, String disk, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                command,
                "--message",
                "line",
                "--config",
                "daily",
                "--host",
                "localhost",
                "--disk",
                disk,
                "--device",
                disk));
    a.addAll(List.of(more));
    a.addAll(List.of("--volutil", server.volutil().toString()));
    return a.toArray(String[]::new);
  }

  @Test
  void supportListsTheKeysAmandaReads() throws IOException {
    AmcodaProcess.Run r = amcoda.run("support");
    assertThat(r.exit()).isZero();
    assertThat(r.stderr()).isEmpty();
    assertThat(r.stdoutLines())
        .contains(
            "CONFIG YES",
            "HOST YES",
            "DISK YES",
            "MAX-LEVEL 9",
            "INDEX-LINE YES",
            "MESSAGE-LINE YES",
            "RECORD YES",
            "CLIENT-ESTIMATE YES",
            "MULTI-ESTIMATE YES",
            "CALCSIZE NO",
            "DATA-PATH AMANDA",
            "RECOVER-PATH CWD")
        .allMatch(l -> l.matches("[A-Z-]+ [A-Z0-9]+"));
  }

  @Test
  void selfcheckSaysOkOrErrorOnly() throws IOException {
    AmcodaProcess.Run ok = amcoda.run(cmd("selfcheck", "u.alice", "--index", "line", "--record"));
    assertThat(ok.exit()).isZero();
    assertThat(ok.stderr()).isEmpty();
    assertThat(ok.stdoutLines()).allMatch(l -> l.startsWith("OK ")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(String.join("\n", ok.stdoutLines())).contains("u.alice.0 (01000001)");

    AmcodaProcess.Run unknown = amcoda.run(cmd("selfcheck", "u.alice", "--colour", "blue"));
    assertThat(unknown.stderr()).isEmpty();
    assertThat(unknown.stdoutLines()).allMatch(l -> l.startsWith("OK ") || l.startsWith("ERROR "));
    assertThat(unknown.stdoutLines())
        .anyMatch(l -> l.startsWith("ERROR ") && l.contains("--colour"));

    AmcodaProcess.Run missing = amcoda.run(cmd("selfcheck", "u.bob"));
    assertThat(missing.stdoutLines())
        .anyMatch(l -> l.startsWith("ERROR ") && l.contains("u.bob has no read-write replica"));

    AmcodaProcess.Run badValue = amcoda.run(cmd("selfcheck", "u.alice", "--estimate", "guess"));
    assertThat(badValue.stdoutLines()).anyMatch(l -> l.startsWith("ERROR ") && l.contains("guess"));
  }

  @Test
  void selfcheckReportsAnUnreachableServerAndAMissingKey() throws IOException {
    AmcodaProcess.Run down =
        amcoda.run(
            Path.of("/dev/null"), Map.of("VOLUTIL_SIM_FAIL", "bind"), cmd("selfcheck", "u.alice"));
    assertThat(down.exit()).isZero();
    assertThat(down.stderr()).isEmpty();
    assertThat(down.stdoutLines())
        .allMatch(l -> l.startsWith("OK ") || l.startsWith("ERROR "))
        .anyMatch(l -> l.startsWith("ERROR ") && l.contains("RPC2_NewBinding"));
    Files.delete(sim.root().resolve("vice/db/volutil.tk"));
    AmcodaProcess.Run noKey = amcoda.run(cmd("selfcheck", "u.alice"));
    assertThat(noKey.stdoutLines()).anyMatch(l -> l.startsWith("ERROR ") && l.contains("key"));
  }

  @Test
  void estimateGivesOneLinePerLevelInKbAndNeverCallsDumpestimate() throws IOException {
    AmcodaProcess.Run full = backup("u.alice", 0, true);
    assertThat(full.exit()).isZero();
    sim.sim("advance", "--days", "1");
    AmcodaProcess.Run est = amcoda.run(cmd("estimate", "u.alice", "--level", "0", "--level", "1"));
    assertThat(est.exit()).isZero();
    assertThat(est.stderr()).isEmpty();
    List<String> lines = est.stdoutLines();
    assertThat(lines).hasSize(2).allMatch(l -> l.matches("\\d \\d+ 1"));
    long diskUsed = CodaVolume.find("u.alice", volumeList()).replica().diskUsedKb();
    assertThat(lines.get(0)).isEqualTo("0 " + diskUsed + " 1");
    // the level-1 estimate is the size of the level-1 dump that follows (same clone: fresh)
    AmcodaProcess.Run incr = backup("u.alice", 1, true);
    long kb = (Files.size(incr.data()) + 1023) / 1024;
    assertThat(lines.get(1)).isEqualTo("1 " + kb + " 1");
    assertThat(sim.calls()).noneMatch(c -> c.startsWith("dumpestimate"));
    // the server is alive: dumpestimate would have killed it (the volume has an ancient list now)
    assertThat(sim.run("getvolumelist").exitStatus()).isZero();
    assertThat(sim.run("dumpestimate", "01000003").exitStatus()).isEqualTo(1);
    assertThat(sim.run("getvolumelist").stderr()).anyMatch(l -> l.contains("RPC2_NewBinding"));
  }

  @Test
  void estimateDiskusedAndHistoryTakeTheirSizesWithoutDumping() throws IOException {
    assertThat(backup("u.alice", 0, true).exit()).isZero();
    sim.sim("advance", "--days", "1");
    AmcodaProcess.Run incr = backup("u.alice", 1, true);
    long kb = (Files.size(incr.data()) + 1023) / 1024;
    long diskUsed = CodaVolume.find("u.alice", volumeList()).replica().diskUsedKb();
    int dumps = (int) sim.calls().stream().filter(c -> c.startsWith("dump")).count();
    AmcodaProcess.Run history =
        amcoda.run(
            cmd(
                "estimate",
                "u.alice",
                "--level",
                "0",
                "--level",
                "1",
                "--level",
                "2",
                "--estimate",
                "history"));
    assertThat(history.stderr()).isEmpty();
    // level 1: the last level-1 dump's size; level 2: none known yet, the disk usage
    assertThat(history.stdoutLines())
        .containsExactly("0 " + diskUsed + " 1", "1 " + kb + " 1", "2 " + diskUsed + " 1");
    AmcodaProcess.Run used =
        amcoda.run(
            cmd("estimate", "u.alice", "--level", "0", "--level", "1", "--estimate", "diskused"));
    assertThat(used.stdoutLines()).containsExactly("0 " + diskUsed + " 1", "1 " + diskUsed + " 1");
    assertThat(sim.calls().stream().filter(c -> c.startsWith("dump")).count()).isEqualTo(dumps);
  }

  @Test
  void estimateOfAnUnreachableServerIsAnErrorLineNotStderr() throws IOException {
    AmcodaProcess.Run r =
        amcoda.run(
            Path.of("/dev/null"),
            Map.of("VOLUTIL_SIM_FAIL", "bind"),
            cmd("estimate", "u.alice", "--level", "0", "--level", "1"));
    assertThat(r.exit()).isZero();
    assertThat(r.stderr()).isEmpty();
    assertThat(r.stdoutLines())
        .hasSize(1)
        .allMatch(l -> l.startsWith("ERROR ") && l.contains("RPC2_NewBinding"));
  }

  @Test
  void fullBackupStreamsTheDumpWritesItsIndexAndRecords() throws IOException {
    AmcodaProcess.Run r = backup("u.alice", 0, true);
    assertThat(r.exit()).isZero();
    assertThat(r.stderr()).isEmpty();
    VerifyReport v = new DumpVerifier(Cancellation.none()).verify(r.data());
    assertThat(v.errors()).isEmpty();
    assertThat(v.header().isIncremental()).isFalse();
    List<String> msgs = r.messageLines();
    long kb = (Files.size(r.data()) + 1023) / 1024;
    assertThat(msgs).contains("sendbackup: size " + kb).noneMatch(l -> l.startsWith("?"));
    assertThat(msgs).allMatch(l -> l.startsWith("| ") || l.startsWith("sendbackup: size "));
    assertThat(r.indexLines()).containsExactlyInAnyOrderElementsOf(sim.truthIndex("u.alice"));
    assertThat(sim.calls())
        .containsSubsequence(
            "lock 01000001", "backup 01000001", "dump 01000003", "ancient 01000003");
    // fd 1 is exactly what volutil wrote: the same clone dumped again gives the same bytes
    Path again = dir.resolve("again.dump");
    assertThat(sim.run("dump", "01000003", again.toString()).exitStatus()).isZero();
    assertThat(Files.mismatch(again, r.data())).isEqualTo(-1L);
  }

  @Test
  void incrementalsAreNegativeLevelsAndTheirIndexNamesOnlyWhatTheyHold() throws IOException {
    assertThat(backup("u.alice", 0, true).exit()).isZero();
    sim.sim("advance", "--days", "2");
    AmcodaProcess.Run r = backup("u.alice", 1, true);
    assertThat(r.exit()).isZero();
    assertThat(r.stderr()).isEmpty();
    List<String> calls = sim.calls();
    assertThat(calls.subList(calls.indexOf("dump 01000003") + 1, calls.size()))
        .containsSubsequence(
            "lock 01000001", "backup 01000001", "dump -i -1 01000003", "ancient 01000003")
        .noneMatch(c -> c.startsWith("dump -i 1") || c.startsWith("dumpestimate"));
    List<String> truth = sim.truthIndex("u.alice");
    List<String> index = r.indexLines();
    // every directory is there (negative level); files only those changed
    assertThat(index).containsAll(truth.stream().filter(p -> p.endsWith("/")).toList());
    assertThat(truth).containsAll(index);
    assertThat(index.size()).isLessThan(truth.size());
    assertThat(r.messageLines()).noneMatch(l -> l.startsWith("?"));
  }

  @Test
  void anIncrementalWithoutAncientListIsAFullDumpSaidAfterTheData() throws IOException {
    AmcodaProcess.Run r = backup("u.alice", 1, false);
    assertThat(r.exit()).isZero();
    List<String> msgs = r.messageLines();
    assertThat(msgs).anyMatch(l -> l.startsWith("? ") && l.contains("full dump"));
    assertThat(
            msgs.indexOf(msgs.stream().filter(l -> l.startsWith("? ")).findFirst().orElseThrow()))
        .isGreaterThan(0);
    assertThat(new DumpVerifier(Cancellation.none()).verify(r.data()).header().level()).isZero();
    // without --record nothing is marked
    assertThat(sim.calls()).noneMatch(c -> c.startsWith("ancient"));
  }

  @Test
  void aDumpCutShortFailsTheBackupAndMarksNothing() throws IOException {
    AmcodaProcess.Run r =
        amcoda.run(
            Path.of("/dev/null"),
            Map.of("VOLUTIL_SIM_FAIL_AFTER_BYTES", "100000"),
            cmd("backup", "u.alice", "--level", "0", "--index", "line", "--record"));
    assertFailed(r, "VolDump failed");
  }

  @Test
  void aFailedDumpRpcFailsTheBackup() throws IOException {
    AmcodaProcess.Run r =
        amcoda.run(
            Path.of("/dev/null"),
            Map.of("VOLUTIL_SIM_FAIL", "dump"),
            cmd("backup", "u.alice", "--level", "0", "--index", "line", "--record"));
    assertFailed(r, "dump");
  }

  @Test
  void aHeldLockFailsTheBackup() throws IOException {
    assertThat(sim.run("lock", "01000001").exitStatus()).isZero();
    AmcodaProcess.Run r = backup("u.alice", 0, true);
    assertFailed(r, "return code 11");
  }

  @Test
  void aFailingAncientFailsTheBackup() throws IOException {
    AmcodaProcess.Run r =
        amcoda.run(
            Path.of("/dev/null"),
            Map.of("VOLUTIL_SIM_FAIL", "ancient"),
            cmd("backup", "u.alice", "--level", "0", "--index", "line", "--record"));
    assertThat(r.exit()).isNotZero();
    assertThat(r.stderr()).isEmpty();
    assertThat(r.messageLines())
        .anyMatch(l -> l.startsWith("sendbackup: error [") && l.contains("ancient"));
    assertThat(r.messageLines()).noneMatch(l -> l.startsWith("sendbackup: size"));
  }

  @Test
  void anUnreachableServerFailsTheBackup() throws IOException {
    AmcodaProcess.Run r =
        amcoda.run(
            Path.of("/dev/null"),
            Map.of("VOLUTIL_SIM_FAIL", "bind"),
            cmd("backup", "u.alice", "--level", "0", "--index", "line", "--record"));
    assertFailed(r, "RPC2_NewBinding");
  }

  @Test
  void anUnknownPropertyFailsTheBackupBeforeAnyVolutilStep() throws IOException {
    int before = sim.calls().size();
    AmcodaProcess.Run r =
        amcoda.run(cmd("backup", "u.alice", "--level", "0", "--record", "--compress", "fast"));
    assertFailed(r, "--compress");
    assertThat(sim.calls()).hasSize(before);
  }

  /**
   * fd 1 is widened to 1 MiB (core.PipeCapacity): with Amanda's end of the pipe not read until
   * amcoda has ended, a dump of a few hundred kilobytes still leaves (through a pipe of the default
   * 64 KiB amcoda would wait for its reader), whole and sound, and nothing reaches stderr.
   */
  @Test
  void fd1IsWidenedSoADumpOfHundredsOfKilobytesLeavesBeforeAnythingIsRead() throws Exception {
    VolutilSim small = VolutilSim.create(dir.resolve("pipe"), "u.pipe:7:3");
    Path msgs = dir.resolve("pipe.fd3");
    Path err = dir.resolve("pipe.err");
    List<String> argv =
        new ArrayList<>(List.of("sh", "-c", "exec \"$@\" </dev/null 3>\"$FD3\" 4>/dev/null", "sh"));
    argv.addAll(AmcodaProcess.javaCommand());
    argv.add("amcoda");
    argv.addAll(List.of(cmd(small, "backup", "u.pipe", "--level", "0")));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectError(err.toFile());
    pb.environment().put("FD3", msgs.toString());
    pb.environment().put("HOME", dir.toString());
    Process p = pb.start();
    boolean ended = p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    assertThat(ended).as("amcoda ended with nothing read from its fd 1").isTrue();
    byte[] data = p.getInputStream().readAllBytes();
    assertThat(p.exitValue()).isZero();
    assertThat(data.length).as("more than a default pipe holds").isBetween(64 * 1024 + 1, 1 << 20);
    Path dump = Files.write(dir.resolve("pipe.dump"), data);
    assertThat(new DumpVerifier(Cancellation.none()).verify(dump).errors()).isEmpty();
    assertThat(Files.readAllLines(msgs))
        .contains("sendbackup: size " + (data.length + 1023) / 1024);
    assertThat(Files.readString(err)).isEmpty();
  }

  private void assertFailed(AmcodaProcess.Run r, String reason) throws IOException {
    assertThat(r.exit()).isNotZero();
    assertThat(r.stderr()).isEmpty();
    List<String> msgs = r.messageLines();
    assertThat(msgs).anyMatch(l -> l.startsWith("sendbackup: error [") && l.contains(reason));
    assertThat(msgs).noneMatch(l -> l.startsWith("sendbackup: size"));
    assertThat(sim.calls()).noneMatch(c -> c.startsWith("ancient"));
  }

  private AmcodaProcess.Run backup(String disk, int level, boolean record) throws IOException {
    List<String> more =
        new ArrayList<>(List.of("--level", String.valueOf(level), "--index", "line"));
    if (record) {
      more.add("--record");
    }
    return amcoda.run(cmd("backup", disk, more.toArray(String[]::new)));
  }

  private List<ListedVolume> volumeList() {
    return new Volutil(sim.volutil().toString(), null, Map.of()).volumeList();
  }
}
