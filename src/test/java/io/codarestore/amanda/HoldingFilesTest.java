package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.testing.SyntheticHolding;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding and checking a dump's chunks on a holding disk, on the headers of real holding files
 * written by Amanda 3.5.1 (amdump --no-taper with {@code chunksize 1 mbytes}: u.alice level 2 of
 * 20240311084900 in three chunks, server gzip) laid out in a temporary directory: their {@code
 * CONT_FILENAME}s still name the directory they were written in, so the chain is also found after
 * the holding disk moved.
 */
class HoldingFilesTest {
  static final DumpId ALICE = new DumpId("localhost", "u.alice", "20240311084900", 2);

  /** Data bytes of the three real chunks: 1 MiB chunk files minus their headers, then the rest. */
  static final long[] REAL_CHUNK_DATA = {1015808, 1015808, 591730};

  /** The real SUCCESS chunker CRC of the dump: 2 623 346 bytes stored. */
  static final Crc REAL_STORED = Crc.parse("ffbc2a32:2623346");

  @TempDir Path dir;
  Path hold;
  Path run;

  @BeforeEach
  void realChunks() {
    hold = dir.resolve("holding");
    run = hold.resolve("20240311084900");
    String[] names = {"localhost.u.alice.2", "localhost.u.alice.2.1", "localhost.u.alice.2.2"};
    for (int i = 0; i < names.length; i++) {
      SyntheticHolding.writeFile(
          run.resolve(names[i]),
          SyntheticHolding.realHeader(names[i]),
          new byte[(int) REAL_CHUNK_DATA[i]]);
    }
  }

  @Test
  void realHoldingHeadersParse() {
    AmandaFileHeader first =
        AmandaFileHeader.parse(
            TestHeaders.block(SyntheticHolding.realHeader("localhost.u.alice.2")), "first");
    assertThat(first.kind()).isEqualTo(AmandaFileHeader.Kind.FILE);
    assertThat(first.host()).isEqualTo("localhost");
    assertThat(first.disk()).isEqualTo("u.alice");
    assertThat(first.datestamp()).isEqualTo("20240311084900");
    assertThat(first.level()).isEqualTo(2);
    assertThat(first.compSuffix()).isEqualTo(".gz");
    assertThat(first.compressionSite()).isEqualTo(AmandaFileHeader.CompressionSite.SERVER);
    assertThat(first.contFilename())
        .isEqualTo("/tmp/cra-hold-dev2/holding/20240311084900/localhost.u.alice.2.1");
    assertThat(first.serverCrc()).isEqualTo(REAL_STORED);
    assertThat(first.nativeCrc()).isEqualTo(Crc.parse("f5e402f4:2635709"));
    assertThat(first.partial()).isFalse();

    AmandaFileHeader middle =
        AmandaFileHeader.parse(
            TestHeaders.block(SyntheticHolding.realHeader("localhost.u.alice.2.1")), "middle");
    assertThat(middle.kind()).isEqualTo(AmandaFileHeader.Kind.CONT_FILE);
    assertThat(middle.isDump()).isTrue();
    assertThat(middle.level()).isEqualTo(2);
    assertThat(middle.contFilename()).endsWith("/localhost.u.alice.2.2");
    // Continuation chunks carry no CRCs: only the first chunk's count.
    assertThat(middle.serverCrc().isKnown()).isFalse();

    AmandaFileHeader last =
        AmandaFileHeader.parse(
            TestHeaders.block(SyntheticHolding.realHeader("localhost.u.alice.2.2")), "last");
    assertThat(last.kind()).isEqualTo(AmandaFileHeader.Kind.CONT_FILE);
    assertThat(last.contFilename()).isNull();

    AmandaFileHeader unchunked =
        AmandaFileHeader.parse(
            TestHeaders.block(SyntheticHolding.realHeader("localhost.proj.src.2")), "proj");
    assertThat(unchunked.kind()).isEqualTo(AmandaFileHeader.Kind.FILE);
    assertThat(unchunked.compSuffix()).isEqualTo("N");
    assertThat(unchunked.contFilename()).isNull();
    assertThat(unchunked.serverCrc()).isEqualTo(Crc.parse("d7a1a88f:90651"));
  }

  @Test
  void findsTheFirstChunkAndFollowsTheChainOnAMovedHoldingDisk() {
    Path first = HoldingFiles.find(List.of(dir.resolve("other"), hold), ALICE).orElseThrow();
    assertThat(first).isEqualTo(run.resolve("localhost.u.alice.2"));
    List<HoldingFiles.Chunk> chunks = HoldingFiles.chain(first, ALICE, List.of(hold));
    assertThat(chunks)
        .extracting(c -> c.file().getFileName().toString())
        .containsExactly("localhost.u.alice.2", "localhost.u.alice.2.1", "localhost.u.alice.2.2");
    assertThat(chunks)
        .extracting(HoldingFiles.Chunk::dataBytes)
        .containsExactly(REAL_CHUNK_DATA[0], REAL_CHUNK_DATA[1], REAL_CHUNK_DATA[2]);
    assertThat(HoldingFiles.checkSize(chunks, ALICE, REAL_STORED, 2561)).isEqualTo(2623346);
    // Without a CRC the chunker's kb (rounded down) is the measure.
    assertThat(HoldingFiles.checkSize(chunks, ALICE, Crc.UNKNOWN, 2561)).isEqualTo(2623346);
  }

  @Test
  void anotherDumpOrAnotherLevelIsNotFound() {
    assertThat(
            HoldingFiles.find(
                List.of(hold), new DumpId("localhost", "u.alice", "20240311084900", 1)))
        .isEmpty();
    assertThat(HoldingFiles.find(List.of(hold), new DumpId("localhost", "u.bob", "20240311", 2)))
        .isEmpty();
    assertThat(HoldingFiles.find(List.of(dir.resolve("no-such-disk")), ALICE)).isEmpty();
  }

  @Test
  void truncatedChunkIsReportedWithTheFilesAndTheMissingBytes() throws IOException {
    Path last = run.resolve("localhost.u.alice.2.2");
    try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
      f.setLength(f.length() - 1000);
    }
    List<HoldingFiles.Chunk> chunks =
        HoldingFiles.chain(run.resolve("localhost.u.alice.2"), ALICE, List.of(hold));
    assertThatThrownBy(() -> HoldingFiles.checkSize(chunks, ALICE, REAL_STORED, 2561))
        .isInstanceOf(TruncatedPartException.class)
        .hasMessageContaining("localhost:u.alice 20240311084900 level 2")
        .hasMessageContaining("1000 bytes are missing")
        .hasMessageContaining(last + " (590730 bytes)");
    // ... and by the chunker's kb when the log has no CRC
    assertThatThrownBy(() -> HoldingFiles.checkSize(chunks, ALICE, Crc.UNKNOWN, 2561))
        .isInstanceOf(TruncatedPartException.class)
        .hasMessageContaining("2561 KiB");
  }

  @Test
  void aChunkCutShorterThanItsHeaderIsReported() throws IOException {
    Path middle = run.resolve("localhost.u.alice.2.1");
    try (RandomAccessFile f = new RandomAccessFile(middle.toFile(), "rw")) {
      f.setLength(1000);
    }
    assertThatThrownBy(
            () -> HoldingFiles.chain(run.resolve("localhost.u.alice.2"), ALICE, List.of(hold)))
        .isInstanceOf(TruncatedPartException.class)
        .hasMessageStartingWith(middle.toString())
        .hasMessageContaining("chunk 2 of localhost:u.alice 20240311084900 level 2")
        .hasMessageContaining("holds only 1000 bytes");
  }

  @Test
  void aMissingContinuationChunkIsReportedWithTheHeaderThatNamesIt() throws IOException {
    Files.delete(run.resolve("localhost.u.alice.2.1"));
    assertThatThrownBy(
            () -> HoldingFiles.chain(run.resolve("localhost.u.alice.2"), ALICE, List.of(hold)))
        .isInstanceOf(MissingPartException.class)
        .hasMessageStartingWith(run.resolve("localhost.u.alice.2").toString())
        .hasMessageContaining(
            "names the next chunk /tmp/cra-hold-dev2/holding/20240311084900/localhost.u.alice.2.1")
        .hasMessageContaining("chunk 2 of localhost:u.alice 20240311084900 level 2")
        .hasMessageContaining("a chunk of the dump is missing");
  }

  @Test
  void aHeaderNamingAnotherDumpIsRefused() {
    // Where u.alice's first chunk should be, proj.src's file (a real header of the same run).
    SyntheticHolding.writeFile(
        run.resolve("localhost.u.alice.2"),
        SyntheticHolding.realHeader("localhost.proj.src.2"),
        new byte[90651]);
    Path first = HoldingFiles.find(List.of(hold), ALICE).orElseThrow();
    assertThatThrownBy(() -> HoldingFiles.chain(first, ALICE, List.of(hold)))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageStartingWith(first.toString())
        .hasMessageContaining("expected chunk 1 of localhost:u.alice 20240311084900 level 2")
        .hasMessageContaining("disk proj.src");
  }

  @Test
  void aContinuationChunkIsNotTheStartOfADump() {
    SyntheticHolding.writeFile(
        run.resolve("localhost.u.alice.2"),
        SyntheticHolding.realHeader("localhost.u.alice.2.2"),
        new byte[10]);
    assertThatThrownBy(
            () -> HoldingFiles.chain(run.resolve("localhost.u.alice.2"), ALICE, List.of(hold)))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining("type CONT_FILE (a later chunk, not the start of a dump)");
  }

  @Test
  void aChunkOfAnotherLevelInTheChainIsRefused() {
    String other =
        SyntheticHolding.realHeader("localhost.u.alice.2.1").replace(" lev 2 ", " lev 1 ");
    SyntheticHolding.writeFile(
        run.resolve("localhost.u.alice.2.1"), other, new byte[(int) REAL_CHUNK_DATA[1]]);
    assertThatThrownBy(
            () -> HoldingFiles.chain(run.resolve("localhost.u.alice.2"), ALICE, List.of(hold)))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageStartingWith(run.resolve("localhost.u.alice.2.1").toString())
        .hasMessageContaining("expected chunk 2")
        .hasMessageContaining("level 1");
  }

  @Test
  void aPartialHoldingFileIsRefused() {
    // amcleanup renames a crashed run's .tmp file and marks its header PARTIAL=YES.
    String partial =
        SyntheticHolding.realHeader("localhost.proj.src.2")
            .replace("APPLICATION=amcodavol\n", "APPLICATION=amcodavol\nPARTIAL=YES\n");
    DumpId proj = new DumpId("localhost", "proj.src", "20240311084900", 2);
    Path file = run.resolve("localhost.proj.src.2");
    SyntheticHolding.writeFile(file, partial, new byte[100]);
    assertThatThrownBy(() -> HoldingFiles.chain(file, proj, List.of(hold)))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining("PARTIAL=YES");
  }

  @Test
  void aFileAmandaIsStillWritingIsNotADump() throws IOException {
    DumpId proj = new DumpId("localhost", "proj.src", "20240311084900", 2);
    SyntheticHolding.writeFile(
        run.resolve("localhost.proj.src.2.tmp"),
        SyntheticHolding.realHeader("localhost.proj.src.2"),
        new byte[100]);
    assertThatThrownBy(() -> HoldingFiles.find(List.of(hold), proj))
        .isInstanceOf(TruncatedPartException.class)
        .hasMessageStartingWith(run.resolve("localhost.proj.src.2.tmp").toString())
        .hasMessageContaining("still writing it");
  }

  @Test
  void aLoopOfContinuationsIsRefused() {
    String loop =
        SyntheticHolding.realHeader("localhost.u.alice.2.1")
            .replace("localhost.u.alice.2.2\n", "localhost.u.alice.2\n");
    SyntheticHolding.writeFile(run.resolve("localhost.u.alice.2.1"), loop, new byte[10]);
    assertThatThrownBy(
            () -> HoldingFiles.chain(run.resolve("localhost.u.alice.2"), ALICE, List.of(hold)))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining("loop");
  }

  @Test
  void eightDigitDatestampsLiveUnderTheRunsStartTime() {
    // driver.c names the run directory after the run's 14-digit start when datestamps have 8.
    DumpId old = new DumpId("localhost", "u.alice", "20240311", 2);
    String header =
        SyntheticHolding.realHeader("localhost.proj.src.2")
            .replace("FILE 20240311084900 localhost proj.src ", "FILE 20240311 localhost u.alice ");
    SyntheticHolding.writeFile(
        hold.resolve("20240311021500").resolve("localhost.u.alice.2"), header, new byte[10]);
    // The same name under another run directory belongs to another dump and is passed over.
    Path found = HoldingFiles.find(List.of(hold), old).orElseThrow();
    assertThat(found).isEqualTo(hold.resolve("20240311021500").resolve("localhost.u.alice.2"));
  }

  @Test
  void diskNamesAreSanitisedAsAmandaDoes() {
    assertThat(HoldingFiles.baseName(new DumpId("h", "/vicepa/my_vol", "20240311", 0)))
        .isEqualTo("h._vicepa_my__vol.0");
  }
}
