package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merge rules of spec section 8, one by one, on small crafted chains. Each scenario states the
 * expected full dump record by record (worked out from the rules, not from the engine); it is then
 * checked three ways: our one-pass merge gives exactly those bytes, our merge applied pairwise
 * gives the same bytes, and the reference {@code coda-dumpgen merge} applied pairwise does too
 * (when the tool exists).
 *
 * <p>The base volume (state 10): root 1.1 holds "a" (file 2.2), "b" (file 4.3) and "d" (directory
 * 3.4), which holds "c" (file 6.5).
 */
class MergeRulesTest {
  static final CraftedDirectory ROOT0 =
      CraftedDirectory.root().add("a", 2, 2).add("b", 4, 3).add("d", 3, 4);
  static final CraftedDirectory D0 = CraftedDirectory.make(3, 4, 1, 1).add("c", 6, 5);

  record Scenario(String name, List<SmallDump> chain, SmallDump expected, List<String> warnings) {
    @Override
    public String toString() {
      return name;
    }
  }

  static SmallDump base() {
    return SmallDump.full(10)
        .large(128)
        .dir(1, 1, ROOT0)
        .dir(3, 4, 1, 1, D0, 1)
        .small(256)
        .file(2, 2, "alpha")
        .file(4, 3, "bravo")
        .fileIn(3, 4, 6, 5, "charlie", 1);
  }

  /**
   * The merged dump's header and volume data: volume id, replica and name of the base, backup date
   * and latest of the last increment, level 0, oldest of the base; volume data of the last.
   */
  static SmallDump expected(SmallDump base, SmallDump last) {
    DumpHeader b = base.header();
    DumpHeader l = last.header();
    return SmallDump.full(0)
        .header(
            new DumpHeader(
                b.volumeId(), b.parentId(), b.name(), l.backupDate(), 0, b.oldest(), l.latest()))
        .volume(last.volume());
  }

  static Stream<Scenario> scenarios() {
    List<Scenario> all = new ArrayList<>();

    // create: a new file in the root; the increment's clone id differs (never compared)
    SmallDump create =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(2)
            .dir(1, 1, 1, 1, ROOT0.copy().add("n", 8, 6), 2)
            .small(256)
            .count(4)
            .file(8, 6, "new");
    create.header(
        new DumpHeader(
            SmallDump.CLONE + 1,
            SmallDump.REPLICA,
            SmallDump.NAME,
            create.header().backupDate(),
            1,
            10,
            20));
    all.add(
        new Scenario(
            "create",
            List.of(base(), create),
            expected(base(), create)
                .large(128)
                .dir(1, 1, 1, 1, ROOT0.copy().add("n", 8, 6), 2)
                .dir(3, 4, 1, 1, D0, 1)
                .small(256)
                .file(2, 2, "alpha")
                .file(4, 3, "bravo")
                .fileIn(3, 4, 6, 5, "charlie", 1)
                .file(8, 6, "new"),
            List.of()));

    // modify: a file's new content replaces the old record in place
    SmallDump modify =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(2)
            .small(256)
            .count(3)
            .file(4, 3, "BRAVO, longer now", 2);
    SmallDump modified =
        expected(base(), modify)
            .large(128)
            .dir(1, 1, ROOT0)
            .dir(3, 4, 1, 1, D0, 1)
            .small(256)
            .file(2, 2, "alpha")
            .file(4, 3, "BRAVO, longer now", 2)
            .fileIn(3, 4, 6, 5, "charlie", 1);
    all.add(new Scenario("modify", List.of(base(), modify), modified, List.of()));

    // null records anywhere in the increment are ignored
    SmallDump nulls =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(2)
            .nullVnode()
            .small(256)
            .count(3)
            .nullVnode()
            .file(4, 3, "BRAVO, longer now", 2)
            .nullVnode();
    SmallDump nullsExpected =
        expected(base(), nulls)
            .large(128)
            .dir(1, 1, ROOT0)
            .dir(3, 4, 1, 1, D0, 1)
            .small(256)
            .file(2, 2, "alpha")
            .file(4, 3, "BRAVO, longer now", 2)
            .fileIn(3, 4, 6, 5, "charlie", 1);
    all.add(new Scenario("null records ignored", List.of(base(), nulls), nullsExpected, List.of()));

    // delete: the removal drops the vnode and the count
    SmallDump delete =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(2)
            .dir(1, 1, 1, 1, ROOT0.copy().remove("b"), 2)
            .small(256)
            .count(2)
            .removed(4, 3);
    all.add(
        new Scenario(
            "delete",
            List.of(base(), delete),
            expected(base(), delete)
                .large(128)
                .dir(1, 1, 1, 1, ROOT0.copy().remove("b"), 2)
                .dir(3, 4, 1, 1, D0, 1)
                .small(256)
                .file(2, 2, "alpha")
                .fileIn(3, 4, 6, 5, "charlie", 1),
            List.of()));

    // rename a -> d/a2: both directories and the file (new parent) change
    SmallDump rename =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(2)
            .dir(1, 1, 1, 1, ROOT0.copy().remove("a"), 2)
            .dir(3, 4, 1, 1, D0.copy().add("a2", 2, 2), 2)
            .small(256)
            .count(3)
            .fileIn(3, 4, 2, 2, "alpha", 2);
    all.add(
        new Scenario(
            "rename",
            List.of(base(), rename),
            expected(base(), rename)
                .large(128)
                .dir(1, 1, 1, 1, ROOT0.copy().remove("a"), 2)
                .dir(3, 4, 1, 1, D0.copy().add("a2", 2, 2), 2)
                .small(256)
                .fileIn(3, 4, 2, 2, "alpha", 2)
                .file(4, 3, "bravo")
                .fileIn(3, 4, 6, 5, "charlie", 1),
            List.of()));

    // directory removal: the directory and its content go, both counts drop
    SmallDump rmdir =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(1)
            .dir(1, 1, 1, 1, ROOT0.copy().remove("d"), 2)
            .removed(3, 4)
            .small(256)
            .count(2)
            .removed(6, 5);
    all.add(
        new Scenario(
            "directory removal",
            List.of(base(), rmdir),
            expected(base(), rmdir)
                .large(128)
                .dir(1, 1, 1, 1, ROOT0.copy().remove("d"), 2)
                .small(256)
                .file(2, 2, "alpha")
                .file(4, 3, "bravo"),
            List.of()));

    // slot growth: the increment has more lists than its base (both classes)
    CraftedDirectory grownRoot = ROOT0.copy().add("far", 602, 50).add("fardir", 401, 51);
    SmallDump grow =
        SmallDump.incremental(1, 10, 20)
            .large(256)
            .count(3)
            .dir(1, 1, 1, 1, grownRoot, 2)
            .dir(401, 51, 1, 1, CraftedDirectory.make(401, 51, 1, 1), 1)
            .small(512)
            .count(4)
            .file(602, 50, "far away");
    all.add(
        new Scenario(
            "slot growth",
            List.of(base(), grow),
            expected(base(), grow)
                .large(256)
                .dir(1, 1, 1, 1, grownRoot, 2)
                .dir(3, 4, 1, 1, D0, 1)
                .dir(401, 51, 1, 1, CraftedDirectory.make(401, 51, 1, 1), 1)
                .small(512)
                .file(2, 2, "alpha")
                .file(4, 3, "bravo")
                .fileIn(3, 4, 6, 5, "charlie", 1)
                .file(602, 50, "far away"),
            List.of()));

    // 0 -> 1 -> 2
    SmallDump l1 =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(2)
            .small(256)
            .count(3)
            .file(2, 2, "alpha v2", 2);
    SmallDump l2 =
        SmallDump.incremental(2, 20, 30)
            .large(128)
            .count(2)
            .dir(1, 1, 1, 1, ROOT0.copy().add("n", 8, 6), 2)
            .small(256)
            .count(4)
            .file(2, 2, "alpha v3", 3)
            .file(8, 6, "new");
    all.add(
        new Scenario(
            "0-1-2",
            List.of(base(), l1, l2),
            expected(base(), l2)
                .large(128)
                .dir(1, 1, 1, 1, ROOT0.copy().add("n", 8, 6), 2)
                .dir(3, 4, 1, 1, D0, 1)
                .small(256)
                .file(2, 2, "alpha v3", 3)
                .file(4, 3, "bravo")
                .fileIn(3, 4, 6, 5, "charlie", 1)
                .file(8, 6, "new"),
            List.of()));

    // 0 -> 1 -> 1': 1 deleted b (4.3); 1' is cumulative against 0 but carries no removal of 4.3
    // (deletions are relative to the previous dump, 1): merged onto 0, 4.3 stays as an orphan.
    SmallDump l1prime =
        SmallDump.incremental(1, 20, 30)
            .large(128)
            .count(2)
            .dir(1, 1, 1, 1, ROOT0.copy().remove("b").add("z", 10, 7), 3)
            .small(256)
            .count(3)
            .file(10, 7, "zulu");
    all.add(
        new Scenario(
            "0-1-1' orphans kept",
            List.of(base(), l1prime),
            expected(base(), l1prime)
                .large(128)
                .dir(1, 1, 1, 1, ROOT0.copy().remove("b").add("z", 10, 7), 3)
                .dir(3, 4, 1, 1, D0, 1)
                .small(256)
                .count(4)
                .file(2, 2, "alpha")
                .file(4, 3, "bravo")
                .fileIn(3, 4, 6, 5, "charlie", 1)
                .file(10, 7, "zulu"),
            List.of(
                "was taken against state 20", "ends at state 10", "dumps were taken in between")));

    // slot reuse in one increment: 4.3 deleted, slot 1 reused by 4.9 (live first, then removal)
    CraftedDirectory reusedRoot = ROOT0.copy().remove("b").add("b2", 4, 9);
    SmallDump reuse =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(2)
            .dir(1, 1, 1, 1, reusedRoot, 2)
            .small(256)
            .count(3)
            .file(4, 9, "new bravo")
            .removed(4, 3);
    all.add(
        new Scenario(
            "slot reused: match on number and uniquifier",
            List.of(base(), reuse),
            expected(base(), reuse)
                .large(128)
                .dir(1, 1, 1, 1, reusedRoot, 2)
                .dir(3, 4, 1, 1, D0, 1)
                .small(256)
                .file(2, 2, "alpha")
                .file(4, 9, "new bravo")
                .fileIn(3, 4, 6, 5, "charlie", 1),
            List.of()));

    // the same with 1' (no removal): vnode 4 present twice, 4.9 pushed on the front of slot 1
    SmallDump reusePrime =
        SmallDump.incremental(1, 20, 30)
            .large(128)
            .count(2)
            .dir(1, 1, 1, 1, reusedRoot, 2)
            .small(256)
            .count(3)
            .file(4, 9, "new bravo");
    all.add(
        new Scenario(
            "vnode number twice with different uniquifiers",
            List.of(base(), reusePrime),
            expected(base(), reusePrime)
                .large(128)
                .dir(1, 1, 1, 1, reusedRoot, 2)
                .dir(3, 4, 1, 1, D0, 1)
                .small(256)
                .count(4)
                .file(2, 2, "alpha")
                .file(4, 9, "new bravo")
                .file(4, 3, "bravo")
                .fileIn(3, 4, 6, 5, "charlie", 1),
            List.of("dumps were taken in between")));

    // ... and a level 2 on top modifying 4.9: every pairwise step reverses slot 1 once
    SmallDump reuseL2 =
        SmallDump.incremental(2, 30, 40)
            .large(128)
            .count(2)
            .small(256)
            .count(3)
            .file(4, 9, "newer bravo", 2);
    all.add(
        new Scenario(
            "vnode number twice, then modified at level 2 (one pass == pairwise)",
            List.of(base(), reusePrime, reuseL2),
            expected(base(), reuseL2)
                .large(128)
                .dir(1, 1, 1, 1, reusedRoot, 2)
                .dir(3, 4, 1, 1, D0, 1)
                .small(256)
                .count(4)
                .file(2, 2, "alpha")
                .file(4, 3, "bravo")
                .file(4, 9, "newer bravo", 2)
                .fileIn(3, 4, 6, 5, "charlie", 1),
            List.of("dumps were taken in between")));

    // a record with a known number but another uniquifier is new, not a replacement
    SmallDump otherUniq =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(2)
            .small(256)
            .count(4)
            .file(4, 99, "not bravo");
    all.add(
        new Scenario(
            "same number, other uniquifier is added",
            List.of(base(), otherUniq),
            expected(base(), otherUniq)
                .large(128)
                .dir(1, 1, ROOT0)
                .dir(3, 4, 1, 1, D0, 1)
                .small(256)
                .count(4)
                .file(2, 2, "alpha")
                .file(4, 99, "not bravo")
                .file(4, 3, "bravo")
                .fileIn(3, 4, 6, 5, "charlie", 1),
            List.of()));

    // removals of vnodes the base lacks (absent number; known number, other uniquifier)
    SmallDump absent =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(2)
            .removed(5, 8)
            .small(256)
            .count(3)
            .removed(4, 99)
            .removed(12, 11);
    all.add(
        new Scenario(
            "removal of an absent vnode",
            List.of(base(), absent),
            expected(base(), absent)
                .large(128)
                .dir(1, 1, ROOT0)
                .dir(3, 4, 1, 1, D0, 1)
                .small(256)
                .file(2, 2, "alpha")
                .file(4, 3, "bravo")
                .fileIn(3, 4, 6, 5, "charlie", 1),
            List.of(
                "link1.dump removes 3 vnodes that its base does not hold (as in a 0, 1, 1' chain);"
                    + " ignored: 5.8, 4.99, 12.11")));

    return all.stream();
  }

  static List<Path> write(Path dir, List<SmallDump> chain) {
    List<Path> paths = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      paths.add(chain.get(i).write(dir.resolve("link" + i + ".dump")));
    }
    return paths;
  }

  static byte[] mergeOnePass(List<Path> chain, List<String> warnings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProgressListener collect =
        new ProgressListener() {
          @Override
          public void warning(String message) {
            warnings.add(message);
          }
        };
    ChainMerger.Result r = new ChainMerger(collect, Cancellation.none()).merge(chain, out);
    assertThat(r.bytesWritten()).isEqualTo(out.size());
    assertThat(r.warnings()).containsExactlyElementsOf(warnings);
    return out.toByteArray();
  }

  static byte[] mergePairwise(Path dir, List<Path> chain) throws Exception {
    Path base = chain.get(0);
    for (int i = 1; i < chain.size(); i++) {
      Path out = dir.resolve("ours-pairwise-" + i + ".dump");
      new ChainMerger(ProgressListener.NONE, Cancellation.none())
          .mergeToFile(List.of(base, chain.get(i)), out, false);
      base = out;
    }
    return Files.readAllBytes(base);
  }

  static void assertSameDump(byte[] actual, byte[] expected) {
    if (!java.util.Arrays.equals(actual, expected)) {
      assertThat(Listing.of(actual)).isEqualTo(Listing.of(expected));
      assertThat(actual).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void onePassMergeGivesTheExpectedDump(Scenario s, @TempDir Path dir) throws Exception {
    List<String> warnings = new ArrayList<>();
    byte[] merged = mergeOnePass(write(dir, s.chain()), warnings);
    assertSameDump(merged, s.expected().bytes());
    for (String w : s.warnings()) {
      assertThat(warnings).anySatisfy(x -> assertThat(x).contains(w));
    }
    if (s.warnings().isEmpty()) {
      assertThat(warnings).isEmpty();
    }
    Path out = Files.write(dir.resolve("merged.dump"), merged);
    VerifyReport report = new DumpVerifier(Cancellation.none()).verify(out);
    assertThat(report.errors()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void pairwiseMergeGivesTheSameBytes(Scenario s, @TempDir Path dir) throws Exception {
    List<Path> chain = write(dir, s.chain());
    assertSameDump(mergePairwise(dir, chain), mergeOnePass(chain, new ArrayList<>()));
  }

  /** A merge into a file reads the base ahead in chunks of slots; their size never matters. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void aFileMergeInChunksOfAnySizeGivesTheSameBytes(Scenario s, @TempDir Path dir)
      throws Exception {
    List<Path> chain = write(dir, s.chain());
    for (int chunk : new int[] {1, 2, 3, ChainMerger.CHUNK}) {
      Path out = dir.resolve("chunk" + chunk + ".dump");
      new ChainMerger(ProgressListener.NONE, Cancellation.none(), chunk)
          .mergeToFile(chain, out, false);
      assertSameDump(Files.readAllBytes(out), s.expected().bytes());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void dumpgenPairwiseMergeGivesTheSameBytes(Scenario s, @TempDir Path dir) throws Exception {
    Dumpgen.assume();
    List<Path> chain = write(dir, s.chain());
    Path theirs = Dumpgen.mergePairwise(dir, chain, "m");
    assertSameDump(Files.readAllBytes(theirs), s.expected().bytes());
    Dumpgen.Run check = Dumpgen.run(dir, "check", theirs.toString());
    assertThat(check.exit()).as(check.out() + check.err()).isZero();
  }

  /** A readable listing of a dump, to show where two dumps differ. */
  static final class Listing {
    static List<String> of(byte[] dump) {
      List<String> lines = new ArrayList<>();
      try (DumpReader r = new DumpReader(new java.io.ByteArrayInputStream(dump), "listing")) {
        lines.add(r.header().toString());
        lines.add(r.volumeData().toString());
        for (int i = 0; i < 2; i++) {
          lines.add(r.nextIndex().toString());
          IndexEntry e;
          while ((e = r.nextEntry()) != null) {
            if (e instanceof IndexEntry.Vnode v) {
              ByteArrayOutputStream data = new ByteArrayOutputStream();
              r.copyPayload(data);
              lines.add(
                  v.record().toString()
                      + " data "
                      + Integer.toHexString(java.util.Arrays.hashCode(data.toByteArray())));
            } else {
              lines.add(e.getClass().getSimpleName());
            }
          }
        }
        r.readEnd();
      } catch (Exception e) {
        lines.add("unreadable: " + e.getMessage());
      }
      return Collections.unmodifiableList(lines);
    }
  }
}
