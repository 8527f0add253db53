package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.dump.RealFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} and {@code merge} from the command line: exit codes 0/1/2 and stderr lines. */
class MergeVerifyCommandsTest {
  @TempDir Path dir;

  record Result(int exit, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  static Path real(String name) {
    return RealFixtures.dump(name);
  }

  @BeforeEach
  void fixtures() {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
  }

  List<String> listing() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  // --- verify ---------------------------------------------------------------------------------

  @Test
  void verifyGoodDumpsExitsZero() {
    Path b0 = real("dumpfix-B0-full.dump");
    Path b1 = real("dumpfix-B1-incr-l1.dump");
    Result r = run("verify", b0.toString(), b1.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("OK " + b0 + ": full dump of dumpfix.0.backup, 6 directories, 48 files, ");
    assertThat(lines.get(1))
        .startsWith(
            "OK "
                + b1
                + ": incremental level 1 of dumpfix.0.backup, 5 directories, 8 files, 8 removals, ");
  }

  @Test
  void verifyOrphansAreWarningsNotErrors() {
    Path merged = RealFixtures.merged("B0+B2c.dump");
    Result r = run("verify", merged.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith("warning: " + merged + ": 10 vnodes are not reachable from the root");
  }

  @Test
  void verifyABadDumpExitsOneWithItsOffset() throws Exception {
    byte[] b = Files.readAllBytes(real("dumpfix-B1-incr-l1.dump"));
    Path cut = Files.write(dir.resolve("cut.dump"), Arrays.copyOf(b, 1000));
    Path good = real("testvol-empty-full.dump");
    Result r = run("verify", good.toString(), cut.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("OK " + good + ": full dump");
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith("coda-restore: " + cut + ": offset ")
        .contains("truncated dump");
  }

  @Test
  void verifyAMissingFileExitsOne() {
    Path missing = dir.resolve("missing.dump");
    Result r = run("verify", missing.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .isEqualTo("coda-restore: " + missing + ": no such file");
  }

  @Test
  void verifyUsageErrorsExitTwo() {
    Result r = run("verify");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines().get(0)).startsWith("coda-restore: Missing required parameter");
    assertThat(r.errLines()).contains("Try 'coda-restore verify --help'.");
    Result help = run("verify", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: coda-restore verify");
  }

  // --- merge ----------------------------------------------------------------------------------

  @Test
  void mergeWritesTheBytesOfCodamergedump() throws Exception {
    Path out = dir.resolve("m.dump");
    Result r =
        run(
            "merge",
            "--out",
            out.toString(),
            real("dumpfix-B0-full.dump").toString(),
            real("dumpfix-B1-incr-l1.dump").toString(),
            real("dumpfix-B2-incr-l2.dump").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    byte[] expected = Files.readAllBytes(RealFixtures.merged("B0+B1+B2.dump"));
    assertThat(Files.readAllBytes(out)).isEqualTo(expected);
    assertThat(r.out())
        .isEqualTo(
            "merged 3 dump(s) into "
                + out
                + ": "
                + expected.length
                + " bytes, 5 directories, 44 files, uniquifiers (197, 253)"
                + System.lineSeparator());
  }

  @Test
  void mergeWithAGapWarnsAndSucceeds() throws Exception {
    Path out = dir.resolve("gap.dump");
    Result r =
        run(
            "merge",
            "--out",
            out.toString(),
            real("dumpfix-B0-full.dump").toString(),
            real("dumpfix-B2c-incr-l1-cumulative.dump").toString());
    assertThat(r.exit()).isZero();
    assertThat(Files.readAllBytes(out))
        .isEqualTo(Files.readAllBytes(RealFixtures.merged("B0+B2c.dump")));
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith(
            "warning: "
                + real("dumpfix-B2c-incr-l1-cumulative.dump")
                + " was taken against state 253");
  }

  @Test
  void aRefusedMergeExitsOneWithOneLineAndNoOutput() throws Exception {
    Path out = dir.resolve("m.dump");
    Path b1 = real("dumpfix-B1-incr-l1.dump");
    Result r =
        run(
            "merge",
            "--out",
            out.toString(),
            b1.toString(),
            real("dumpfix-B2-incr-l2.dump").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines())
        .containsExactly(
            "coda-restore: "
                + b1
                + " is an incremental (level 1): the chain must start with a full dump (level 0)");
    assertThat(listing()).isEmpty();
    Result older =
        run(
            "merge",
            "--out",
            out.toString(),
            real("dumpfix-B3-full.dump").toString(),
            b1.toString());
    assertThat(older.exit()).isEqualTo(1);
    assertThat(older.errLines()).singleElement().asString().contains("belongs to an older base");
    assertThat(listing()).isEmpty();
  }

  @Test
  void aCorruptInputExitsOneWithTheOffset() throws Exception {
    byte[] b = Files.readAllBytes(real("dumpfix-B1-incr-l1.dump"));
    b[b.length - 1] ^= 0x40;
    Path bad = Files.write(dir.resolve("bad.dump"), b);
    Path out = dir.resolve("m.dump");
    Result r =
        run(
            "merge",
            "--out",
            out.toString(),
            real("dumpfix-B0-full.dump").toString(),
            bad.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines())
        .containsExactly(
            "coda-restore: "
                + bad
                + ": offset "
                + (b.length - 4)
                + ": bad end magic 0x3a214b2e,"
                + " expected 0x3a214b6e");
    assertThat(listing()).containsExactly("bad.dump");
  }

  @Test
  void anExistingOutNeedsForce() throws Exception {
    Path out = Files.writeString(dir.resolve("m.dump"), "keep me");
    String[] args = {
      "merge",
      "--out",
      out.toString(),
      real("dumpfix-B0-full.dump").toString(),
      real("dumpfix-B1-incr-l1.dump").toString()
    };
    Result r = run(args);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines())
        .containsExactly(
            "coda-restore: " + out + " exists; it is not overwritten (choose another name)");
    assertThat(out).hasContent("keep me");
    String[] forced = Arrays.copyOf(args, args.length + 1);
    forced[args.length] = "--force";
    assertThat(run(forced).exit()).isZero();
    assertThat(Files.readAllBytes(out))
        .isEqualTo(Files.readAllBytes(RealFixtures.merged("B0+B1.dump")));
    assertThat(listing()).containsExactly("m.dump");
  }

  @Test
  void mergeUsageErrorsExitTwo() {
    Result noOut = run("merge", real("dumpfix-B0-full.dump").toString());
    assertThat(noOut.exit()).isEqualTo(2);
    assertThat(noOut.errLines().get(0))
        .isEqualTo("coda-restore: Missing required option: '--out=OUT'");
    Result noInput = run("merge", "--out", dir.resolve("x").toString());
    assertThat(noInput.exit()).isEqualTo(2);
    assertThat(noInput.errLines().get(0)).startsWith("coda-restore: Missing required parameter");
    Result unknown = run("merge", "--bogus");
    assertThat(unknown.exit()).isEqualTo(2);
  }
}
