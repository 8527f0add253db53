package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A merge into a file writes each index while another thread still reads the base's records, a
 * chunk of whole slots at a time, and writes the index's vnode count last, in its place. Whatever
 * the chunk size, the bytes are those of Coda's own merge and of a merge into a stream (which reads
 * each index whole first); a base out of slot order starts over the other way; a failure or a
 * cancel in the reading thread stops the merge with the same message and leaves no thread behind.
 */
class StreamedMergeTest {
  private static final int[] CHUNKS = {1, 2, 3, 7, 64, ChainMerger.CHUNK};

  @TempDir Path dir;

  static Stream<Arguments> referenceMerges() {
    return Stream.of(
        Arguments.of(List.of("dumpfix-A0-full.dump", "dumpfix-A1-incr-l1.dump"), "A0+A1.dump"),
        Arguments.of(List.of("dumpfix-B0-full.dump", "dumpfix-B1-incr-l1.dump"), "B0+B1.dump"),
        Arguments.of(
            List.of("dumpfix-B0-full.dump", "dumpfix-B1-incr-l1.dump", "dumpfix-B2-incr-l2.dump"),
            "B0+B1+B2.dump"),
        Arguments.of(
            List.of("dumpfix-B0-full.dump", "dumpfix-B2c-incr-l1-cumulative.dump"), "B0+B2c.dump"),
        Arguments.of(
            List.of("testvol-empty-full.dump", "testvol-empty-incr-l1.dump"),
            "testvol-empty-full+incr.dump"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("referenceMerges")
  void everyChunkSizeGivesCodasBytes(List<String> names, String merged) throws Exception {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    List<Path> chain = names.stream().map(RealFixtures::dump).toList();
    byte[] coda = Files.readAllBytes(RealFixtures.merged(merged));
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    ChainMerger.Result s =
        new ChainMerger(ProgressListener.NONE, Cancellation.none()).merge(chain, stream);
    assertThat(stream.toByteArray()).isEqualTo(coda);
    for (int chunk : CHUNKS) {
      Path out = dir.resolve("m" + chunk + ".dump");
      ChainMerger.Result r =
          new ChainMerger(ProgressListener.NONE, Cancellation.none(), chunk)
              .mergeToFile(chain, out, false);
      assertThat(Files.readAllBytes(out)).as("chunk " + chunk).isEqualTo(coda);
      assertThat(r).as("chunk " + chunk).isEqualTo(s);
    }
  }

  /**
   * Small files in the slot order 3, 1, 5, 4 (vnodes 8, 4, 12, 10), and an increment whose records
   * are out of slot order as well.
   */
  private List<Path> outOfOrderChain() {
    SmallDump base =
        SmallDump.full(10)
            .large(128)
            .dir(1, 1, CraftedDirectory.root().add("h", 8, 2).add("d", 4, 3))
            .small(256)
            .file(8, 2, "slot three")
            .file(4, 3, "slot one")
            .file(12, 4, "slot five")
            .file(10, 5, "slot four");
    SmallDump incr =
        SmallDump.incremental(1, 15, 20) // 15 > 10: a gap, so the merge warns
            .large(128)
            .count(1)
            .small(256)
            .count(5)
            .file(14, 6, "slot six") // the increment out of slot order too: 6, 1, 5, 7
            .file(4, 3, "slot one, changed", 2)
            .removed(12, 4)
            .removed(16, 9); // a vnode the base does not hold: a warning names it
    return List.of(base.write(dir.resolve("base.dump")), incr.write(dir.resolve("incr.dump")));
  }

  @Test
  void aBaseOutOfSlotOrderStartsOverAndGivesTheSameBytes() throws Exception {
    List<Path> chain = outOfOrderChain();
    List<String> streamWarnings = new ArrayList<>();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    new ChainMerger(collect(streamWarnings), Cancellation.none()).merge(chain, stream);
    assertThat(streamWarnings).anySatisfy(w -> assertThat(w).contains("taken in between"));
    assertThat(streamWarnings).anySatisfy(w -> assertThat(w).contains("removes vnode 16.9,"));
    for (int chunk : new int[] {1, 2, ChainMerger.CHUNK}) {
      List<String> warnings = new ArrayList<>();
      Path out = dir.resolve("m" + chunk + ".dump");
      ChainMerger.Result r =
          new ChainMerger(collect(warnings), Cancellation.none(), chunk)
              .mergeToFile(chain, out, false);
      assertThat(Files.readAllBytes(out)).as("chunk " + chunk).isEqualTo(stream.toByteArray());
      assertThat(warnings).as("reported once").isEqualTo(streamWarnings);
      assertThat(r.warnings()).isEqualTo(streamWarnings);
    }
    if (Dumpgen.available()) { // the independent reference (CI has it)
      Path theirs = Dumpgen.mergePairwise(dir, chain, "theirs");
      assertThat(Files.readAllBytes(theirs)).isEqualTo(stream.toByteArray());
    }
  }

  /** An increment out of slot order is applied to each chunk of a base in order, all the same. */
  @Test
  void anIncrementOutOfSlotOrderGivesTheSameBytes() throws Exception {
    SmallDump base =
        SmallDump.full(10)
            .large(128)
            .dir(1, 1, CraftedDirectory.root().add("a", 4, 2).add("e", 14, 6))
            .small(256)
            .file(4, 2, "slot one")
            .file(8, 3, "slot three")
            .file(10, 4, "slot four")
            .file(12, 5, "slot five")
            .file(14, 6, "slot six");
    SmallDump incr =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(1)
            .small(256)
            .count(5)
            .file(14, 6, "slot six, changed", 2)
            .file(4, 2, "slot one, changed", 2)
            .removed(12, 5)
            .file(16, 7, "slot seven, new")
            .removed(8, 3);
    List<Path> chain =
        List.of(base.write(dir.resolve("base.dump")), incr.write(dir.resolve("incr.dump")));
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    new ChainMerger(ProgressListener.NONE, Cancellation.none()).merge(chain, stream);
    for (int chunk : new int[] {1, 2, 3}) {
      Path out = dir.resolve("m" + chunk + ".dump");
      new ChainMerger(ProgressListener.NONE, Cancellation.none(), chunk)
          .mergeToFile(chain, out, false);
      assertThat(Files.readAllBytes(out)).as("chunk " + chunk).isEqualTo(stream.toByteArray());
    }
    if (Dumpgen.available()) { // the independent reference (CI has it)
      Path theirs = Dumpgen.mergePairwise(dir, chain, "theirs");
      assertThat(Files.readAllBytes(theirs)).isEqualTo(stream.toByteArray());
    }
  }

  @Test
  void aDamagedRecordReadAheadFailsWithTheSameMessageAndLeavesNothing() throws Exception {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    byte[] b0 = Files.readAllBytes(RealFixtures.dump("dumpfix-B0-full.dump"));
    long at = smallRecordOffset(RealFixtures.dump("dumpfix-B0-full.dump"), 10);
    b0[(int) at + 9] = 'Z'; // the first field tag after the tag, vnode and uniquifier
    Path bad = Files.write(dir.resolve("bad-B0.dump"), b0);
    List<Path> chain = List.of(bad, RealFixtures.dump("dumpfix-B1-incr-l1.dump"));
    Throwable expected =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                new ChainMerger(ProgressListener.NONE, Cancellation.none())
                    .merge(chain, new ByteArrayOutputStream()));
    assertThat(expected)
        .isInstanceOf(DumpFormatException.class)
        .hasMessageContaining("bad-B0.dump")
        .hasMessageContaining(String.valueOf(at + 9));
    Path outDir = Files.createDirectories(dir.resolve("out"));
    for (int chunk : new int[] {1, 2, 7}) {
      assertThatThrownBy(
              () ->
                  new ChainMerger(ProgressListener.NONE, Cancellation.none(), chunk)
                      .mergeToFile(chain, outDir.resolve("m.dump"), false))
          .isInstanceOf(DumpFormatException.class)
          .hasMessage(expected.getMessage());
      try (Stream<Path> left = Files.list(outDir)) {
        assertThat(left).isEmpty();
      }
      assertThat(scanThreads()).isEmpty();
    }
  }

  @Test
  void aCancelWhileReadingAheadStopsTheMergeAndItsThread() throws Exception {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    List<Path> chain =
        List.of(
            RealFixtures.dump("dumpfix-B0-full.dump"),
            RealFixtures.dump("dumpfix-B1-incr-l1.dump"),
            RealFixtures.dump("dumpfix-B2-incr-l2.dump"));
    Cancellation cancel = new Cancellation();
    ProgressListener cancelAtOnce =
        new ProgressListener() {
          @Override
          public void progress(String stage, long done, long total) {
            cancel.cancel();
          }
        };
    Path outDir = Files.createDirectories(dir.resolve("out"));
    assertThatThrownBy(
            () ->
                new ChainMerger(cancelAtOnce, cancel, 1)
                    .mergeToFile(chain, outDir.resolve("m"), false))
        .isInstanceOf(Cancellation.CancelledException.class);
    try (Stream<Path> left = Files.list(outDir)) {
      assertThat(left).isEmpty();
    }
    assertThat(scanThreads()).isEmpty();
  }

  @Test
  void theCountIsWrittenInPlaceWhereverItLies() throws Exception {
    Path f = dir.resolve("sink.bin");
    int buffer = 128 << 10;
    try (FileChannel ch =
        FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ChannelSink sink = new ChannelSink(ch);
      sink.write(new byte[buffer + 20]); // the first buffer is on disk, 20 bytes are not
      sink.patchInt(5, 0x01020304); // on disk
      sink.patchInt(buffer - 2, 0x0A0B0C0D); // two bytes on disk, two in the buffer
      sink.patchInt(buffer + 10, 0x11121314); // in the buffer
      assertThatThrownBy(() -> sink.patchInt(buffer + 18, 1))
          .isInstanceOf(IllegalStateException.class);
      sink.flush();
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
    assertThat(b.capacity()).isEqualTo(buffer + 20);
    assertThat(b.getInt(5)).isEqualTo(0x01020304);
    assertThat(b.getInt(buffer - 2)).isEqualTo(0x0A0B0C0D);
    assertThat(b.getInt(buffer + 10)).isEqualTo(0x11121314);
    b.putInt(5, 0).putInt(buffer - 2, 0).putInt(buffer + 10, 0);
    assertThat(b.array()).containsOnly(0);
  }

  @Test
  void aChainLongerThanTheInputFieldIsRefused() {
    List<Path> chain = new ArrayList<>();
    for (int i = 0; i <= ChainMerger.MAX_INPUTS; i++) {
      chain.add(dir.resolve("d" + i));
    }
    assertThatThrownBy(
            () ->
                new ChainMerger(ProgressListener.NONE, Cancellation.none())
                    .merge(chain, new ByteArrayOutputStream()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("at most " + ChainMerger.MAX_INPUTS);
  }

  private static List<Thread> scanThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("merge-scan"))
        .toList();
  }

  /** Offset of the n-th vnode record (from 0) of a dump's small index. */
  private static long smallRecordOffset(Path dump, int n) {
    try (DumpReader r = DumpReader.open(dump)) {
      r.header();
      r.volumeData();
      while (r.nextIndex().vnodeClass() != VnodeClass.SMALL) {
        while (r.nextEntry() != null) {
          // the large index
        }
      }
      int k = 0;
      IndexEntry e;
      while ((e = r.nextEntry()) != null) {
        if (e instanceof IndexEntry.Vnode && k++ == n) {
          return e.offset();
        }
      }
      throw new IllegalStateException(dump + " has fewer than " + (n + 1) + " small vnodes");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ProgressListener collect(List<String> warnings) {
    return new ProgressListener() {
      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
  }
}
