package io.codarestore.restore;

import io.codarestore.amanda.AmfetchdumpFetcher;
import io.codarestore.amanda.DumpFetcher;
import io.codarestore.amanda.FetchResult;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.DumpVerifier;
import io.codarestore.dump.VerifyReport;
import io.codarestore.plan.ChainLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The job's fetch of one chain dump into the workspace cache: reused when an earlier run verified
 * it, else fetched off its media, verified as a Coda dump and recorded with its CRC-32C. Each dump
 * is reported as a {@link Fetched}.
 */
final class FetchStage {
  private final DumpFetcher fetcher;
  private final VerifiedDumps verified;
  private final Cancellation cancel;

  FetchStage(DumpFetcher fetcher, VerifiedDumps verified, Cancellation cancel) {
    this.fetcher = fetcher;
    this.verified = verified;
    this.cancel = cancel;
  }

  /**
   * The verified dump of {@code l} in the cache, fetched if needed; adds what was done to {@code
   * fetched} and a file this run created to {@code created}.
   */
  Path fetch(
      ChainLink l,
      RunLog log,
      List<Fetched> fetched,
      List<Path> created,
      ProgressListener progress) {
    CatalogDump d = l.dump();
    Optional<Path> c = verified.of(d);
    if (c.isPresent()) {
      log.info("reusing verified " + RestoreJob.name(d) + " from " + c.get());
      fetched.add(reused(l, c.get()));
      return c.get();
    }
    Path target = verified.workspace().cachedDump(d.host(), d.volume(), d.datestamp(), d.level());
    try {
      if (Files.exists(target)) {
        verified.forget(target); // an unverified leftover of an interrupted run
      }
      Files.createDirectories(target.getParent());
    } catch (IOException e) {
      throw new UserFacingException("cannot prepare " + target + ": " + e.getMessage(), e);
    }
    log.info("fetching " + RestoreJob.name(d) + " from " + RestoreJob.media(l));
    created.add(target);
    FetchResult r = fetcher.fetchToFile(d.toFetchRequest(), target, progress, cancel);
    for (String w : r.warnings()) {
      log.warn(RestoreJob.name(d) + ": " + w);
    }
    VerifyReport v = new DumpVerifier(cancel).verify(target);
    if (!v.ok()) {
      try {
        verified.forget(target);
      } catch (IOException ignored) {
        // never trusted without a sidecar anyway
      }
      throw new UserFacingException(
          RestoreJob.name(d)
              + " fetched from "
              + RestoreJob.media(l)
              + " is not a sound dump: "
              + v.errors().get(0));
    }
    try {
      // The fetch computed the CRC-32C of exactly the bytes it wrote; no need to read them again.
      if (r.nativeCrc() != null) {
        verified.workspace().markVerified(target, r.nativeCrc().toString());
      } else {
        verified.workspace().markVerified(target);
      }
      verified.verified(target);
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot record the checksum of " + target + ": " + e.getMessage(), e);
    }
    fetched.add(
        new Fetched(
            RestoreJob.name(d),
            from(d),
            RestoreJob.media(l),
            target,
            r.writtenBytes(),
            r.nativeCrc() == null ? null : r.nativeCrc().toString()));
    log.info("fetched and verified " + RestoreJob.name(d) + ": " + r.writtenBytes() + " bytes");
    return target;
  }

  private Fetched.From from(CatalogDump d) {
    if (d.readFromHoldingDisk()) {
      return Fetched.From.HOLDING_DISK;
    }
    return fetcher instanceof AmfetchdumpFetcher ? Fetched.From.AMFETCHDUMP : Fetched.From.VTAPE;
  }

  /** A dump verified by an earlier run: its size and the CRC-32C its sidecar recorded. */
  private static Fetched reused(ChainLink l, Path file) {
    long bytes;
    String crc;
    try {
      bytes = Files.size(file);
      crc = Files.readString(Workspace.sidecar(file), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UserFacingException("cannot read the cached " + file + ": " + e.getMessage(), e);
    }
    return new Fetched(
        RestoreJob.name(l.dump()),
        Fetched.From.WORKSPACE_CACHE,
        RestoreJob.media(l),
        file,
        bytes,
        crc);
  }
}
