package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.dump.ChainMerger;
import io.codarestore.dump.DumpVerifier;
import io.codarestore.dump.RealFixtures;
import io.codarestore.dump.VerifyReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone merge of a wrong base, with real Coda dumps: an incremental of the B chain onto the
 * full dump of the earlier A chain of the same volume, and B2 (level 2) onto B0 with B1 skipped.
 * Both pass the header checks (only a warning about a gap); the merge finds the directory entries
 * that resolve to nothing, fails leaving nothing, and with --allow-dangling names exactly the lost
 * paths, as many as verify of the result finds dangling names. Correct chains are unaffected.
 */
class WrongBaseTest {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeEach
  void fixtures() {
    assumeTrue(RealFixtures.available(), "shared fixtures (../shared) not found");
  }

  static String real(String name) {
    return RealFixtures.dump("dumpfix-" + name + ".dump").toString();
  }

  List<String> listing() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anIncrementalOfALaterChainOnAnEarlierFullDumpFailsNamingTheBase() throws Exception {
    assertWrongBase(real("A0-full"), real("B1-incr-l1"), 20, "/photos/image-with-a-fairly");
  }

  @Test
  void aSkippedLevelFailsNamingTheBase() throws Exception {
    assertWrongBase(real("B0-full"), real("B2-incr-l2"), 2, "/renamed-dir/file2.bin");
  }

  private void assertWrongBase(String base, String incr, int lost, String aPath) throws Exception {
    Path out = dir.resolve("o.dump");
    Result r = cli("merge", "--out", out.toString(), base, incr);
    assertThat(r.code()).isEqualTo(1);
    List<String> errors = r.err().lines().filter(l -> l.startsWith("coda-restore:")).toList();
    assertThat(errors)
        .singleElement()
        .asString()
        .contains(
            lost + " directory entries of the merged dump point at vnodes that no input holds")
        .contains(base + " is likely the wrong base")
        .contains("--allow-dangling")
        .contains(aPath);
    assertThat(listing()).as("nothing at OUT, no temporary file").isEmpty();

    Result allowed = cli("merge", "--allow-dangling", "--out", out.toString(), base, incr);
    assertThat(allowed.code()).as(allowed.err()).isZero();
    List<String> warning = allowed.err().lines().filter(l -> l.contains("names are lost")).toList();
    assertThat(warning).singleElement().asString().startsWith("warning: " + lost + " names are");
    List<String> named = lostFids(warning.get(0));
    assertThat(named).hasSize(lost).doesNotHaveDuplicates();
    // verify of the result, independent code, finds the same dangling names
    VerifyReport v = new DumpVerifier(Cancellation.none()).verify(out);
    assertThat(v.errors()).isEmpty();
    List<String> dangling = new ArrayList<>();
    for (String w : v.warnings()) {
      Matcher m = Pattern.compile("-> ([0-9]+\\.[0-9]+), which the dump does not hold").matcher(w);
      if (m.find()) {
        dangling.add(m.group(1));
      }
    }
    assertThat(named).containsExactlyInAnyOrderElementsOf(dangling);
  }

  private static List<String> lostFids(String warning) {
    List<String> fids = new ArrayList<>();
    Matcher m = Pattern.compile("/[^,]* \\(([0-9]+\\.[0-9]+)\\)").matcher(warning);
    while (m.find()) {
      fids.add(m.group(1));
    }
    return fids;
  }

  @Test
  void aMergeIntoAStreamCannotTakeItsOutputBackAndWarnsInstead() {
    List<String> warned = new ArrayList<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void warning(String message) {
            warned.add(message);
          }
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChainMerger.Result r =
        new ChainMerger(listener, Cancellation.none())
            .merge(List.of(Path.of(real("B0-full")), Path.of(real("B2-incr-l2"))), out);
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("2 names are lost:"));
    assertThat(warned).anyMatch(w -> w.startsWith("2 names are lost:"));
    assertThat(out.size()).isEqualTo(r.bytesWritten());
  }

  @Test
  void correctChainsMergeWithoutAWordAboutLostNames() throws Exception {
    String[][] chains = {
      {real("A0-full"), real("A1-incr-l1")},
      {real("B0-full"), real("B1-incr-l1")},
      {real("B0-full"), real("B1-incr-l1"), real("B2-incr-l2")},
      {real("B0-full"), real("B2c-incr-l1-cumulative")},
    };
    String[] merged = {"A0+A1.dump", "B0+B1.dump", "B0+B1+B2.dump", "B0+B2c.dump"};
    for (int i = 0; i < chains.length; i++) {
      Path out = dir.resolve("m" + i + ".dump");
      List<String> args = new ArrayList<>(List.of("merge", "--out", out.toString()));
      args.addAll(List.of(chains[i]));
      Result r = cli(args.toArray(String[]::new));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).doesNotContain("lost").doesNotContain("wrong base");
      assertThat(Files.readAllBytes(out))
          .as("byte-identical to codamergedump")
          .isEqualTo(Files.readAllBytes(RealFixtures.merged(merged[i])));
    }
  }
}
