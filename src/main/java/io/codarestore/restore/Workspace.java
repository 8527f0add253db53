package io.codarestore.restore;

import io.codarestore.catalog.CatalogDump;
import io.codarestore.core.Cancellation;
import io.codarestore.core.Datestamp;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.ChainMerger;
import io.codarestore.dump.DumpListing;
import io.codarestore.dump.DumpReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The restore workspace: fetched and verified dumps cached with their CRC-32C (so a re-run, or a
 * run after kill -9, reuses what is already verified), and one folder per run for its log and
 * runbook. A cache entry is the dump file plus a {@code .crc32c} sidecar (CRC-32C and length:
 * hardware-fast, and enough to catch a cache file that was cut short or changed) written only after
 * the dump was verified; a dump without a sidecar is never trusted.
 */
public final class Workspace {
  private final Path root;
  private final java.util.concurrent.atomic.AtomicLong dumpsRead =
      new java.util.concurrent.atomic.AtomicLong();

  public Workspace(Path root) {
    this.root = root.toAbsolutePath();
  }

  public Path root() {
    return root;
  }

  /** How many times a cached dump was read whole to check its CRC-32C (each costs a full read). */
  public long dumpsRead() {
    return dumpsRead.get();
  }

  /** The cache file of one Amanda dump (it may not exist yet). */
  public Path cachedDump(String host, String disk, Datestamp datestamp, int level) {
    return root.resolve("cache")
        .resolve(safe(host))
        .resolve(safe(disk))
        .resolve(safe(datestamp.digits()) + "_" + level + ".dump");
  }

  /**
   * A verified cache entry: the file exists and its content matches the recorded CRC-32C and
   * length.
   */
  public Optional<Path> verifiedDump(String host, String disk, Datestamp datestamp, int level)
      throws IOException {
    Path dump = cachedDump(host, disk, datestamp, level);
    Path sum = sidecar(dump);
    if (!Files.isRegularFile(dump) || !Files.isRegularFile(sum)) {
      return Optional.empty();
    }
    String recorded = Files.readString(sum, StandardCharsets.US_ASCII).strip();
    dumpsRead.incrementAndGet();
    return recorded.equals(crc32c(dump)) ? Optional.of(dump) : Optional.empty();
  }

  /**
   * The volume's tree as this chain (base first) restores it, when every one of its dumps is
   * verified in the cache: the cached dumps merged through a pipe into a listing, nothing fetched
   * and nothing written. Empty when a dump is not in the cache.
   */
  public Optional<DumpListing> cachedChainListing(List<CatalogDump> chain, Cancellation cancel)
      throws IOException {
    List<Path> files = new ArrayList<>();
    for (CatalogDump d : chain) {
      Optional<Path> p = verifiedDump(d.host(), d.volume(), d.datestamp(), d.level());
      if (p.isEmpty()) {
        return Optional.empty();
      }
      files.add(p.get());
    }
    return chainListing(files, chain.isEmpty() ? "" : chain.get(0).volume(), cancel);
  }

  /**
   * The tree that verified cache files of a chain (base first) restore: merged through a pipe into
   * a listing, nothing written. Empty for no files.
   */
  static Optional<DumpListing> chainListing(List<Path> files, String volume, Cancellation cancel) {
    if (files.isEmpty()) {
      return Optional.empty();
    }
    if (files.size() == 1) {
      return Optional.of(DumpListing.read(files.get(0), cancel));
    }
    String name = "the merged chain of " + volume;
    return Optional.of(
        StreamingMerge.run(
            new ChainMerger(ProgressListener.NONE, cancel),
            files,
            UnaryOperator.identity(),
            in -> DumpListing.read(new DumpReader(in, name), cancel)));
  }

  /** Records a dump as verified (writes the sidecar atomically), computing its checksum. */
  public void markVerified(Path dump) throws IOException {
    markVerified(dump, crc32c(dump));
  }

  /**
   * Records a dump as verified with a checksum computed while it was written ({@code
   * crc32c-hex:length}, as the fetch computes it), so the file is not read again.
   */
  public void markVerified(Path dump, String checksum) throws IOException {
    Path sum = sidecar(dump);
    Path tmp = sum.resolveSibling(sum.getFileName() + ".part");
    Files.writeString(tmp, checksum + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, sum, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Forgets a cache entry (e.g. after it failed verification). */
  public void forget(Path dump) throws IOException {
    Files.deleteIfExists(sidecar(dump));
    Files.deleteIfExists(dump);
  }

  /** The folder of a run, created. */
  public Path runDirectory(String runId) {
    Path dir = root.resolve("runs").resolve(safe(runId));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot create the run folder " + dir + ": " + e.getMessage(), e);
    }
    return dir;
  }

  static Path sidecar(Path dump) {
    return dump.resolveSibling(dump.getFileName() + ".crc32c");
  }

  /** File-name-safe form of a host, disk or datestamp. */
  static String safe(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
    }
    String r = b.toString();
    return r.isEmpty() || r.equals(".") || r.equals("..") ? "_" + r : r;
  }

  /** CRC-32C and length of a file, as {@code crc32c-hex:length}. */
  static String crc32c(Path file) throws IOException {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    long n = 0;
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      int k;
      while ((k = in.read(buf)) > 0) {
        crc.update(buf, 0, k);
        n += k;
      }
    }
    return String.format(java.util.Locale.ROOT, "%08x:%d", crc.getValue(), n);
  }

  public static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
