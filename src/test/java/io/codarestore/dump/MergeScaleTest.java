package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge's compact slot table at scale: thousands of vnodes (the slot array grows, lists of two
 * entries reverse at every pairwise step) and slot numbers so large and sparse that they must not
 * be held in an array indexed by slot.
 */
class MergeScaleTest {
  @TempDir Path dir;

  static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  static byte[] merge(List<Path> chain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ChainMerger(ProgressListener.NONE, Cancellation.none()).merge(chain, out);
    return out.toByteArray();
  }

  /**
   * 0 -> 1' -> 2 over 6000 files: 1' rewrites every 7th file, reuses every 13th slot with a new
   * uniquifier (no removal: the slot then lists the new vnode, then the old), and adds 500 files in
   * new slots (the lists grow from 6144 to 6656); 2 rewrites every 5th file, including the new
   * vnodes of reused slots, and removes every 11th.
   */
  @Test
  void thousandsOfVnodesWithReusedSlots() throws Exception {
    int n = 6000;
    int added = 500;
    SmallDump full = SmallDump.full(10).large(128).dir(1, 1, CraftedDirectory.root()).small(6144);
    for (int s = 0; s < n; s++) {
      full.file(2 * s + 2, 10 + s, "base " + s);
    }
    SmallDump l1 =
        SmallDump.incremental(1, 20, 30).large(128).count(1).small(6656).count(n + added);
    for (int s = 0; s < n + added; s++) {
      if (s >= n) {
        l1.file(2 * s + 2, 100_000 + s, "new " + s);
      } else if (s % 13 == 0) {
        l1.file(2 * s + 2, 50_000 + s, "reused " + s);
      } else if (s % 7 == 0) {
        l1.file(2 * s + 2, 10 + s, "one " + s, 2);
      }
    }
    SmallDump l2 =
        SmallDump.incremental(2, 30, 40).large(128).count(1).small(6656).count(n + added);
    int removed = 0;
    for (int s = 0; s < n + added; s++) {
      int uniq = s >= n ? 100_000 + s : s % 13 == 0 ? 50_000 + s : 10 + s;
      if (s % 11 == 0) {
        l2.removed(2 * s + 2, uniq);
        removed++;
      } else if (s % 5 == 0) {
        l2.file(2 * s + 2, uniq, "two " + s, 3);
      }
    }
    // expected, by the rules: a reused slot lists [new, old] after 1'; the pairwise step to 2
    // reverses it to [old, new] before 2 is applied
    int orphans = (n + 12) / 13;
    SmallDump expected =
        MergeRulesTest.expected(full, l2)
            .large(128)
            .dir(1, 1, CraftedDirectory.root())
            .small(6656)
            .count(n + orphans + added - removed);
    for (int s = 0; s < n + added; s++) {
      boolean gone = s % 11 == 0;
      boolean two = !gone && s % 5 == 0;
      if (s >= n) {
        if (!gone) {
          expected.file(2 * s + 2, 100_000 + s, two ? "two " + s : "new " + s, two ? 3 : 1);
        }
      } else if (s % 13 == 0) {
        expected.file(2 * s + 2, 10 + s, "base " + s);
        if (!gone) {
          expected.file(2 * s + 2, 50_000 + s, two ? "two " + s : "reused " + s, two ? 3 : 1);
        }
      } else if (!gone) {
        if (two) {
          expected.file(2 * s + 2, 10 + s, "two " + s, 3);
        } else if (s % 7 == 0) {
          expected.file(2 * s + 2, 10 + s, "one " + s, 2);
        } else {
          expected.file(2 * s + 2, 10 + s, "base " + s);
        }
      }
    }
    List<Path> chain =
        List.of(
            full.write(dir.resolve("f.dump")),
            l1.write(dir.resolve("l1.dump")),
            l2.write(dir.resolve("l2.dump")));
    byte[] onePass = merge(chain);
    MergeRulesTest.assertSameDump(onePass, expected.bytes());
    assertThat(MergeRulesTest.mergePairwise(dir, chain)).isEqualTo(onePass);
    if (Dumpgen.available()) {
      Path theirs = Dumpgen.mergePairwise(dir, chain, "dg");
      assertThat(Files.readAllBytes(theirs)).isEqualTo(onePass);
    }
  }

  /** Slots near 2^30 in lists of 2^30: kept in the sparse table, merged in slot order. */
  @Test
  void hugeSparseSlotNumbersNeitherAllocateNorMisorder() throws Exception {
    int lists = 1 << 30;
    int far = 2 * ((1 << 30) - 1) + 2; // slot 2^30 - 1, vnode 2^31 (negative as an int)
    int mid = 2 * (1 << 29) + 2;
    SmallDump full =
        SmallDump.full(10)
            .large(128)
            .dir(1, 1, CraftedDirectory.root())
            .small(lists)
            .file(2, 2, "dense")
            .file(mid, 3, "middle")
            .file(far, 4, "far away");
    SmallDump incr =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(1)
            .small(lists)
            .count(4)
            .file(mid - 2, 5, "just before the middle")
            .file(far, 4, "far away, changed", 2);
    SmallDump expected =
        MergeRulesTest.expected(full, incr)
            .large(128)
            .dir(1, 1, CraftedDirectory.root())
            .small(lists)
            .file(2, 2, "dense")
            .file(mid - 2, 5, "just before the middle")
            .file(mid, 3, "middle")
            .file(far, 4, "far away, changed", 2);
    List<Path> chain =
        List.of(full.write(dir.resolve("f.dump")), incr.write(dir.resolve("i.dump")));
    long before = allocatedBytes();
    byte[] merged = merge(chain);
    long allocated = allocatedBytes() - before;
    MergeRulesTest.assertSameDump(merged, expected.bytes());
    assertThat(allocated).as("bytes allocated by the merge").isLessThan(64L << 20);
  }
}
