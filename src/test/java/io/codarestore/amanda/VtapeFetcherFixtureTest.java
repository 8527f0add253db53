package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetches off the vtapes of a real Amanda run (skipped where the fixture cannot be built). */
class VtapeFetcherFixtureTest {
  @TempDir Path tmp;

  static String sha256(FetchRequest request, DumpFetcher fetcher) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      fetcher.fetch(
          request,
          new DigestOutputStream(OutputStream.nullOutputStream(), digest),
          ProgressListener.NONE,
          Cancellation.none());
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void fetchesEveryDumpStillOnTapeByteForByte() {
    FetchFixture fixture = FetchFixture.get();
    VtapeFetcher fetcher = new VtapeFetcher(fixture.vtapes());
    List<JsonNode> dumps = fixture.dumpsOnTape();
    assertThat(dumps).hasSizeGreaterThan(10);
    int split = 0;
    int twoTapes = 0;
    List<String> kinds = new ArrayList<>();
    for (JsonNode d : dumps) {
      FetchRequest request = fixture.request(d);
      List<String> expected = fixture.expectedSha256(request);
      assertThat(expected).as("ground truth for %s", request.describe()).isNotEmpty();

      MessageDigest digest = sha();
      FetchResult r =
          fetcher.fetch(
              request,
              new DigestOutputStream(OutputStream.nullOutputStream(), digest),
              ProgressListener.NONE,
              Cancellation.none());

      assertThat(HexFormat.of().formatHex(digest.digest()))
          .as("SHA-256 of %s", request.describe())
          .isIn(expected);
      assertThat(r.storedVerified()).isTrue();
      assertThat(r.nativeVerified()).isTrue();
      assertThat(r.writtenBytes()).isEqualTo(request.nativeCrc().length());
      assertThat(r.storedBytes()).isEqualTo(request.serverCrc().length());
      assertThat(r.warnings()).isEmpty();
      split += request.parts().size() > 1 ? 1 : 0;
      twoTapes += request.parts().stream().map(PartLocation::label).distinct().count() > 1 ? 1 : 0;
      kinds.add(request.disk() + " " + r.compression());
    }
    // the fixture's three volumes: client gzip, server gzip, uncompressed
    assertThat(kinds).contains("coda.root .gz", "u.alice .gz", "proj.src N");
    assertThat(split).isGreaterThan(3);
    assertThat(twoTapes).as("dumps spanning two tapes").isPositive();
    System.out.printf(
        "fetched %d dumps, %d split, %d across two tapes%n", dumps.size(), split, twoTapes);
  }

  @Test
  void skipsPartialPartsTheLogMarkedDead() {
    FetchFixture fixture = FetchFixture.get();
    List<JsonNode> withDeadParts =
        fixture.dumpsOnTape().stream()
            .filter(d -> d.get("parts").findValuesAsText("type").contains("PARTPARTIAL"))
            .toList();
    // the day-1 tape is sized so that a part hits its end and is written again on the next tape
    assertThat(withDeadParts).isNotEmpty();
    VtapeLibrary library = new VtapeLibrary(fixture.vtapes());
    for (JsonNode d : withDeadParts) {
      FetchRequest request = fixture.request(d);
      for (JsonNode p : d.get("parts")) {
        if (p.get("type").asText().equals("PARTPARTIAL")) {
          // the dead part is on tape with a header like a good part's: only the log tells
          AmandaFileHeader dead =
              AmandaFileHeader.read(
                  library.fileOf(p.get("label").asText(), p.get("fileno").asInt()));
          assertThat(dead.partNumber() + "/-1").isEqualTo(p.get("part").asText());
          assertThat(dead.disk()).isEqualTo(request.disk());
        }
      }
      assertThat(sha256(request, new VtapeFetcher(fixture.vtapes())))
          .isIn(fixture.expectedSha256(request));
    }
  }

  /** A copy of the fixture's vtapes and the request of the largest split dump of a volume. */
  private record Damaged(Path vtapes, FetchRequest request, VtapeFetcher fetcher) {
    Path file(int part) {
      PartLocation p = request.parts().get(part - 1);
      return new VtapeLibrary(vtapes).fileOf(p.label(), p.fileNumber());
    }

    void fetch() {
      fetcher.fetch(
          request, OutputStream.nullOutputStream(), ProgressListener.NONE, Cancellation.none());
    }
  }

  private Damaged copy(Predicate<FetchRequest> which) throws IOException {
    FetchFixture fixture = FetchFixture.get();
    FetchRequest request =
        fixture.dumpsOnTape().stream()
            .map(fixture::request)
            .filter(which)
            .max((a, b) -> Integer.compare(a.parts().size(), b.parts().size()))
            .orElseThrow();
    Path vtapes = fixture.copyVtapes(tmp.resolve("vtapes"));
    return new Damaged(vtapes, request, new VtapeFetcher(vtapes));
  }

  private static Predicate<FetchRequest> splitGzip(String disk) {
    return r -> r.disk().equals(disk) && r.parts().size() > 1;
  }

  @Test
  void aMissingPartFile() throws IOException {
    Damaged d = copy(splitGzip("coda.root"));
    Files.delete(d.file(2));
    assertThatThrownBy(d::fetch)
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining("has no file " + d.request.parts().get(1).fileNumber());
  }

  @Test
  void aTruncatedPart() throws IOException {
    Damaged d = copy(splitGzip("u.alice"));
    Path first = d.file(1);
    try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
      f.setLength(f.length() - 32768);
    }
    assertThatThrownBy(d::fetch)
        .isInstanceOf(TruncatedPartException.class)
        .hasMessageContaining(first.toString());
  }

  @Test
  void aHeaderThatLies() throws IOException {
    Damaged d = copy(splitGzip("coda.root"));
    Path second = d.file(2);
    rewriteHeader(second, h -> h.replace(" lev " + d.request.level() + " ", " lev 7 "));
    assertThatThrownBy(d::fetch)
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining(second.toString())
        .hasMessageContaining("its header says level 7");
  }

  @Test
  void aGzipStreamCutShortWhereNoSizeWasRecorded() throws IOException {
    Damaged d = copy(splitGzip("u.alice"));
    // headers of an Amanda that wrote no CRCs, and a catalog that has none either
    for (int k = 1; k <= d.request.parts().size(); k++) {
      rewriteHeader(d.file(k), h -> h.replaceAll("(?m)^(NATIVE|CLIENT|SERVER)-CRC=.*\n", ""));
    }
    Path last = d.file(d.request.parts().size());
    try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
      f.setLength(f.length() - 1000);
    }
    FetchRequest noCrcs =
        new FetchRequest(
            d.request.host(),
            d.request.disk(),
            d.request.datestamp(),
            d.request.level(),
            d.request.parts(),
            null,
            null);
    assertThatThrownBy(
            () ->
                d.fetcher.fetch(
                    noCrcs,
                    OutputStream.nullOutputStream(),
                    ProgressListener.NONE,
                    Cancellation.none()))
        .isInstanceOf(CorruptStreamException.class)
        .hasMessageContaining("is cut short")
        .hasMessageContaining(last.toString());
  }

  @Test
  void aCrcMismatch() throws IOException {
    Damaged d = copy(r -> r.disk().equals("proj.src"));
    Path first = d.file(1);
    try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
      f.seek(AmandaFileHeader.SIZE + 12345);
      int b = f.read();
      f.seek(AmandaFileHeader.SIZE + 12345);
      f.write(b ^ 0x10);
    }
    assertThatThrownBy(d::fetch)
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining("SERVER-CRC " + d.request.serverCrc())
        .hasMessageContaining(first.toString());
  }

  static void rewriteHeader(Path file, java.util.function.UnaryOperator<String> edit)
      throws IOException {
    byte[] block = new byte[AmandaFileHeader.SIZE];
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.readFully(block);
      int end = 0;
      while (end < block.length && block[end] != 0) {
        end++;
      }
      byte[] text =
          edit.apply(new String(block, 0, end, StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[AmandaFileHeader.SIZE];
      System.arraycopy(text, 0, out, 0, text.length);
      f.seek(0);
      f.write(out);
    }
  }

  static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
