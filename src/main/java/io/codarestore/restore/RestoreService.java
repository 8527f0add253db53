package io.codarestore.restore;

import io.codarestore.amanda.DumpFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.dump.DumpListing;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.RestorePlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one restore service both fronts use, built once at start-up: it plans, previews (the dry
 * run), checks links and runs restores through {@link RestoreJob}, picks the media by the one rule
 * of {@link MediaChoice} (a chain wholly on the holding disk needs no tapes), and keeps which
 * cached dumps are verified between calls, so a second dry run of the same chain reads no cached
 * dump again. Its messages are phrased for the front that built it ({@link Phrases}); its failures
 * are {@link RestoreProblem}s where they carry data.
 */
public final class RestoreService {
  private final Supplier<Path> workspaceRoot;
  private final Phrases phrases;
  private final Clock clock;
  private final ChainPlanner planner = new ChainPlanner();
  private VerifiedDumps verified;

  /**
   * @param workspaceRoot where fetched dumps and run folders go (asked at every call: the wizard's
   *     setting may change)
   * @param phrases the front's words for its own controls
   */
  public RestoreService(Supplier<Path> workspaceRoot, Phrases phrases, Clock clock) {
    this.workspaceRoot = workspaceRoot;
    this.phrases = phrases;
    this.clock = clock;
  }

  /** The workspace of the next call (the verified-dump memory is kept per workspace). */
  public synchronized Workspace workspace() {
    Path root = workspaceRoot.get().toAbsolutePath();
    if (verified == null || !verified.workspace().root().equals(root)) {
      verified = new VerifiedDumps(new Workspace(root));
    }
    return verified.workspace();
  }

  /**
   * Whether {@code d} already has a verified copy in the workspace's cache — from the same memory
   * the dry run keeps, so asking again re-reads only a cache file that changed.
   */
  public boolean hasVerifiedCopy(CatalogDump d) {
    VerifiedDumps v;
    synchronized (this) {
      workspace();
      v = verified;
    }
    return v.of(d).isPresent();
  }

  /** What the restore would do (the dry run): plan, media, bytes, space, runbook, warnings. */
  public RestoreJob.Preview preview(Source source, RestoreRequest req) {
    return job(source, req, ProgressListener.NONE, Cancellation.none()).preview(req);
  }

  /** Runs the restore; what a failed or cancelled run created is removed. */
  public RestoreJob.Outcome run(
      Source source, RestoreRequest req, ProgressListener progress, Cancellation cancel) {
    return job(source, req, progress, cancel).run(req);
  }

  /** Checks every link of the plan's chain from the dump headers (the job's own check). */
  public List<LinkCheck.Link> checkLinks(Source source, RestorePlan plan, Cancellation cancel) {
    boolean tapes = needsTapes(plan);
    return newJob(source, tapes, ProgressListener.NONE, cancel).checkLinks(plan);
  }

  /**
   * The volume's tree as the chain restores it, when every dump of the chain is verified in the
   * workspace cache: nothing fetched, nothing written. Empty when a dump is not in the cache.
   */
  public Optional<DumpListing> cachedTree(RestorePlan plan, Cancellation cancel) {
    List<CatalogDump> chain = new ArrayList<>();
    for (ChainLink l : plan.chain()) {
      chain.add(l.dump());
    }
    try {
      return workspace().cachedChainListing(chain, cancel);
    } catch (IOException e) {
      return Optional.empty(); // the cache cannot be read: the paths are checked by the run
    }
  }

  private RestoreJob job(
      Source source, RestoreRequest req, ProgressListener progress, Cancellation cancel) {
    RestorePlan plan = planner.plan(source.catalog(), req.host(), req.volume(), req.date());
    return newJob(source, needsTapes(plan), progress, cancel);
  }

  private RestoreJob newJob(
      Source source, boolean tapesNeeded, ProgressListener progress, Cancellation cancel) {
    DumpFetcher fetcher =
        source.media().fetcher(source.catalog(), source.catalogFile(), tapesNeeded, phrases);
    workspace();
    return new RestoreJob(
        source.catalog(),
        planner,
        fetcher,
        new ExtractionTreeExtractor(),
        verified,
        phrases,
        progress,
        cancel,
        clock);
  }

  /** The holding-disk rule: tapes are needed unless every dump of the chain is on the disk. */
  static boolean needsTapes(RestorePlan plan) {
    if (!plan.restorable() || plan.chain().isEmpty()) {
      return true;
    }
    return !plan.chain().stream().allMatch(l -> l.dump().readFromHoldingDisk());
  }

  /**
   * Where the dumps come from: the catalog (and its file, for messages) and the media choice.
   *
   * @param catalogFile the catalog's file as the user knows it
   */
  public record Source(Catalog catalog, Path catalogFile, MediaChoice media) {}
}
