package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge makes, on each input as it streams it, the checks verify makes, and fails with verify's
 * first problem (file, offset, what): inputs that used to merge with exit 0.
 */
class MergeChecksTest {
  @TempDir Path dir;

  private void assertMergeRefusesAsVerifyDoes(String name, SmallDump bad, boolean asBase)
      throws Exception {
    Path b = bad.write(dir.resolve(name + ".dump"));
    VerifyReport v = new DumpVerifier(Cancellation.none()).verify(b);
    assertThat(v.ok()).as(name + ": verify rejects it").isFalse();
    List<Path> chain =
        asBase
            ? List.of(b, ChainRefusalTest.modify(1, 10, 20).write(dir.resolve("i.dump")))
            : List.of(MergeRulesTest.base().write(dir.resolve("f.dump")), b);
    Path out = dir.resolve("out.dump");
    Throwable t = null;
    try {
      new ChainMerger(ProgressListener.NONE, Cancellation.none()).mergeToFile(chain, out, false);
    } catch (RuntimeException e) {
      t = e;
    }
    assertThat(t).as(name + ": merge fails").isInstanceOf(UserFacingException.class);
    String want = b + ": " + v.errors().get(0);
    if (name.equals("twice") && asBase) {
      // found when written, which visits a slot's records in reverse: the other copy's offset
      want = want.replaceFirst("offset [0-9]+", "offset ");
      assertThat(t.getMessage().replaceFirst("offset [0-9]+", "offset ")).as(name).isEqualTo(want);
    } else {
      assertThat(t.getMessage()).as(name).isEqualTo(want);
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .as(name + ": nothing left")
          .doesNotContain("out.dump")
          .allMatch(n -> n.endsWith(".dump") && !n.startsWith("."));
    }
  }

  @Test
  void aBaseThatVerifyRejectsIsRefusedWithVerifysProblem() throws Exception {
    assertMergeRefusesAsVerifyDoes("null", MergeRulesTest.base().nullVnode(), true);
    assertMergeRefusesAsVerifyDoes("count", MergeRulesTest.base().count(7), true);
    assertMergeRefusesAsVerifyDoes("twice", MergeRulesTest.base().file(4, 3, "again"), true);
    assertMergeRefusesAsVerifyDoes("removal", MergeRulesTest.base().removed(8, 9), true);
    VnodeRecord lying = SmallDump.record(8, 9, VnodeType.FILE, 10, 1, 1, 1);
    assertMergeRefusesAsVerifyDoes(
        "length", MergeRulesTest.base().raw(lying, new byte[] {1, 2, 3}), true);
    VnodeRecord dirInFiles = SmallDump.record(8, 9, VnodeType.DIRECTORY, 3, 1, 1, 1);
    assertMergeRefusesAsVerifyDoes(
        "type", MergeRulesTest.base().raw(dirInFiles, new byte[] {1, 2, 3}), true);
  }

  @Test
  void anIncrementThatVerifyRejectsIsRefusedWithVerifysProblem() throws Exception {
    assertMergeRefusesAsVerifyDoes(
        "twice", ChainRefusalTest.modify(1, 10, 20).file(4, 3, "again", 3), false);
    VnodeRecord lying = SmallDump.record(8, 9, VnodeType.FILE, 10, 1, 1, 1);
    assertMergeRefusesAsVerifyDoes(
        "length", ChainRefusalTest.modify(1, 10, 20).raw(lying, new byte[] {1}), false);
    assertMergeRefusesAsVerifyDoes(
        "badinode", ChainRefusalTest.modify(1, 10, 20).badInode(8, 9), false);
  }
}
