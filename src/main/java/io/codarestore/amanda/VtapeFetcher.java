package io.codarestore.amanda;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    boolean gzip = PartChecks.checkCompression(request, parts.get(0));
    Crc expectedStored =
        PartChecks.expected(request, "SERVER-CRC", request.serverCrc(), parts, true);
    Crc expectedNative =
        PartChecks.expected(request, "NATIVE-CRC", request.nativeCrc(), parts, false);
    long total =
        holding
            ? HoldingFiles.checkSize(chunks(parts), request.id(), expectedStored, -1)
            : PartChecks.checkSizes(request, parts, expectedStored);
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
    Copied copied = copy(request, parts, gzip, out, progress, stage, total, cancel, warnings);
    Crc stored = copied.stored();
    Crc written = copied.written();

    boolean storedVerified =
        PartChecks.verify(request, "SERVER-CRC", "stored", expectedStored, stored, parts);
    boolean nativeVerified =
        PartChecks.verify(request, "NATIVE-CRC", "decompressed", expectedNative, written, parts);
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

  /** The checksums of the stored stream read and of the native stream written. */
  private record Copied(Crc stored, Crc written) {}

  /** Streams the parts through (gunzipping when asked) into {@code out}, checking the start. */
  private Copied copy(
      FetchRequest request,
      List<ResolvedPart> parts,
      boolean gzip,
      OutputStream out,
      ProgressListener progress,
      String stage,
      long total,
      Cancellation cancel,
      List<String> warnings) {
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
      return new Copied(partStream.crc(), sink.crc());
    } catch (IOException e) {
      // PartStream and GunzipStream report their own failures; this is only close()
      throw new MissingPartException("reading the parts of " + request.describe() + ": " + e, e);
    } finally {
      progress.stageFinished(stage);
    }
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
    Crc expectedStored =
        PartChecks.expected(request, "SERVER-CRC", request.serverCrc(), parts, true);
    if (request.onHoldingDisk()) {
      HoldingFiles.checkSize(chunks(parts), request.id(), expectedStored, -1);
    } else {
      PartChecks.checkSizes(request, parts, expectedStored);
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
    return PartChecks.resolve(request, new VtapeLibrary(vtapeRoot));
  }
}
