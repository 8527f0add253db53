package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.testing.SyntheticHolding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching a dump Amanda left on its holding disk, chunked as its chunker writes it. */
class HoldingFetchTest {
  @TempDir Path dir;
  SyntheticHolding holding;
  byte[] dump;

  @BeforeEach
  void setUp() {
    holding = new SyntheticHolding(dir.resolve("holding"));
    dump = TestVtapes.codaDump("u.alice.0.backup", 2, 400_000, 7);
  }

  /** No vtapes at all: a holding-disk dump needs none. */
  private static FetchResult fetch(
      FetchRequest r, ByteArrayOutputStream out, VtapeFetcherTest.Recorder progress) {
    return new VtapeFetcher(null, DumpStartCheck.NONE).fetch(r, out, progress, Cancellation.none());
  }

  @Test
  void joinsTheChunksInContFilenameOrderAndUndoesServerGzip() {
    SyntheticHolding.Dump d = holding.dump(dump);
    d.chunkData = 40 * 1024; // chunks cut the gzip stream anywhere
    FetchRequest request = d.write();
    assertThat(request.holding()).hasSizeGreaterThan(3);
    assertThat(request.onHoldingDisk()).isTrue();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VtapeFetcherTest.Recorder progress = new VtapeFetcherTest.Recorder();
    FetchResult r = fetch(request, out, progress);
    assertThat(out.toByteArray()).isEqualTo(dump);
    assertThat(r.compression()).isEqualTo(".gz");
    assertThat(r.storedBytes()).isEqualTo(d.stored.length);
    assertThat(r.storedVerified()).isTrue();
    assertThat(r.nativeVerified()).isTrue();
    assertThat(r.nativeCrc()).isEqualTo(d.nativeCrc());
    assertThat(r.warnings()).isEmpty();
    assertThat(progress.total).isEqualTo(d.stored.length);
    assertThat(progress.done.get(progress.done.size() - 1)).isEqualTo(d.stored.length);
    assertThat(progress.events)
        .containsExactly(
            "start fetch localhost:u.alice 20240311084900 level 2",
            "finish fetch localhost:u.alice 20240311084900 level 2");
  }

  @Test
  void readsAnUncompressedDumpInOneFileWithoutCont() throws IOException {
    SyntheticHolding.Dump d = holding.dump(dump);
    d.comp = "N";
    d.dleCompress = null;
    d.chunkData = 1 << 20;
    FetchRequest request = d.write();
    assertThat(request.holding()).hasSize(1);
    assertThat(AmandaFileHeader.read(d.files.get(0)).contFilename()).isNull();
    Path target = dir.resolve("out.dump");
    new VtapeFetcher(dir.resolve("no-vtapes-here"))
        .fetchToFile(request, target, ProgressListener.NONE, Cancellation.none());
    assertThat(Files.readAllBytes(target)).isEqualTo(dump);
  }

  @Test
  void aChunkCutShortSinceTheImportIsRefusedAndNothingIsWritten() throws IOException {
    SyntheticHolding.Dump d = holding.dump(dump);
    FetchRequest request = d.write();
    Path second = d.files.get(1);
    try (RandomAccessFile f = new RandomAccessFile(second.toFile(), "rw")) {
      f.setLength(f.length() - 10);
    }
    Path target = dir.resolve("out.dump");
    assertThatThrownBy(
            () ->
                new VtapeFetcher(null, DumpStartCheck.NONE)
                    .fetchToFile(request, target, ProgressListener.NONE, Cancellation.none()))
        .isInstanceOf(TruncatedPartException.class)
        .hasMessageStartingWith(second.toString())
        .hasMessageContaining("chunk 2 of localhost:u.alice 20240311084900 level 2")
        .hasMessageContaining("when the catalog was imported: the file is cut short");
    assertThat(target).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("holding");
    }
  }

  @Test
  void damagedDataFailTheCrcNamingTheHoldingFiles() throws IOException {
    SyntheticHolding.Dump d = holding.dump(dump);
    d.comp = "N";
    d.dleCompress = null;
    FetchRequest request = d.write();
    Path third = d.files.get(2);
    try (RandomAccessFile f = new RandomAccessFile(third.toFile(), "rw")) {
      f.seek(AmandaFileHeader.SIZE + 100);
      int b = f.read();
      f.seek(AmandaFileHeader.SIZE + 100);
      f.write(b ^ 0x55);
    }
    assertThatThrownBy(
            () -> fetch(request, new ByteArrayOutputStream(), new VtapeFetcherTest.Recorder()))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining(third.toString())
        .hasMessageContaining("the data on the holding disk are damaged");
  }

  @Test
  void aDumpFlushedToTapeSinceTheImportIsNoLongerThere() throws IOException {
    SyntheticHolding.Dump d = holding.dump(dump);
    FetchRequest request = d.write();
    for (Path f : d.files) {
      Files.delete(f); // what amflush does once the dump is on tape
    }
    assertThatThrownBy(
            () -> fetch(request, new ByteArrayOutputStream(), new VtapeFetcherTest.Recorder()))
        .isInstanceOf(MissingPartException.class)
        .hasMessageStartingWith(d.files.get(0).toString())
        .hasMessageContaining("flushed to tape or deleted since the catalog was imported");
  }

  @Test
  void aChunkOfAnotherDumpInTheChainIsRefused() {
    SyntheticHolding.Dump d = holding.dump(dump);
    FetchRequest request = d.write();
    SyntheticHolding.Dump other = holding.dump(dump);
    other.disk = "coda.root";
    String foreign = other.header(false, d.files.get(2).toString());
    SyntheticHolding.writeFile(d.files.get(1), foreign, new byte[d.chunkData]);
    assertThatThrownBy(
            () -> fetch(request, new ByteArrayOutputStream(), new VtapeFetcherTest.Recorder()))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageStartingWith(d.files.get(1).toString())
        .hasMessageContaining("disk coda.root");
  }

  @Test
  void aChainLongerThanAtImportIsRefused() {
    SyntheticHolding.Dump d = holding.dump(dump);
    FetchRequest request = d.write();
    FetchRequest shorter =
        new FetchRequest(
            request.host(),
            request.disk(),
            request.datestamp(),
            request.level(),
            List.of(),
            request.nativeCrc(),
            request.serverCrc(),
            request.holding().subList(0, 2));
    assertThatThrownBy(
            () -> fetch(shorter, new ByteArrayOutputStream(), new VtapeFetcherTest.Recorder()))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining("re-import the catalog");
  }

  @Test
  void aDumpOnTapeNeedsAVtapeRoot() {
    FetchRequest onTape =
        new FetchRequest(
            "localhost",
            "u.alice",
            "20240311084900",
            2,
            List.of(new PartLocation(1, "CODA-01", 1)),
            null,
            null);
    assertThatThrownBy(
            () -> fetch(onTape, new ByteArrayOutputStream(), new VtapeFetcherTest.Recorder()))
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining("is on tape, but no vtape root is known");
  }

  @Test
  void aRequestIsForTapeOrHoldingDiskNotBoth() {
    assertThatThrownBy(
            () ->
                new FetchRequest(
                    "h",
                    "d",
                    "20240311",
                    0,
                    List.of(new PartLocation(1, "CODA-01", 1)),
                    null,
                    null,
                    List.of(new HoldingLocation(1, dir.resolve("x"), 1))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
