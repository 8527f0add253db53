package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VtapeFetcherTest {
  @TempDir Path dir;
  TestVtapes vtapes;
  byte[] dump;

  @BeforeEach
  void setUp() {
    vtapes = new TestVtapes(dir.resolve("vtapes"));
    dump = TestVtapes.codaDump("u.alice.0.backup", 1, 300_000, 42);
  }

  private FetchResult fetch(FetchRequest request, ByteArrayOutputStream out) {
    return new VtapeFetcher(vtapes.root)
        .fetch(request, out, ProgressListener.NONE, Cancellation.none());
  }

  private byte[] fetchBytes(FetchRequest request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fetch(request, out);
    return out.toByteArray();
  }

  /** Records every progress call. */
  static final class Recorder implements ProgressListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Long> done = new CopyOnWriteArrayList<>();
    final List<String> warnings = new CopyOnWriteArrayList<>();
    long total = -2;

    @Override
    public void stageStarted(String stage, long totalBytes) {
      events.add("start " + stage);
      total = totalBytes;
    }

    @Override
    public void progress(String stage, long doneBytes, long totalBytes) {
      done.add(doneBytes);
    }

    @Override
    public void stageFinished(String stage) {
      events.add("finish " + stage);
    }

    @Override
    public void warning(String message) {
      warnings.add(message);
    }
  }

  @Test
  void joinsAGzipStreamSplitAcrossTwoTapesAndDecompressesItOnce() {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.partSize = 32 * 1024; // parts cut the gzip stream at arbitrary places
    d.labels = List.of("CODA-01", "CODA-01", "CODA-02");
    FetchRequest request = d.write();
    assertThat(request.parts()).hasSizeGreaterThan(3);
    assertThat(request.parts().get(2).label()).isEqualTo("CODA-02");

    Recorder progress = new Recorder();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FetchResult r =
        new VtapeFetcher(vtapes.root).fetch(request, out, progress, Cancellation.none());

    assertThat(out.toByteArray()).isEqualTo(dump);
    assertThat(r.writtenBytes()).isEqualTo(dump.length);
    assertThat(r.storedBytes()).isEqualTo(d.stored.length);
    assertThat(r.nativeCrc()).isEqualTo(TestVtapes.crc(dump));
    assertThat(r.storedCrc()).isEqualTo(TestVtapes.crc(d.stored));
    assertThat(r.compression()).isEqualTo(".gz");
    assertThat(r.storedVerified()).isTrue();
    assertThat(r.nativeVerified()).isTrue();
    assertThat(r.warnings()).isEmpty();
    assertThat(r.bytesPerSecond()).isPositive();

    assertThat(progress.events)
        .containsExactly(
            "start fetch localhost:u.alice 20240306053300 level 1",
            "finish fetch localhost:u.alice 20240306053300 level 1");
    assertThat(progress.total).isEqualTo(d.stored.length);
    assertThat(progress.done).isSorted().last().isEqualTo((long) d.stored.length);
  }

  @Test
  void fetchesUncompressedDumpsWholeOrSplit() {
    TestVtapes.Dump split = vtapes.dump(dump);
    split.comp = "N";
    split.dleCompress = null;
    split.bytesInRequest = true;
    FetchRequest request = split.write();
    assertThat(request.parts()).hasSize(10);
    FetchResult r = fetch(request, new ByteArrayOutputStream());
    assertThat(r.storedCrc()).isEqualTo(r.nativeCrc());
    assertThat(fetchBytes(request)).isEqualTo(dump);

    // an unsplit dump: AMANDA: FILE, no part field
    TestVtapes.Dump whole = vtapes.dump(dump);
    whole.comp = "N";
    whole.partSize = dump.length;
    whole.datestamp = "20240307071800";
    whole.headerEdit = (k, h) -> h.replace("SPLIT_FILE", "FILE").replace("  part 1/-1  ", " ");
    assertThat(fetchBytes(whole.write())).isEqualTo(dump);
  }

  @Test
  void usesTheHeaderCrcsWhenTheCatalogHasNone() {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.crcsInRequest = false;
    FetchResult r = fetch(d.write(), new ByteArrayOutputStream());
    assertThat(r.storedVerified()).isTrue();
    assertThat(r.nativeVerified()).isTrue();
  }

  @Test
  void warnsWhenNothingWasRecordedToCompareWith() {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.crcsInRequest = false;
    d.crcLinesInHeader = false;
    Recorder progress = new Recorder();
    FetchResult r =
        new VtapeFetcher(vtapes.root)
            .fetch(d.write(), new ByteArrayOutputStream(), progress, Cancellation.none());
    assertThat(r.storedVerified()).isFalse();
    assertThat(r.nativeVerified()).isFalse();
    assertThat(r.warnings()).singleElement().asString().contains("recorded no CRC");
    assertThat(progress.warnings).isEqualTo(r.warnings());
  }

  @Test
  void aMissingPartFileIsNamed() throws IOException {
    TestVtapes.Dump d = vtapes.dump(dump);
    FetchRequest request = d.write();
    Path second = vtapes.file(request, 2);
    Files.delete(second);
    assertThatThrownBy(() -> fetchBytes(request))
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining("tape CODA-01 has no file 2")
        .hasMessageContaining(second.getParent().resolve("00002.*").toString());
  }

  @Test
  void aMissingTapeIsNamed() {
    FetchRequest request = vtapes.dump(dump).write();
    FetchRequest elsewhere =
        new FetchRequest(
            request.host(),
            request.disk(),
            request.datestamp(),
            request.level(),
            List.of(new PartLocation(1, "CODA-09", 1)),
            request.nativeCrc(),
            request.serverCrc());
    assertThatThrownBy(() -> fetchBytes(elsewhere))
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining("holds tape CODA-09")
        .hasMessageContaining("[CODA-01]");
    assertThatThrownBy(
            () ->
                new VtapeFetcher(dir.resolve("nowhere"))
                    .fetch(
                        elsewhere,
                        OutputStream.nullOutputStream(),
                        ProgressListener.NONE,
                        Cancellation.none()))
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining("nowhere: no such vtape directory");
  }

  @Test
  void aGapInTheCatalogsPartsIsReported() {
    FetchRequest request = vtapes.dump(dump).write();
    List<PartLocation> gap = new ArrayList<>(request.parts());
    gap.remove(1);
    FetchRequest broken =
        new FetchRequest("localhost", "u.alice", "20240306053300", 1, gap, null, null);
    assertThatThrownBy(() -> fetchBytes(broken))
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining("part 2 is missing");
  }

  @Test
  void aTruncatedPartIsFoundFromTheLoggedPartSize() throws IOException {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.bytesInRequest = true;
    d.crcsInRequest = false;
    d.crcLinesInHeader = false;
    FetchRequest request = d.write();
    Path last = vtapes.file(request, request.parts().size());
    truncate(last, Files.size(last) - 100);
    assertThatThrownBy(() -> fetchBytes(request))
        .isInstanceOf(TruncatedPartException.class)
        .hasMessageContaining(last.toString())
        .hasMessageContaining("but Amanda logged")
        .hasMessageContaining("cut short");
  }

  @Test
  void aTruncatedMiddlePartIsFoundFromTheOtherParts() throws IOException {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.crcsInRequest = false;
    d.crcLinesInHeader = false;
    FetchRequest request = d.write();
    Path second = vtapes.file(request, 2);
    truncate(second, Files.size(second) - 4096);
    assertThatThrownBy(() -> fetchBytes(request))
        .isInstanceOf(TruncatedPartException.class)
        .hasMessageContaining("part 2 (CODA-01 file 2, " + second + ")")
        .hasMessageContaining("the other full parts");
  }

  @Test
  void aTruncatedLastPartIsFoundFromTheServerCrcLength() throws IOException {
    FetchRequest request = vtapes.dump(dump).write();
    Path last = vtapes.file(request, request.parts().size());
    truncate(last, Files.size(last) - 10);
    assertThatThrownBy(() -> fetchBytes(request))
        .isInstanceOf(TruncatedPartException.class)
        .hasMessageContaining("10 bytes are missing")
        .hasMessageContaining(last.toString());
  }

  @Test
  void aPartShorterThanItsHeaderIsTruncated() throws IOException {
    FetchRequest request = vtapes.dump(dump).write();
    Path first = vtapes.file(request, 1);
    truncate(first, 1000);
    assertThatThrownBy(() -> fetchBytes(request))
        .isInstanceOf(TruncatedPartException.class)
        .hasMessageContaining(first.toString())
        .hasMessageContaining("holds only 1000 bytes");
  }

  @Test
  void aGzipStreamCutShortIsReportedWhenNoSizeWasRecorded() throws IOException {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.crcsInRequest = false;
    d.crcLinesInHeader = false;
    FetchRequest request = d.write();
    Path last = vtapes.file(request, request.parts().size());
    truncate(last, Files.size(last) - 10); // the last part is shorter anyway: size checks pass
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> fetch(request, out))
        .isInstanceOf(CorruptStreamException.class)
        .hasMessageContaining(
            "gzip stream of localhost:u.alice 20240306053300 level 1 is cut short")
        .hasMessageContaining(last.toString())
        .hasMessageContaining("a part is missing or truncated");
  }

  @Test
  void damagedGzipDataAreReportedWithTheirPlace() throws IOException {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.crcsInRequest = false;
    d.crcLinesInHeader = false;
    FetchRequest request = d.write();
    Path first = vtapes.file(request, 1);
    // byte 10 of a gzip stream is the first deflate block header: 0xFF is a reserved block type
    poke(first, AmandaFileHeader.SIZE + 10, 0xFF);
    assertThatThrownBy(() -> fetchBytes(request))
        .isInstanceOf(CorruptStreamException.class)
        .hasMessageContaining("is damaged at stored byte 11")
        .hasMessageContaining("part 1 (CODA-01 file 1, " + first + ") at data offset 11")
        .hasMessageContaining("invalid block type");
  }

  @Test
  void damageThatOnlyTheGzipCrcSeesNamesTheFilesItCanBeIn() throws IOException {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.crcsInRequest = false;
    d.crcLinesInHeader = false;
    FetchRequest request = d.write();
    Path second = vtapes.file(request, 2);
    for (int i = 0; i < 64; i++) {
      poke(second, AmandaFileHeader.SIZE + 1000 + i, 0x55 ^ i);
    }
    // deflate may or may not choke on the change; either way the place is named
    assertThatThrownBy(() -> fetchBytes(request))
        .isInstanceOf(CorruptStreamException.class)
        .hasMessageContaining("is damaged")
        .hasMessageContaining(second.toString());
  }

  @Test
  void aFlippedByteFailsTheServerCrc() throws IOException {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.comp = "N";
    FetchRequest request = d.write();
    Path second = vtapes.file(request, 2);
    poke(
        second,
        AmandaFileHeader.SIZE + 5,
        Files.readAllBytes(second)[AmandaFileHeader.SIZE + 5] ^ 1);
    assertThatThrownBy(() -> fetchBytes(request))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining("SERVER-CRC " + request.serverCrc())
        .hasMessageContaining(second.toString())
        .hasMessageContaining("damaged");
  }

  @Test
  void aWrongNativeCrcInTheCatalogIsCaught() {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.crcLinesInHeader = false;
    FetchRequest good = d.write();
    FetchRequest wrong =
        new FetchRequest(
            good.host(),
            good.disk(),
            good.datestamp(),
            good.level(),
            good.parts(),
            new Crc(good.nativeCrc().crc32c() ^ 1, good.nativeCrc().length()),
            good.serverCrc());
    assertThatThrownBy(() -> fetchBytes(wrong))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining("decompressed stream")
        .hasMessageContaining("NATIVE-CRC");
  }

  @Test
  void headersThatLieAreCaught() {
    String[][] lies = {
      {"localhost u.alice", "otherhost u.alice", "host otherhost"},
      {"localhost u.alice", "localhost u.bob", "disk u.bob"},
      {"lev 1", "lev 2", "level 2"},
      {"20240306053300", "20240307071800", "datestamp 20240307071800"},
    };
    for (String[] lie : lies) {
      TestVtapes vt = new TestVtapes(dir.resolve("lie-" + lie[2].replace(' ', '-')));
      TestVtapes.Dump d = vt.dump(dump);
      d.headerEdit = (k, h) -> k == 2 ? h.replace(lie[0], lie[1]) : h;
      FetchRequest request = d.write();
      assertThatThrownBy(
              () ->
                  new VtapeFetcher(vt.root)
                      .fetch(
                          request,
                          OutputStream.nullOutputStream(),
                          ProgressListener.NONE,
                          Cancellation.none()))
          .as(lie[2])
          .isInstanceOf(HeaderMismatchException.class)
          .hasMessageContaining(vt.file(request, 2).toString())
          .hasMessageContaining("expected part 2 on CODA-01 file 2 of localhost:u.alice")
          .hasMessageContaining("its header says " + lie[2]);
    }
  }

  @Test
  void partsOutOfOrderAreCaught() {
    FetchRequest request = vtapes.dump(dump).write();
    List<PartLocation> swapped = new ArrayList<>();
    for (PartLocation p : request.parts()) {
      int other = p.partNumber() == 1 ? 2 : p.partNumber() == 2 ? 1 : p.partNumber();
      swapped.add(new PartLocation(p.partNumber(), p.label(), other));
    }
    FetchRequest wrong =
        new FetchRequest(
            "localhost", "u.alice", "20240306053300", 1, swapped, request.nativeCrc(), null);
    assertThatThrownBy(() -> fetchBytes(wrong))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining("expected part 1 on CODA-01 file 2")
        .hasMessageContaining("its header says part 2");
  }

  @Test
  void aLabelOrPartialFileInPlaceOfAPartIsCaught() {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.headerEdit = (k, h) -> k == 1 ? "AMANDA: TAPESTART DATE 20240306053300 TAPE CODA-01\n" : h;
    FetchRequest tapestart = d.write();
    assertThatThrownBy(() -> fetchBytes(tapestart))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining("it is a TAPESTART file");

    TestVtapes.Dump p = vtapes.dump(dump);
    p.datestamp = "20240304072400";
    p.headerEdit =
        (k, h) -> h.replace("APPLICATION=amcodavol\n", "APPLICATION=amcodavol\nPARTIAL=YES\n");
    FetchRequest partial = p.write();
    assertThatThrownBy(() -> fetchBytes(partial))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining("PARTIAL=YES");
  }

  @Test
  void partsOfDifferentDumpsAreNotJoined() {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.headerEdit =
        (k, h) -> k == 3 ? h.replaceAll("SERVER-CRC=[^\n]*", "SERVER-CRC=12345678:999") : h;
    d.crcsInRequest = false;
    FetchRequest request = d.write();
    assertThatThrownBy(() -> fetchBytes(request))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining("part 3 on CODA-01 file 3")
        .hasMessageContaining("does not match part 1")
        .hasMessageContaining("SERVER-CRC 12345678:999");
  }

  @Test
  void aHeaderCrcThatDisagreesWithTheLogIsCaught() {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.headerEdit = (k, h) -> h.replaceAll("NATIVE-CRC=[^\n]*", "NATIVE-CRC=0badc0de:300000");
    FetchRequest request = d.write();
    assertThatThrownBy(() -> fetchBytes(request))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining("its header records NATIVE-CRC 0badc0de:300000")
        .hasMessageContaining("the Amanda log records " + request.nativeCrc());
  }

  @Test
  void otherCompressionsAndEncryptionAreRefusedClearly() {
    String[][] cases = {
      {".bz2", "", "bzip2"},
      {".Z", "", "compress (.Z)"},
      {"cust", " server_custom_compress /usr/bin/zstd", "custom program /usr/bin/zstd"},
      {".gz", " crypt enc server_encrypt /usr/sbin/amcryptsimple", "encrypted on the server"},
    };
    for (String[] c : cases) {
      TestVtapes vt = new TestVtapes(dir.resolve("comp" + c[0].replace('.', '-') + c[1].length()));
      TestVtapes.Dump d = vt.dump(dump);
      d.headerEdit = (k, h) -> h.replace(" comp .gz ", " comp " + c[0] + " ");
      d.extraFirstLine = c[1];
      FetchRequest request = d.write();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThatThrownBy(
              () ->
                  new VtapeFetcher(vt.root)
                      .fetch(request, out, ProgressListener.NONE, Cancellation.none()))
          .as(c[2])
          .isInstanceOf(UnsupportedCompressionException.class)
          .hasMessageContaining(c[2])
          .hasMessageContaining("amfetchdump");
      assertThat(out.size()).isZero();
    }
    // pigz writes gzip: a custom program we can undo
    TestVtapes.Dump pigz = vtapes.dump(dump);
    pigz.headerEdit = (k, h) -> h.replace(" comp .gz ", " comp cust ");
    pigz.extraFirstLine = " client_custom_compress /usr/bin/pigz";
    assertThat(fetchBytes(pigz.write())).isEqualTo(dump);
  }

  @Test
  void trailingBytesAfterTheGzipDataAreAWarningAndExtraMembersAreRead() throws IOException {
    TestVtapes.Dump d = vtapes.dump(dump);
    d.crcsInRequest = false;
    d.crcLinesInHeader = false;
    FetchRequest request = d.write();
    Path last = vtapes.file(request, request.parts().size());
    Files.write(last, new byte[100], java.nio.file.StandardOpenOption.APPEND);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FetchResult r = fetch(request, out);
    assertThat(out.toByteArray()).isEqualTo(dump);
    assertThat(r.warnings())
        .anySatisfy(w -> assertThat(w).contains("100 bytes after the end of the gzip data"));

    // two gzip members (as "cat a.gz b.gz") decode to the concatenation, like gzip -dc
    byte[] second = TestVtapes.codaDump("x", 1, 5000, 7);
    TestVtapes.Dump two = vtapes.dump(dump);
    two.datestamp = "20240307071800";
    two.crcLinesInHeader = false;
    two.crcsInRequest = false;
    FetchRequest twoRequest = two.write();
    Path twoLast = vtapes.file(twoRequest, twoRequest.parts().size());
    Files.write(twoLast, TestVtapes.gzip(second), java.nio.file.StandardOpenOption.APPEND);
    byte[] joined = fetchBytes(twoRequest);
    assertThat(joined).hasSize(dump.length + second.length);
    assertThat(java.util.Arrays.copyOfRange(joined, dump.length, joined.length)).isEqualTo(second);
  }

  @Test
  void cancellingStopsTheFetchAndFetchToFileLeavesNothing() {
    TestVtapes.Dump d = vtapes.dump(TestVtapes.codaDump("u.alice.0.backup", 1, 3_000_000, 3));
    d.partSize = 256 * 1024;
    FetchRequest request = d.write();
    Cancellation cancel = new Cancellation();
    ProgressListener cancelling =
        new ProgressListener() {
          @Override
          public void progress(String stage, long doneBytes, long totalBytes) {
            cancel.cancel();
          }
        };
    Path out = dir.resolve("out").resolve("u.alice.1.dump");
    assertThatThrownBy(
            () -> {
              Files.createDirectories(out.getParent());
              new VtapeFetcher(vtapes.root).fetchToFile(request, out, cancelling, cancel);
            })
        .isInstanceOf(Cancellation.CancelledException.class);
    assertThat(listing(out.getParent())).isEmpty();
  }

  @Test
  void fetchToFileRenamesOnlyOnSuccessAndNeverOverwrites() throws IOException {
    FetchRequest request = vtapes.dump(dump).write();
    Path outDir = Files.createDirectories(dir.resolve("out"));
    Path out = outDir.resolve("u.alice.1.dump");
    VtapeFetcher fetcher = new VtapeFetcher(vtapes.root);
    FetchResult r = fetcher.fetchToFile(request, out, ProgressListener.NONE, Cancellation.none());
    assertThat(Files.readAllBytes(out)).isEqualTo(dump);
    assertThat(r.nativeVerified()).isTrue();
    assertThat(listing(outDir)).containsExactly("u.alice.1.dump");

    Files.write(out, new byte[] {1, 2, 3});
    assertThatThrownBy(
            () -> fetcher.fetchToFile(request, out, ProgressListener.NONE, Cancellation.none()))
        .isInstanceOf(FetchOutputException.class)
        .hasMessageContaining(out + " already exists");
    assertThat(Files.readAllBytes(out)).containsExactly(1, 2, 3);

    // a failing fetch leaves neither the target nor a temporary file
    Files.delete(vtapes.file(request, 2));
    Path failed = outDir.resolve("again.dump");
    assertThatThrownBy(
            () -> fetcher.fetchToFile(request, failed, ProgressListener.NONE, Cancellation.none()))
        .isInstanceOf(MissingPartException.class);
    assertThat(listing(outDir)).containsExactly("u.alice.1.dump");

    assertThatThrownBy(
            () ->
                fetcher.fetchToFile(
                    request,
                    dir.resolve("no/such/dir/x"),
                    ProgressListener.NONE,
                    Cancellation.none()))
        .isInstanceOf(FetchOutputException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void writeErrorsOfTheOutputAreReported() {
    FetchRequest request = vtapes.dump(dump).write();
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("No space left on device");
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("No space left on device");
          }
        };
    assertThatThrownBy(
            () ->
                new VtapeFetcher(vtapes.root)
                    .fetch(request, broken, ProgressListener.NONE, Cancellation.none()))
        .isInstanceOf(FetchOutputException.class)
        .hasMessageContaining("No space left on device");
  }

  @Test
  void theStartCheckSeesTheFirstBytesBeforeAnythingIsWritten() {
    FetchRequest request = vtapes.dump(dump).write();
    List<Integer> seen = new ArrayList<>();
    DumpStartCheck accept =
        (r, start, length) -> {
          assertThat(r).isSameAs(request);
          assertThat(java.util.Arrays.copyOf(start, length))
              .isEqualTo(java.util.Arrays.copyOf(dump, DumpStartCheck.PROBE_BYTES));
          seen.add(length);
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new VtapeFetcher(vtapes.root, accept)
        .fetch(request, out, ProgressListener.NONE, Cancellation.none());
    assertThat(seen).containsExactly(DumpStartCheck.PROBE_BYTES);
    assertThat(out.toByteArray()).isEqualTo(dump);

    DumpStartCheck refuse =
        (r, start, length) -> {
          throw new DumpMismatchException("not the volume asked for");
        };
    ByteArrayOutputStream none = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                new VtapeFetcher(vtapes.root, refuse)
                    .fetch(request, none, ProgressListener.NONE, Cancellation.none()))
        .isInstanceOf(DumpMismatchException.class);
    assertThat(none.size()).isZero();

    // a dump shorter than the probe is still checked, with what there is
    byte[] tiny = java.util.Arrays.copyOf(dump, 100);
    TestVtapes.Dump small = vtapes.dump(tiny);
    small.datestamp = "20240307071800";
    FetchRequest smallRequest = small.write();
    List<Integer> smallSeen = new ArrayList<>();
    new VtapeFetcher(vtapes.root, (r, s, l) -> smallSeen.add(l))
        .fetch(
            smallRequest, new ByteArrayOutputStream(), ProgressListener.NONE, Cancellation.none());
    assertThat(smallSeen).containsExactly(100);
  }

  @Test
  void theCodaDumpHeaderMustMatchTheCatalogEntry() {
    TestVtapes.Dump other = vtapes.dump(TestVtapes.codaDump("u.bob.0.backup", 1, 100_000, 9));
    FetchRequest request = other.write(); // Amanda says u.alice, the dump inside is u.bob's
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> fetch(request, out))
        .isInstanceOf(DumpMismatchException.class)
        .hasMessageContaining("is a Coda dump of volume u.bob.0.backup")
        .hasMessageContaining("not a clone of u.alice");
    assertThat(out.size()).isZero();

    TestVtapes.Dump level = vtapes.dump(TestVtapes.codaDump("u.alice.0.backup", 0, 100_000, 9));
    level.datestamp = "20240307071800";
    FetchRequest levelRequest = level.write(); // Amanda says level 1, the dump says 0
    assertThatThrownBy(() -> fetch(levelRequest, out))
        .isInstanceOf(DumpMismatchException.class)
        .hasMessageContaining("is a level 0 Coda dump of u.alice.0.backup, not level 1");
    assertThat(out.size()).isZero();
  }

  private static void poke(Path file, long offset, int value) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      f.write(value);
    }
  }

  private static void truncate(Path file, long size) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
  }

  private static List<String> listing(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
