package io.codarestore.restore;

import io.codarestore.amanda.DumpFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.IndexSnapshot;
import io.codarestore.core.Cancellation;
import io.codarestore.core.Datestamp;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.DumpListing;
import io.codarestore.dump.ExtractReport;
import io.codarestore.dump.ExtractRequest;
import io.codarestore.dump.Extraction;
import io.codarestore.index.FileQueries;
import io.codarestore.index.PathRestore;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.RestorePlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
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
 *
 * <p>Every route of both fronts goes through it: the whole chain merged into a target ({@link
 * #run}), chosen paths read through the file index ({@link #restorePaths}, and {@link #indexRoute},
 * the one rule of when the index serves a restore; {@link #restore} applies it and runs the route),
 * and the extraction of a dump file the user opened ({@link #extract}, {@link #extractPaths}).
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
    return verifiedCopy(d).isPresent();
  }

  private Optional<Path> verifiedCopy(CatalogDump d) {
    VerifiedDumps v;
    synchronized (this) {
      workspace();
      v = verified;
    }
    return v.of(d);
  }

  /** What the restore would do (the dry run): plan, media, bytes, space, runbook, warnings. */
  public RestoreJob.Preview preview(Source source, RestoreRequest req) {
    return preview(source, plan(source, req), req);
  }

  /**
   * The dry run of a chain the front has planned and shown already ({@link #plan}): it is not
   * planned again, so what is previewed is the chain the admin saw.
   */
  public RestoreJob.Preview preview(Source source, RestorePlan plan, RestoreRequest req) {
    return newJob(
            source, needsTapes(planFor(plan, req)), ProgressListener.NONE, Cancellation.none())
        .preview(req, plan);
  }

  /** Runs the restore; what a failed or cancelled run created is removed. */
  public RestoreJob.Outcome run(
      Source source, RestoreRequest req, ProgressListener progress, Cancellation cancel) {
    return run(source, plan(source, req), req, progress, cancel);
  }

  /** Runs the restore of a chain planned already ({@link #plan}), without planning it again. */
  public RestoreJob.Outcome run(
      Source source,
      RestorePlan plan,
      RestoreRequest req,
      ProgressListener progress,
      Cancellation cancel) {
    return newJob(source, needsTapes(planFor(plan, req)), progress, cancel).run(req, plan);
  }

  /** The chain for {@code req}'s volume and date, planned once per call of this service. */
  public RestorePlan plan(Source source, RestoreRequest req) {
    return planner.plan(source.catalog(), req.host(), req.volume(), req.date());
  }

  /** {@code plan}, checked to be the plan of {@code req}'s volume and date. */
  private static RestorePlan planFor(RestorePlan plan, RestoreRequest req) {
    if (!plan.host().equals(req.host())
        || !plan.volume().equals(req.volume())
        || !plan.target().equals(req.date())) {
      throw new IllegalArgumentException(
          "the plan of "
              + plan.host()
              + ":"
              + plan.volume()
              + " as of "
              + plan.target().text()
              + " is not the plan of the request");
    }
    return plan;
  }

  /**
   * Runs a restore by the route the service's one rule picks ({@link #indexRoute}): chosen paths
   * into a new directory on a catalog whose file index knows the restore point are read through the
   * index ({@link #restorePaths}), everything else merges the whole chain ({@link #run}). Both
   * fronts get the same decision; what a failed or cancelled run created is removed either way.
   */
  public Routed restore(
      Source source, RestoreRequest req, ProgressListener progress, Cancellation cancel) {
    return restore(source, plan(source, req), req, progress, cancel);
  }

  /**
   * As {@link #restore(Source, RestoreRequest, ProgressListener, Cancellation)}, planned already.
   */
  public Routed restore(
      Source source,
      RestorePlan plan,
      RestoreRequest req,
      ProgressListener progress,
      Cancellation cancel) {
    Optional<PathsRequest> byIndex = indexRoute(source, req);
    if (byIndex.isPresent()) {
      return new Routed.ByIndex(restorePaths(source, byIndex.get(), progress, cancel));
    }
    return new Routed.WholeChain(run(source, plan, req, progress, cancel));
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
    List<Path> files = new ArrayList<>();
    for (ChainLink l : plan.chain()) {
      // the dry run's memory of verified dumps: no cached dump is read again for its CRC-32C
      Optional<Path> p = verifiedCopy(l.dump());
      if (p.isEmpty()) {
        return Optional.empty();
      }
      files.add(p.get());
    }
    return Workspace.chainListing(files, plan.volume(), cancel);
  }

  /**
   * The rule of the index route, in one place: a restore of chosen paths into a new directory (not
   * replacing one) is served by the file index when the index knows the restore point from the
   * dumps themselves; then only the dumps holding the paths' data are read. Empty when the whole
   * chain must be merged (no paths, another target, {@code force}, not restorable, or known only
   * from Amanda's own path index).
   */
  public Optional<PathsRequest> indexRoute(Source source, RestoreRequest req) {
    if (!(req.target() instanceof RestoreTarget.Directory d) || d.paths().isEmpty() || d.force()) {
      return Optional.empty();
    }
    try {
      String known =
          new FileQueries(source.catalog())
              .indexedSource(req.host(), req.volume(), req.date().text());
      if (!IndexSnapshot.DUMPS.equals(known)) {
        return Optional.empty();
      }
    } catch (UserFacingException e) {
      return Optional.empty(); // not restorable or not indexed: the chain route says why
    }
    return Optional.of(new PathsRequest(req.host(), req.volume(), req.date(), d.paths(), d.dir()));
  }

  /**
   * The dry run of the index route: when {@link #indexRoute} serves {@code req}, which dumps of the
   * chain the restore of the chosen paths reads (from the index alone: nothing is fetched or read);
   * empty when the whole chain is merged, whose dry run is {@link #preview}.
   */
  public Optional<PathsPreview> previewPaths(Source source, RestoreRequest req) {
    Optional<PathsRequest> byIndex = indexRoute(source, req);
    if (byIndex.isEmpty()) {
      return Optional.empty();
    }
    PathsRequest r = byIndex.get();
    PathRestore.Selection s =
        new PathRestore(source.catalog(), null)
            .select(r.host(), r.volume(), r.when().text(), r.paths());
    return Optional.of(
        new PathsPreview(
            s.restorePoint(),
            s.files(),
            s.directories(),
            s.toRead(),
            s.bytesToRead(),
            s.chainBytes()));
  }

  /**
   * Restores the chosen paths through the file index, reading only the dumps that hold their data
   * and each only as far as needed; the directory appears only when complete. Refused, with the
   * reason, when the index does not know the restore point from the dumps.
   */
  public PathsOutcome restorePaths(
      Source source, PathsRequest req, ProgressListener progress, Cancellation cancel) {
    RestorePlan plan = planner.plan(source.catalog(), req.host(), req.volume(), req.when());
    // An unrestorable point is refused by the index before any read, with its own reason.
    boolean tapes = plan.restorable() && needsTapes(plan);
    DumpFetcher fetcher =
        source.media().fetcher(source.catalog(), source.catalogFile(), tapes, phrases);
    PathRestore paths = new PathRestore(source.catalog(), fetcher);
    // refused (not indexed from the dumps, a path not in the volume) before a run folder is made
    PathRestore.Selection chosen =
        paths.select(req.host(), req.volume(), req.when().text(), req.paths());
    String runId =
        Datestamp.of(LocalDateTime.now(clock)).runId() + "-" + req.host() + "-" + req.volume();
    Path runDir = workspace().runDirectory(runId);
    try (RunLog log = new RunLog(runDir.resolve("run.log"), clock)) {
      log.info(
          "restore "
              + req.host()
              + ":"
              + req.volume()
              + " as of "
              + req.when().text()
              + ": "
              + String.join(", ", req.paths())
              + " into "
              + req.dir()
              + ", through the file index (restore point "
              + chosen.restorePoint().digits()
              + ")");
      for (ChainLink l : chosen.toRead()) {
        log.info(
            "reads: level "
                + l.level()
                + " of "
                + l.datestamp()
                + " on "
                + String.join(", ", l.parts().stream().map(t -> t.label()).distinct().toList()));
      }
      try {
        PathRestore.Result r =
            paths.restore(
                chosen, req.dir(), new LoggingProgress(progress, log, new ArrayList<>()), cancel);
        log.info(
            "restored "
                + r.files()
                + " files and "
                + r.directories()
                + " directories into "
                + req.dir()
                + "; read "
                + r.bytesRead()
                + " bytes off the media, against "
                + r.chainBytes()
                + " for the whole chain");
        log.info("restore finished");
        return new PathsOutcome(
            r.restorePoint(),
            req.dir(),
            r.files(),
            r.directories(),
            r.bytesRead(),
            r.chainBytes(),
            r.dumpsRead(),
            runDir);
      } catch (RuntimeException e) {
        log.error("restore failed: " + e.getMessage(), e);
        throw e;
      }
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write the run folder " + runDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Extracts a full (or merged) dump file the user opened into a directory or tar file; the output
   * appears only when complete, names that would leave it are escaped and reported.
   */
  public ExtractReport extract(
      Path dump, ExtractRequest req, ProgressListener progress, Cancellation cancel) {
    return Extraction.run(dump, req, progress, cancel);
  }

  /**
   * Extracts only {@code paths} (files or subtrees, relative to the volume root) of a dump file
   * into the new directory {@code out}, each at its place in the volume; a failure or cancel leaves
   * no {@code out}.
   */
  public ExtractReport extractPaths(
      Path dump, List<String> paths, Path out, ProgressListener progress, Cancellation cancel) {
    return extract(
        dump,
        new ExtractRequest(ExtractRequest.Format.DIRECTORY, out, paths, false, null),
        progress,
        cancel);
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
