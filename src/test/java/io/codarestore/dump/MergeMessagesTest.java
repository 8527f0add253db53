package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a merge says when an input cannot be read, and how it reports absent removals. */
class MergeMessagesTest {
  @TempDir Path dir;

  @Test
  void anInputThatCannotBeReadIsNamedNotTheOutput() throws Exception {
    Path notAFile = Files.createDirectory(dir.resolve("full.dump"));
    Path out = dir.resolve("out.dump");
    ChainMerger m = new ChainMerger(ProgressListener.NONE, Cancellation.none());
    assertThatThrownBy(() -> m.mergeToFile(List.of(notAFile), out, false))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("cannot read " + notAFile)
        .hasMessageContaining("Is a directory")
        .hasMessageNotContaining("cannot write");
    assertThat(out).doesNotExist();
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(notAFile);
    }
  }

  @Test
  void anInputCutShortWhileItIsCopiedIsNamedAndNothingIsLeft() throws Exception {
    java.util.Random r = new java.util.Random(3);
    byte[] big = new byte[3 << 20];
    r.nextBytes(big);
    Path full =
        SmallDump.full(10)
            .large(128)
            .dir(1, 1, CraftedDirectory.root().add("big", 2, 2))
            .small(256)
            .data(2, 2, VnodeType.FILE, big, 1)
            .write(dir.resolve("full.dump"));
    Path out = dir.resolve("out.dump");
    boolean[] cut = {false};
    ProgressListener cutter =
        new ProgressListener() {
          @Override
          public void progress(String stage, long done, long total) {
            if (!cut[0] && done > 512 << 10) {
              cut[0] = true;
              try (var ch =
                  java.nio.channels.FileChannel.open(
                      full, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(1 << 20); // the file shrinks under the running merge
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
          }
        };
    assertThatThrownBy(
            () ->
                new ChainMerger(cutter, Cancellation.none()).mergeToFile(List.of(full), out, false))
        .isInstanceOf(DumpFormatException.class)
        .hasMessageStartingWith(full + ": offset " + (1 << 20) + ": truncated dump: end of file");
    assertThat(cut[0]).isTrue();
    assertThat(out).doesNotExist();
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(full);
    }
  }

  @Test
  void absentRemovalsAreOneWarningPerInputNamingTheFirstTen() {
    assertThat(ChainMerger.absentRemovals("i.dump", List.of())).isEmpty();
    assertThat(ChainMerger.absentRemovals("i.dump", List.of("3.4")))
        .contains(
            "i.dump removes vnode 3.4, which its base does not hold (as in a 0, 1, 1' chain);"
                + " ignored");
    List<String> many = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      many.add(2 * i + "." + i);
    }
    String w = ChainMerger.absentRemovals("i.dump", many).orElseThrow();
    assertThat(w)
        .startsWith("i.dump removes 25 vnodes that its base does not hold")
        .contains(": 2.1, 4.2, 6.3, 8.4, 10.5, 12.6, 14.7, 16.8, 18.9, 20.10 and 15 more")
        .doesNotContain("22.11");
  }
}
