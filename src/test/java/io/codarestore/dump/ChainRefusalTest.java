package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of a chain, with its message, and that a refused or failed merge leaves nothing at
 * OUT and no temporary file beside it.
 */
class ChainRefusalTest {
  @TempDir Path dir;
  Path out;

  @BeforeEach
  void setUp() {
    out = dir.resolve("merged.dump");
  }

  static SmallDump base() {
    return MergeRulesTest.base();
  }

  static SmallDump modify(int level, int oldest, int latest) {
    return SmallDump.incremental(level, oldest, latest)
        .large(128)
        .count(2)
        .small(256)
        .count(3)
        .file(4, 3, "bravo " + latest, latest);
  }

  Path put(String name, SmallDump d) {
    return d.write(dir.resolve(name));
  }

  List<String> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Merges into OUT; asserts the failure left the directory as it was. */
  AbstractThrowableAssert<?, ? extends Throwable> assertMergeFails(Path... chain)
      throws IOException {
    List<String> before = listing();
    Throwable t = null;
    try {
      new ChainMerger(ProgressListener.NONE, Cancellation.none())
          .mergeToFile(List.of(chain), out, false);
    } catch (Throwable e) {
      t = e;
    }
    assertThat(t).as("merge should fail").isNotNull();
    assertThat(listing()).as("nothing left at OUT, no temporary file").isEqualTo(before);
    return assertThat(t).isInstanceOf(UserFacingException.class);
  }

  @Test
  void anIncrementalAsTheBase() throws IOException {
    Path i1 = put("i1.dump", modify(1, 10, 20));
    Path i2 = put("i2.dump", modify(2, 20, 30));
    assertMergeFails(i1, i2)
        .isInstanceOf(ChainRefusedException.class)
        .hasMessage(
            i1 + " is an incremental (level 1): the chain must start with a full dump (level 0)");
    assertMergeFails(i1).hasMessageContaining("the chain must start with a full dump");
  }

  @Test
  void aFullDumpAsAnIncrement() throws IOException {
    Path f = put("f.dump", base());
    Path f2 =
        put("f2.dump", SmallDump.full(20).large(128).dir(1, 1, CraftedDirectory.root()).small(256));
    assertMergeFails(f, f2)
        .isInstanceOf(ChainRefusedException.class)
        .hasMessage(f2 + " is a full dump (level 0); only incrementals can be merged onto " + f);
  }

  @Test
  void aDumpOfAnotherReplica() throws IOException {
    Path f = put("f.dump", base());
    SmallDump other = modify(1, 10, 20);
    DumpHeader h = other.header();
    other.header(new DumpHeader(h.volumeId(), 0x01000B01, h.name(), h.backupDate(), 1, 10, 20));
    Path i = put("i.dump", other);
    assertMergeFails(f, i)
        .isInstanceOf(ChainRefusedException.class)
        .hasMessage(i + " is a dump of replica 0x1000b01, but " + f + " is of replica 0x1000a01");
  }

  @Test
  void aDumpOfAnotherVolumeName() throws IOException {
    Path f = put("f.dump", base());
    SmallDump other = modify(1, 10, 20);
    DumpHeader h = other.header();
    other.header(
        new DumpHeader(h.volumeId(), h.parentId(), "u.jim.0.backup", h.backupDate(), 1, 10, 20));
    Path i = put("i.dump", other);
    assertMergeFails(f, i)
        .isInstanceOf(ChainRefusedException.class)
        .hasMessage(
            i + " is a dump of volume 'u.jim.0.backup', but " + f + " is of 'u.jan.0.backup'");
  }

  @Test
  void levelsNotStrictlyRising() throws IOException {
    Path f = put("f.dump", base());
    Path i2 = put("i2.dump", modify(2, 10, 20));
    Path i1 = put("i1.dump", modify(1, 20, 30));
    assertMergeFails(f, i2, i1)
        .isInstanceOf(ChainRefusedException.class)
        .hasMessage(
            i1
                + " has level 1, not above the level 2 of "
                + i2
                + ": levels must rise strictly along a chain");
    Path i1b = put("i1b.dump", modify(1, 20, 30));
    Path i1a = put("i1a.dump", modify(1, 10, 20));
    assertMergeFails(f, i1a, i1b)
        .hasMessageContaining(i1b + " has level 1, not above the level 1 of " + i1a);
  }

  @Test
  void aBaseNewerThanTheStateTheIncrementWasTakenAgainst() throws IOException {
    Path f =
        put(
            "f.dump",
            SmallDump.full(25)
                .large(128)
                .dir(1, 1, MergeRulesTest.ROOT0)
                .dir(3, 4, 1, 1, MergeRulesTest.D0, 1)
                .small(256)
                .file(2, 2, "a")
                .file(4, 3, "b")
                .fileIn(3, 4, 6, 5, "c", 1));
    Path i = put("i.dump", modify(1, 20, 30));
    assertMergeFails(f, i)
        .isInstanceOf(ChainRefusedException.class)
        .hasMessage(
            i
                + " was taken against the volume state 20, but "
                + f
                + " is already at state 25: it belongs to an older base (a newer full or"
                + " incremental was used as its base)");
    // along the chain: the second increment against the first
    Path f10 = put("f10.dump", base());
    Path i1 = put("i1.dump", modify(1, 10, 40));
    Path i2 = put("i2.dump", modify(2, 30, 50));
    assertMergeFails(f10, i1, i2)
        .hasMessageContaining(
            i2 + " was taken against the volume state 30, but " + i1 + " is already at state 40");
  }

  @Test
  void uniquifiersCompareUnsigned() {
    // latest 0x80000000 (negative as int) is above oldest 5 unsigned: refused
    List<ChainCheck.Link> chain =
        List.of(
            new ChainCheck.Link("f", new DumpHeader(1, 2, "v", 0, 0, 0x80000000, 0x80000000)),
            new ChainCheck.Link("i", new DumpHeader(1, 2, "v", 0, 1, 5, 6)));
    assertThatThrownBy(() -> ChainCheck.check(chain))
        .isInstanceOf(ChainRefusedException.class)
        .hasMessageContaining(
            "taken against the volume state 5, but f is already at state 2147483648");
    List<ChainCheck.Link> ok =
        List.of(
            new ChainCheck.Link("f", new DumpHeader(1, 2, "v", 0, 0, 5, 5)),
            new ChainCheck.Link("i", new DumpHeader(1, 2, "v", 0, 1, 0x80000000, 0x80000001)));
    assertThat(ChainCheck.check(ok))
        .singleElement()
        .asString()
        .contains("taken against state 2147483648, f ends at state 5");
  }

  @Test
  void anIncrementWithFewerListsThanItsBase() throws IOException {
    Path f = put("f.dump", base());
    SmallDump fewer = SmallDump.incremental(1, 10, 20).large(128).count(2).small(256).count(3);
    // base with grown small lists
    Path big =
        put(
            "big.dump",
            SmallDump.full(10)
                .large(256)
                .dir(1, 1, MergeRulesTest.ROOT0)
                .dir(3, 4, 1, 1, MergeRulesTest.D0, 1)
                .small(512)
                .file(2, 2, "a")
                .file(4, 3, "b")
                .fileIn(3, 4, 6, 5, "c", 1));
    Path i = put("i.dump", fewer);
    assertMergeFails(big, i)
        .isInstanceOf(ChainRefusedException.class)
        .hasMessage(
            i
                + " has 128 large (directory) vnode lists, fewer than the 256 of its base; it cannot"
                + " belong to it");
    Path bigSmall =
        put(
            "bigsmall.dump",
            SmallDump.full(10)
                .large(128)
                .dir(1, 1, MergeRulesTest.ROOT0)
                .dir(3, 4, 1, 1, MergeRulesTest.D0, 1)
                .small(512)
                .file(2, 2, "a")
                .file(4, 3, "b")
                .fileIn(3, 4, 6, 5, "c", 1));
    assertMergeFails(bigSmall, i)
        .hasMessage(
            i
                + " has 256 small (file) vnode lists, fewer than the 512 of its base; it cannot"
                + " belong to it");
    assertThat(f).exists();
  }

  @Test
  void aBadInodeThatSurvivesTheMerge() throws IOException {
    Path f = put("f.dump", base());
    SmallDump bad =
        SmallDump.incremental(1, 10, 20).large(128).count(2).small(256).count(3).badInode(4, 3);
    Path i = put("i.dump", bad);
    assertMergeFails(f, i)
        .isInstanceOf(DumpFormatException.class)
        .hasMessageEndingWith(
            ": vnode 4.3 has no data (the server could not read it; Coda's merge aborts on it)")
        .hasMessageStartingWith(i + ": offset ");
  }

  @Test
  void aBadInodeIsRefusedEvenWhenALaterIncrementReplacesItAsVerifyRefusesIt() throws IOException {
    Path f = put("f.dump", base());
    Path i1 =
        put(
            "i1.dump",
            SmallDump.incremental(1, 10, 20)
                .large(128)
                .count(2)
                .small(256)
                .count(3)
                .badInode(4, 3));
    Path i2 = put("i2.dump", modify(2, 20, 30));
    assertThat(new DumpVerifier(Cancellation.none()).verify(i1).errors())
        .singleElement()
        .asString()
        .endsWith(
            "vnode 4.3 has no data (the server could not read it; Coda's merge aborts on it)");
    assertMergeFails(f, i1, i2)
        .hasMessageStartingWith(i1 + ": offset ")
        .hasMessageEndingWith(
            "vnode 4.3 has no data (the server could not read it; Coda's merge aborts on it)");
  }

  @Test
  void incrementVnodesOutsideTheirIndexAreRefused() throws IOException {
    Path f = put("f.dump", base());
    // an even (file) number in the directory index
    Path wrong =
        put(
            "wrong.dump",
            SmallDump.incremental(1, 10, 20)
                .large(128)
                .count(2)
                .dir(2, 9, 1, 1, CraftedDirectory.make(2, 9, 1, 1), 1)
                .small(256)
                .count(3));
    assertMergeFails(f, wrong)
        .isInstanceOf(DumpFormatException.class)
        .hasMessageContaining("vnode 2 has the wrong parity for the large (directory) index");
    // a slot beyond the lists
    Path beyond =
        put(
            "beyond.dump",
            SmallDump.incremental(1, 10, 20)
                .large(128)
                .count(2)
                .small(256)
                .count(4)
                .file(514, 9, "x"));
    assertMergeFails(f, beyond)
        .hasMessageContaining("vnode 514 lies outside the 256 lists of the small (file) index");
  }

  @Test
  void baseVnodesOutsideTheirIndexAreRefused() throws IOException {
    Path i = put("i.dump", modify(1, 10, 20));
    Path beyond =
        put(
            "beyond.dump",
            SmallDump.full(10)
                .large(128)
                .dir(1, 1, MergeRulesTest.ROOT0)
                .dir(3, 4, 1, 1, MergeRulesTest.D0, 1)
                .small(256)
                .file(2, 2, "a")
                .file(4, 3, "b")
                .fileIn(3, 4, 6, 5, "c", 1)
                .file(600, 9, "beyond the 256 lists"));
    assertMergeFails(beyond, i)
        .isInstanceOf(DumpFormatException.class)
        .hasMessageStartingWith(beyond + ": offset ")
        .hasMessageContaining("vnode 600 lies outside the 256 lists of the small (file) index");
    Path parity =
        put(
            "parity.dump",
            SmallDump.full(10)
                .large(128)
                .dir(1, 1, MergeRulesTest.ROOT0)
                .dir(3, 4, 1, 1, MergeRulesTest.D0, 1)
                .small(256)
                .file(2, 2, "a")
                .file(5, 3, "odd number in the file index")
                .fileIn(3, 4, 6, 5, "c", 1));
    assertMergeFails(parity, i)
        .hasMessageContaining("vnode 5 has the wrong parity for the small (file) index");
    Path zero =
        put(
            "zero.dump",
            SmallDump.full(10)
                .large(128)
                .dir(1, 1, MergeRulesTest.ROOT0)
                .dir(3, 4, 1, 1, MergeRulesTest.D0, 1)
                .small(256)
                .file(0, 3, "vnode zero"));
    assertMergeFails(zero, i).hasMessageContaining("vnode 0 has the wrong parity");
  }

  @Test
  void aCorruptInputLeavesNothing() throws IOException {
    Path f = put("f.dump", base());
    byte[] i = modify(1, 10, 20).bytes();
    Path truncated = Files.write(dir.resolve("t.dump"), java.util.Arrays.copyOf(i, i.length - 3));
    assertMergeFails(f, truncated)
        .isInstanceOf(DumpFormatException.class)
        .hasMessageStartingWith(truncated + ": offset " + (i.length - 3) + ": ");
    byte[] b = base().bytes();
    Path badBase = Files.write(dir.resolve("b.dump"), java.util.Arrays.copyOf(b, b.length / 2));
    Path incr = put("i.dump", modify(1, 10, 20));
    assertMergeFails(badBase, incr).hasMessageStartingWith(badBase + ": offset ");
  }

  @Test
  void aMissingInputIsNamed() throws IOException {
    Path f = put("f.dump", base());
    Path missing = dir.resolve("nope.dump");
    assertMergeFails(f, missing).hasMessage(missing + ": no such file");
  }

  @Test
  void anExistingOutIsNotOverwrittenWithoutForce() throws IOException {
    Path f = put("f.dump", base());
    Path i = put("i.dump", modify(1, 10, 20));
    Files.writeString(out, "precious");
    assertMergeFails(f, i).hasMessage(out + " exists; it is not overwritten (choose another name)");
    assertThat(out).hasContent("precious");
    ChainMerger.Result r =
        new ChainMerger(ProgressListener.NONE, Cancellation.none())
            .mergeToFile(List.of(f, i), out, true);
    assertThat(Files.size(out)).isEqualTo(r.bytesWritten());
    assertThat(listing()).containsExactly("f.dump", "i.dump", "merged.dump");
  }

  @Test
  void aFailedForcedMergeKeepsTheOldOut() throws IOException {
    Path f = put("f.dump", base());
    Path i = put("i.dump", modify(1, 20, 30));
    Path older = put("older.dump", modify(1, 5, 8));
    Files.writeString(out, "previous result");
    List<String> before = listing();
    assertThatThrownBy(
            () ->
                new ChainMerger(ProgressListener.NONE, Cancellation.none())
                    .mergeToFile(List.of(f, older), out, true))
        .isInstanceOf(ChainRefusedException.class);
    assertThat(listing()).isEqualTo(before);
    assertThat(out).hasContent("previous result");
    assertThat(i).exists();
  }

  @Test
  void anOutInAMissingDirectory() throws IOException {
    Path f = put("f.dump", base());
    Path i = put("i.dump", modify(1, 10, 20));
    Path nowhere = dir.resolve("no/such/dir/out.dump");
    assertThatThrownBy(
            () ->
                new ChainMerger(ProgressListener.NONE, Cancellation.none())
                    .mergeToFile(List.of(f, i), nowhere, false))
        .isInstanceOf(UserFacingException.class)
        .hasMessage(
            "cannot create " + nowhere + ": directory " + nowhere.getParent() + " does not exist");
  }

  @Test
  void cancellingLeavesNothing() throws IOException {
    Path f = put("f.dump", base());
    Path i = put("i.dump", modify(1, 10, 20));
    Cancellation cancel = Cancellation.none();
    cancel.cancel();
    List<String> before = listing();
    assertThatThrownBy(
            () ->
                new ChainMerger(ProgressListener.NONE, cancel)
                    .mergeToFile(List.of(f, i), out, false))
        .isInstanceOf(Cancellation.CancelledException.class);
    assertThat(listing()).isEqualTo(before);
  }

  @Test
  void progressIsReportedAgainstTheInputBytes() throws IOException {
    Path f = put("f.dump", base());
    Path i = put("i.dump", modify(1, 10, 20));
    long total = Files.size(f) + Files.size(i);
    List<long[]> seen = new ArrayList<>();
    List<String> stages = new ArrayList<>();
    ProgressListener p =
        new ProgressListener() {
          @Override
          public void stageStarted(String stage, long totalBytes) {
            stages.add("start " + stage + " " + totalBytes);
          }

          @Override
          public void progress(String stage, long done, long t) {
            seen.add(new long[] {done, t});
          }

          @Override
          public void stageFinished(String stage) {
            stages.add("end " + stage);
          }
        };
    new ChainMerger(p, Cancellation.none()).mergeToFile(List.of(f, i), out, false);
    assertThat(stages)
        .containsExactly(
            "start merge " + f + " + 1 incremental(s) " + total,
            "end merge " + f + " + 1 incremental(s)");
    assertThat(seen).isNotEmpty();
    for (int k = 1; k < seen.size(); k++) {
      assertThat(seen.get(k)[0]).isGreaterThanOrEqualTo(seen.get(k - 1)[0]);
    }
    assertThat(seen.get(seen.size() - 1)[0]).isLessThanOrEqualTo(total);
  }
}
