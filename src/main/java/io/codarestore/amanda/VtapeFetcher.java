package io.codarestore.amanda;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a dump straight off the files of a {@code chg-disk:} vtape root (spec/amanda-catalog.md
 * §8): finds every part, checks its 32 KiB header against the request, joins the parts' data in
 * order, undoes gzip compression (once, over the joined stream: parts cut the gzip stream
 * anywhere), and checks sizes and CRC-32C against what Amanda recorded. Other compressions and
 * encryption are refused with a message that points to {@link AmfetchdumpFetcher}.
 *
 * <p>A request for a dump left on a holding disk ({@link FetchRequest#onHoldingDisk()}) is read the
 * same way from its chunk files ({@link HoldingFiles}): every chunk header checked, the chunks
 * joined in {@code CONT_FILENAME} order, sizes and CRCs checked; no vtape is needed for it.
 */
public final class VtapeFetcher implements DumpFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(VtapeFetcher.class);

  /** Bytes read from the part files at a time. */
  static final int READ_BUFFER = 1 << 20;

  /** Bytes of decoded output handled at a time (small enough to stay in cache for the CRCs). */
  static final int WRITE_BUFFER = 128 << 10;

  private final Path vtapeRoot;
  private final DumpStartCheck startCheck;

  /** A fetcher that checks the Coda dump header of every dump against the request. */
  public VtapeFetcher(Path vtapeRoot) {
    this(vtapeRoot, new CodaDumpCheck());
  }

  /**
   * @param vtapeRoot the changer's root directory (the path of {@code chg-disk:PATH}); null when
   *     only dumps on a holding disk are to be read
   * @param startCheck what the first bytes of every fetched dump must pass
   */
  public VtapeFetcher(Path vtapeRoot, DumpStartCheck startCheck) {
    this.vtapeRoot = vtapeRoot;
    this.startCheck = Objects.requireNonNull(startCheck);
  }

  public Path vtapeRoot() {
    return vtapeRoot;
  }

  @Override
  public FetchResult fetch(
      FetchRequest request, OutputStream out, ProgressListener progress, Cancellation cancel) {
    long started = System.nanoTime();
    List<String> warnings = new ArrayList<>();
    boolean holding = request.onHoldingDisk();
    List<ResolvedPart> parts = resolve(request);
    AmandaFileHeader first = parts.get(0).header();
    boolean gzip = checkCompression(request, parts.get(0));
    Crc expectedStored = expected(request, "SERVER-CRC", request.serverCrc(), parts, true);
    Crc expectedNative = expected(request, "NATIVE-CRC", request.nativeCrc(), parts, false);
    long total =
        holding
            ? HoldingFiles.checkSize(chunks(parts), request.id(), expectedStored, -1)
            : checkSizes(request, parts, expectedStored);
    if (!expectedStored.isKnown() && !expectedNative.isKnown()) {
      warnings.add(
          "Amanda recorded no CRC for "
              + request.describe()
              + "; only "
              + (gzip ? "the gzip checksum" : "the part sizes")
              + " could be checked");
    }

    String stage = request.stageName();
    progress.stageStarted(stage, total);
    LOG.info(
        "fetching {} from {} {} on {}, {} stored bytes, comp {}",
        request.describe(),
        parts.size(),
        holding ? "chunk(s)" : "part(s)",
        holding ? "the holding disk" : vtapeRoot,
        total,
        first.compSuffix());
    Crc stored;
    Crc written;
    try (PartStream partStream = new PartStream(parts, progress, stage, total, cancel)) {
      NativeOutput sink = new NativeOutput(out, "the output", request, startCheck);
      if (gzip) {
        try (GunzipStream gunzip =
            new GunzipStream(
                partStream, "the gzip stream of " + request.describe(), partStream, READ_BUFFER)) {
          copy(gunzip, sink, cancel);
          if (gunzip.trailingBytes() > 0) {
            warnings.add(
                gunzip.trailingBytes()
                    + " bytes after the end of the gzip data were ignored (from "
                    + partStream.at(gunzip.trailingStart())
                    + ")");
          }
        }
      } else {
        copy(partStream, sink, cancel);
      }
      sink.finish();
      stored = partStream.crc();
      written = sink.crc();
    } catch (IOException e) {
      // PartStream and GunzipStream report their own failures; this is only close()
      throw new MissingPartException("reading the parts of " + request.describe() + ": " + e, e);
    } finally {
      progress.stageFinished(stage);
    }

    boolean storedVerified = verify(request, "SERVER-CRC", "stored", expectedStored, stored, parts);
    boolean nativeVerified =
        verify(request, "NATIVE-CRC", "decompressed", expectedNative, written, parts);
    warnings.forEach(w -> LOG.warn("{}", w));
    warnings.forEach(progress::warning);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    LOG.info(
        "fetched {}: {} stored bytes, {} bytes written in {} ms",
        request.describe(),
        stored.length(),
        written.length(),
        elapsed.toMillis());
    return new FetchResult(
        stored.length(),
        stored,
        written.length(),
        written,
        first.compSuffix(),
        storedVerified,
        nativeVerified,
        warnings,
        elapsed);
  }

  private static List<HoldingFiles.Chunk> chunks(List<ResolvedPart> parts) {
    List<HoldingFiles.Chunk> out = new ArrayList<>(parts.size());
    for (ResolvedPart p : parts) {
      out.add(new HoldingFiles.Chunk(p.file(), p.header(), p.payloadBytes()));
    }
    return out;
  }

  private static void copy(InputStream in, NativeOutput sink, Cancellation cancel)
      throws IOException {
    byte[] buf = new byte[WRITE_BUFFER];
    int n;
    while ((n = in.read(buf, 0, buf.length)) >= 0) {
      sink.write(buf, 0, n);
      cancel.check();
    }
  }

  /**
   * What {@link #fetch} checks before it reads a byte of data, and nothing more (32 KiB per part):
   * every part's file is there (the tape's slot, its file number, a regular file), its header names
   * this part of this dump, and the sizes match what Amanda logged.
   *
   * @throws FetchException naming the file when one is missing, cut short or another dump's
   */
  public void checkMedia(FetchRequest request) {
    List<ResolvedPart> parts = resolve(request);
    Crc expectedStored = expected(request, "SERVER-CRC", request.serverCrc(), parts, true);
    if (request.onHoldingDisk()) {
      HoldingFiles.checkSize(chunks(parts), request.id(), expectedStored, -1);
    } else {
      checkSizes(request, parts, expectedStored);
    }
  }

  private List<ResolvedPart> resolve(FetchRequest request) {
    if (request.onHoldingDisk()) {
      return HoldingFiles.resolve(request);
    }
    if (vtapeRoot == null) {
      throw new MissingPartException(
          request.describe()
              + " is on tape, but no vtape root is known here; give the vtape directory (or read"
              + " it through amfetchdump)");
    }
    return resolve(request, new VtapeLibrary(vtapeRoot));
  }

  /** Finds every part's file and checks its header against the request. */
  static List<ResolvedPart> resolve(FetchRequest request, VtapeLibrary library) {
    List<PartLocation> locations = request.parts();
    if (locations.isEmpty()) {
      throw new MissingPartException("the catalog lists no parts for " + request.describe());
    }
    for (int i = 0; i < locations.size(); i++) {
      if (locations.get(i).partNumber() != i + 1) {
        throw new MissingPartException(
            "the catalog lists parts "
                + locations.stream().map(PartLocation::partNumber).toList()
                + " of "
                + request.describe()
                + ": part "
                + (i + 1)
                + " is missing");
      }
    }
    int count = locations.size();
    List<ResolvedPart> parts = new ArrayList<>(count);
    for (PartLocation location : locations) {
      Path file = library.fileOf(location.label(), location.fileNumber());
      long size;
      try {
        size = Files.size(file);
      } catch (IOException e) {
        throw new MissingPartException("cannot read " + file + ": " + e, e);
      }
      if (size < AmandaFileHeader.SIZE) {
        throw new TruncatedPartException(
            file
                + " ("
                + location
                + " of "
                + request.describe()
                + ") holds only "
                + size
                + " bytes, less than its "
                + AmandaFileHeader.SIZE
                + "-byte Amanda header: the file is cut short");
      }
      AmandaFileHeader header;
      try {
        header = AmandaFileHeader.read(file);
      } catch (AmandaHeaderException e) {
        throw new HeaderMismatchException(
            e.getMessage() + " (expected " + location + " of " + request.describe() + ")", e);
      }
      checkHeader(request, location, count, file, header);
      parts.add(new ResolvedPart(location, file, header, size - AmandaFileHeader.SIZE));
    }
    checkConsistent(request, parts);
    return parts;
  }

  private static void checkHeader(
      FetchRequest request, PartLocation location, int count, Path file, AmandaFileHeader h) {
    List<String> wrong = new ArrayList<>();
    boolean kindOk =
        h.kind() == AmandaFileHeader.Kind.SPLIT_FILE
            || (h.kind() == AmandaFileHeader.Kind.FILE && count == 1);
    if (!kindOk) {
      wrong.add("it is a " + h.kind() + " file, not a part of a dump");
    } else {
      wrong.addAll(request.id().differencesFrom(h));
      if (h.kind() == AmandaFileHeader.Kind.SPLIT_FILE) {
        if (h.partNumber() != location.partNumber()) {
          wrong.add("part " + h.partNumber());
        }
        if (h.totalParts() >= 0 && h.totalParts() != count) {
          wrong.add("total parts " + h.totalParts() + " (the catalog has " + count + ")");
        }
      }
      if (h.partial()) {
        wrong.add("PARTIAL=YES");
      }
    }
    if (!wrong.isEmpty()) {
      throw new HeaderMismatchException(
          file
              + ": expected "
              + location
              + " of "
              + request.describe()
              + ", but its header says "
              + String.join(", ", wrong)
              + " ("
              + h.describe()
              + ")");
    }
  }

  /** Every part repeats the dump-wide fields; a part that differs belongs to another dump. */
  private static void checkConsistent(FetchRequest request, List<ResolvedPart> parts) {
    AmandaFileHeader a = parts.get(0).header();
    for (ResolvedPart p : parts.subList(1, parts.size())) {
      AmandaFileHeader b = p.header();
      List<String> wrong = new ArrayList<>();
      if (!Objects.equals(a.compSuffix(), b.compSuffix())) {
        wrong.add("comp " + b.compSuffix() + " (part 1: " + a.compSuffix() + ")");
      }
      if (!a.nativeCrc().equals(b.nativeCrc())) {
        wrong.add("NATIVE-CRC " + b.nativeCrc() + " (part 1: " + a.nativeCrc() + ")");
      }
      if (!a.serverCrc().equals(b.serverCrc())) {
        wrong.add("SERVER-CRC " + b.serverCrc() + " (part 1: " + a.serverCrc() + ")");
      }
      if (a.isEncrypted() != b.isEncrypted()) {
        wrong.add("encryption differs from part 1");
      }
      if (!wrong.isEmpty()) {
        throw new HeaderMismatchException(
            p.file()
                + ": "
                + p.location()
                + " of "
                + request.describe()
                + " does not match part 1 ("
                + parts.get(0).file()
                + "): "
                + String.join(", ", wrong));
      }
    }
  }

  /** True for gzip, false for no compression; refuses everything else. */
  private static boolean checkCompression(FetchRequest request, ResolvedPart part) {
    AmandaFileHeader h = part.header();
    String advice = "; fetch it through Amanda's amfetchdump instead, which runs that program";
    if (h.isEncrypted()) {
      String how =
          h.serverEncrypt() != null
              ? "on the server with " + h.serverEncrypt()
              : h.clientEncrypt() != null ? "on the client with " + h.clientEncrypt() : "";
      throw new UnsupportedCompressionException(
          request.describe()
              + " is encrypted "
              + how
              + " ("
              + part.file()
              + "); this program cannot decrypt it"
              + advice);
    }
    String custom =
        h.serverCustomCompress() != null ? h.serverCustomCompress() : h.clientCustomCompress();
    if (custom != null) {
      String program = Path.of(custom).getFileName().toString().toLowerCase(Locale.ROOT);
      if (program.equals("gzip") || program.equals("pigz")) {
        return true; // gzip-compatible output
      }
      throw new UnsupportedCompressionException(
          request.describe()
              + " was compressed with the custom program "
              + custom
              + " (comp "
              + h.compSuffix()
              + ", "
              + part.file()
              + "); only gzip can be undone here"
              + advice);
    }
    String suffix = h.compSuffix() == null ? "N" : h.compSuffix();
    switch (suffix) {
      case "N":
        return false;
      case ".gz":
        return true;
      default:
        String what =
            switch (suffix) {
              case ".bz2" -> "bzip2";
              case ".Z" -> "compress (.Z)";
              case ".xz" -> "xz";
              case ".zst" -> "zstd";
              case "cust" -> "a custom program";
              default -> "an unknown compressor (suffix " + suffix + ")";
            };
        throw new UnsupportedCompressionException(
            request.describe()
                + " is compressed with "
                + what
                + " (comp "
                + suffix
                + ", "
                + part.file()
                + "); only gzip can be undone here"
                + advice);
    }
  }

  /** The checksum to compare with: the catalog's, or the header's; they must agree. */
  private static Crc expected(
      FetchRequest request, String key, Crc fromCatalog, List<ResolvedPart> parts, boolean stored) {
    AmandaFileHeader h = parts.get(0).header();
    Crc fromHeader = stored ? h.serverCrc() : h.nativeCrc();
    if (fromCatalog.isKnown() && fromHeader.isKnown() && !fromCatalog.equals(fromHeader)) {
      throw new HeaderMismatchException(
          parts.get(0).file()
              + ": its header records "
              + key
              + " "
              + fromHeader
              + " but the Amanda log records "
              + fromCatalog
              + " for "
              + request.describe()
              + (parts.get(0).holding()
                  ? ": the holding file holds another dump than the log describes"
                  : ": the tape file holds another dump than the log describes"));
    }
    return fromCatalog.isKnown() ? fromCatalog : fromHeader;
  }

  /** Checks part and total sizes before any byte is read; returns the total stored bytes. */
  private static long checkSizes(FetchRequest request, List<ResolvedPart> parts, Crc expected) {
    long total = 0;
    long fullPart = 0;
    for (int i = 0; i < parts.size() - 1; i++) {
      fullPart = Math.max(fullPart, parts.get(i).payloadBytes());
    }
    for (int i = 0; i < parts.size(); i++) {
      ResolvedPart p = parts.get(i);
      long logged = p.location().bytes();
      if (logged >= 0 && p.payloadBytes() < logged) {
        throw new TruncatedPartException(
            p.describe()
                + " holds "
                + p.payloadBytes()
                + " bytes after its header, but Amanda logged "
                + logged
                + " for this part of "
                + request.describe()
                + ": the file is cut short");
      }
      if (logged >= 0 && p.payloadBytes() > logged) {
        throw new ChecksumMismatchException(
            p.describe()
                + " holds "
                + p.payloadBytes()
                + " bytes after its header, but Amanda logged only "
                + logged
                + " for this part of "
                + request.describe());
      }
      if (logged < 0 && i < parts.size() - 1 && p.payloadBytes() < fullPart) {
        throw new TruncatedPartException(
            p.describe()
                + " holds "
                + p.payloadBytes()
                + " bytes after its header, but the other full parts of "
                + request.describe()
                + " hold "
                + fullPart
                + " (every part but the last has the part size): the file is cut short");
      }
      total += p.payloadBytes();
    }
    if (expected.isKnown() && total != expected.length()) {
      String files = parts.stream().map(ResolvedPart::describe).toList().toString();
      if (total < expected.length()) {
        throw new TruncatedPartException(
            "the parts of "
                + request.describe()
                + " hold "
                + total
                + " bytes in all, but Amanda recorded "
                + expected.length()
                + " (SERVER-CRC): "
                + (expected.length() - total)
                + " bytes are missing from "
                + files);
      }
      throw new ChecksumMismatchException(
          "the parts of "
              + request.describe()
              + " hold "
              + total
              + " bytes in all, but Amanda recorded only "
              + expected.length()
              + " (SERVER-CRC): "
              + files);
    }
    return total;
  }

  private static boolean verify(
      FetchRequest request,
      String key,
      String what,
      Crc expected,
      Crc actual,
      List<ResolvedPart> parts) {
    if (!expected.isKnown()) {
      return false;
    }
    if (!expected.equals(actual)) {
      throw new ChecksumMismatchException(
          "the "
              + what
              + " stream of "
              + request.describe()
              + " read from "
              + parts.stream().map(p -> p.file().toString()).toList()
              + " has CRC-32C:length "
              + actual
              + ", but Amanda recorded "
              + key
              + " "
              + expected
              + (parts.get(0).holding()
                  ? ": the data on the holding disk are damaged"
                  : ": the data on tape are damaged"));
    }
    return true;
  }
}
