package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks with the reference tool {@code coda-dumpgen} (skipped when it is absent): simulated
 * volumes of several seeds dumped at Amanda-like level sequences with changes in between. Its dumps
 * must parse, round-trip and verify (and {@code coda-dumpgen check} must agree); for every chain
 * Amanda would restore from, our one-pass merge must give exactly the bytes of its pairwise merges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DumpgenCrossCheckTest {
  /** Level sequences after the level 0 (seed -> levels). */
  static final int[][] PLANS = {
    {1, 2, 1, 2}, // 0 1 2 1' 2'
    {1, 2, 3, 1, 2}, // 0 1 2 3 1' 2'
    {1, 1, 2, 1}, // 0 1 1' 2 1''
  };

  Path work;

  /** One dump of a simulated volume, in the order taken. */
  record Taken(int seed, int index, int level, Path file) {}

  /** A chain as Amanda would pick it for the state of its last dump. */
  record Chain(String name, List<Path> files, boolean gap) {
    @Override
    public String toString() {
      return name;
    }
  }

  final List<Taken> dumps = new ArrayList<>();
  final List<Chain> chains = new ArrayList<>();

  @BeforeAll
  void generate(@TempDir Path tmp) throws Exception {
    Dumpgen.assume();
    work = tmp;
    for (int seed = 1; seed <= PLANS.length; seed++) {
      Path state = work.resolve("state" + seed);
      Dumpgen.run(
              work,
              "init",
              "--state",
              state.toString(),
              "--volume",
              "vol" + seed,
              "--seed",
              String.valueOf(seed * 7),
              "--files",
              "10",
              "--start",
              "2024-03-0" + seed + "T08:00:00Z")
          .ok();
      List<Taken> mine = new ArrayList<>();
      mine.add(dump(seed, state, 0, 0));
      int[] plan = PLANS[seed - 1];
      for (int k = 0; k < plan.length; k++) {
        Dumpgen.run(work, "advance", "--state", state.toString()).ok();
        mine.add(dump(seed, state, k + 1, plan[k]));
      }
      dumps.addAll(mine);
      for (int k = 1; k < mine.size(); k++) {
        chains.add(amandaChain(mine, k));
      }
    }
  }

  private Taken dump(int seed, Path state, int index, int level) {
    Path out = work.resolve("s" + seed + "-" + index + "-l" + level + ".dump");
    Dumpgen.run(
            work,
            "dump",
            "--state",
            state.toString(),
            "--level",
            String.valueOf(level),
            "--out",
            out.toString())
        .ok();
    return new Taken(seed, index, level, out);
  }

  /** The newest dump, then repeatedly the newest earlier one of a strictly lower level. */
  static Chain amandaChain(List<Taken> taken, int last) {
    List<Taken> chain = new ArrayList<>();
    Taken t = taken.get(last);
    chain.add(0, t);
    for (int k = last - 1; k >= 0 && t.level() > 0; k--) {
      if (taken.get(k).level() < t.level()) {
        t = taken.get(k);
        chain.add(0, t);
      }
    }
    boolean gap = false;
    for (int i = 1; i < chain.size(); i++) {
      gap |= chain.get(i).index() != chain.get(i - 1).index() + 1;
    }
    StringBuilder name = new StringBuilder("seed " + chain.get(0).seed() + ":");
    for (Taken c : chain) {
      name.append(" #").append(c.index()).append("(L").append(c.level()).append(")");
    }
    return new Chain(name.toString(), chain.stream().map(Taken::file).toList(), gap);
  }

  Stream<Taken> dumps() {
    return dumps.stream();
  }

  Stream<Chain> chains() {
    return chains.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dumps")
  void itsDumpsRoundTripByteForByte(Taken t) throws Exception {
    byte[] original = Files.readAllBytes(t.file());
    ByteArrayOutputStream viaFile = new ByteArrayOutputStream();
    try (DumpReader r = DumpReader.open(t.file())) {
      DumpCopy.copy(r, new DumpWriter(viaFile), UnaryOperator.identity(), UnaryOperator.identity());
      assertThat(r.header().level()).isEqualTo(t.level());
    }
    assertThat(viaFile.toByteArray()).isEqualTo(original);
    ByteArrayOutputStream viaStream = new ByteArrayOutputStream();
    DumpCopy.copy(
        new DumpReader(new ByteArrayInputStream(original), "stream"),
        new DumpWriter(viaStream),
        UnaryOperator.identity(),
        UnaryOperator.identity());
    assertThat(viaStream.toByteArray()).isEqualTo(original);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dumps")
  void itsDumpsVerifyAndItsCheckAgrees(Taken t) {
    VerifyReport r = new DumpVerifier(Cancellation.none()).verify(t.file());
    assertThat(r.errors()).isEmpty();
    assertThat(r.header().level()).isEqualTo(t.level());
    assertThat(Dumpgen.run(work, "check", t.file().toString()).exit()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chains")
  void onePassMergeEqualsItsPairwiseMerges(Chain c, @TempDir Path dir) throws Exception {
    List<String> warnings = new ArrayList<>();
    ProgressListener collect =
        new ProgressListener() {
          @Override
          public void warning(String message) {
            warnings.add(message);
          }
        };
    Path ours = dir.resolve("ours.dump");
    ChainMerger.Result result =
        new ChainMerger(collect, Cancellation.none()).mergeToFile(c.files(), ours, false);
    Path theirs = Dumpgen.mergePairwise(dir, c.files(), "theirs");
    byte[] a = Files.readAllBytes(ours);
    byte[] b = Files.readAllBytes(theirs);
    if (!java.util.Arrays.equals(a, b)) {
      assertThat(MergeRulesTest.Listing.of(a)).isEqualTo(MergeRulesTest.Listing.of(b));
    }
    assertThat(a).isEqualTo(b);
    assertThat(result.bytesWritten()).isEqualTo(a.length);
    if (c.gap()) {
      assertThat(warnings).anySatisfy(w -> assertThat(w).contains("dumps were taken in between"));
    } else {
      assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("taken in between"));
    }
    VerifyReport r = new DumpVerifier(Cancellation.none()).verify(ours);
    assertThat(r.errors()).isEmpty();
    assertThat(r.header().isIncremental()).isFalse();
    assertThat(Dumpgen.run(dir, "check", ours.toString()).exit()).isZero();
    // our own pairwise merges agree as well, and so do file merges in chunks of any size
    assertThat(MergeRulesTest.mergePairwise(dir, c.files())).isEqualTo(a);
    for (int chunk : new int[] {1, 5, 333}) {
      Path out = dir.resolve("chunk" + chunk + ".dump");
      new ChainMerger(ProgressListener.NONE, Cancellation.none(), chunk)
          .mergeToFile(c.files(), out, false);
      assertThat(Files.readAllBytes(out)).as("chunk " + chunk).isEqualTo(a);
    }
  }

  @Test
  void everyPlanProducedChainsWithAndWithoutGaps() {
    assertThat(chains).anySatisfy(c -> assertThat(c.gap()).isTrue());
    assertThat(chains).anySatisfy(c -> assertThat(c.files()).hasSizeGreaterThanOrEqualTo(4));
    assertThat(chains).hasSize(PLANS[0].length + PLANS[1].length + PLANS[2].length);
  }

  @Test
  void deliberatelyInconsistentDumpsAreRefusedLikeTheToolDoes(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("faults");
    Dumpgen.run(dir, "init", "--state", state.toString(), "--seed", "5", "--files", "4").ok();
    Path full = dir.resolve("f0.dump");
    Dumpgen.run(dir, "dump", "--state", state.toString(), "--level", "0", "--out", full.toString())
        .ok();
    Dumpgen.run(dir, "advance", "--state", state.toString()).ok();
    for (String fault : List.of("wrong-parent-id", "wrong-name")) {
      Path bad = dir.resolve(fault + ".dump");
      Dumpgen.run(
              dir,
              "dump",
              "--state",
              state.toString(),
              "--level",
              "1",
              "--fault",
              fault,
              "--out",
              bad.toString())
          .ok();
      Path out = dir.resolve(fault + "-merged.dump");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  new ChainMerger(ProgressListener.NONE, Cancellation.none())
                      .mergeToFile(List.of(full, bad), out, false))
          .isInstanceOf(ChainRefusedException.class)
          .hasMessageContaining(fault.equals("wrong-name") ? "is a dump of volume" : "replica");
      assertThat(out).doesNotExist();
      assertThat(Dumpgen.run(dir, "merge", out.toString(), full.toString(), bad.toString()).exit())
          .isNotZero();
      assertThat(out).doesNotExist();
    }
    // a different clone id is not compared (by Coda either): the base's id is kept
    Path otherId = dir.resolve("wrong-volume-id.dump");
    Dumpgen.run(
            dir,
            "dump",
            "--state",
            state.toString(),
            "--level",
            "1",
            "--fault",
            "wrong-volume-id",
            "--out",
            otherId.toString())
        .ok();
    Path ours = dir.resolve("ours.dump");
    new ChainMerger(ProgressListener.NONE, Cancellation.none())
        .mergeToFile(List.of(full, otherId), ours, false);
    Path theirs = dir.resolve("theirs.dump");
    Dumpgen.run(dir, "merge", theirs.toString(), full.toString(), otherId.toString()).ok();
    assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(theirs));
    assertThat(DumpHeader.read(ours).volumeId()).isEqualTo(DumpHeader.read(full).volumeId());
    // an increment claiming a later base state than the full's: merged with a warning
    Path later = dir.resolve("wrong-base-uniquifier.dump");
    Dumpgen.run(
            dir,
            "dump",
            "--state",
            state.toString(),
            "--level",
            "1",
            "--fault",
            "wrong-base-uniquifier",
            "--out",
            later.toString())
        .ok();
    List<String> warnings = new ArrayList<>();
    new ChainMerger(
            new ProgressListener() {
              @Override
              public void warning(String message) {
                warnings.add(message);
              }
            },
            Cancellation.none())
        .mergeToFile(List.of(full, later), dir.resolve("later.dump"), false);
    assertThat(warnings).singleElement().asString().contains("dumps were taken in between");
    // the full dump as an increment, an increment as the base
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new ChainMerger(ProgressListener.NONE, Cancellation.none())
                    .mergeToFile(List.of(otherId, full), dir.resolve("x.dump"), false))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("the chain must start with a full dump");
    assertThat(
            Dumpgen.run(
                    dir,
                    "merge",
                    dir.resolve("y.dump").toString(),
                    otherId.toString(),
                    full.toString())
                .exit())
        .isNotZero();
  }
}
