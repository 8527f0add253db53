package io.codarestore.restore;

import io.codarestore.amanda.Crc;
import io.codarestore.amanda.DumpFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.core.Cancellation;
import io.codarestore.core.Datestamp;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.ChainMerger;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.RestorePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One restore end to end: plan the chain for the date, check every link from the dump headers,
 * check the space, fetch each dump off its media once (into the workspace cache, reused on a re-run
 * once verified), verify it, then merge the chain in one pass straight into the target. Every run
 * writes a log and a runbook of the equivalent manual commands into its own folder.
 */
public final class RestoreJob {
  private final Catalog catalog;
  private final ChainPlanner planner;
  private final DumpFetcher fetcher;
  private final TreeExtractor extractor;
  private final Workspace workspace;
  private final ProgressListener progress;
  private final Cancellation cancel;
  private final Clock clock;

  private final VerifiedDumps verified;
  private final Phrases phrases;

  public RestoreJob(
      Catalog catalog,
      ChainPlanner planner,
      DumpFetcher fetcher,
      TreeExtractor extractor,
      Workspace workspace,
      ProgressListener progress,
      Cancellation cancel,
      Clock clock) {
    this(
        catalog,
        planner,
        fetcher,
        extractor,
        new VerifiedDumps(workspace),
        Phrases.NEUTRAL,
        progress,
        cancel,
        clock);
  }

  /**
   * A job over a workspace whose verified dumps are known already (the {@link RestoreService} keeps
   * them between jobs), its messages phrased for the front that runs it.
   */
  public RestoreJob(
      Catalog catalog,
      ChainPlanner planner,
      DumpFetcher fetcher,
      TreeExtractor extractor,
      VerifiedDumps verified,
      Phrases phrases,
      ProgressListener progress,
      Cancellation cancel,
      Clock clock) {
    this.catalog = catalog;
    this.planner = planner;
    this.fetcher = fetcher;
    this.extractor = extractor;
    this.workspace = verified.workspace();
    this.verified = verified;
    this.phrases = phrases;
    this.progress = progress;
    this.cancel = cancel;
    this.clock = clock;
  }

  /** What a restore will do; a dry run shows this and touches nothing. */
  public record Preview(
      RestorePlan plan,
      List<String> media,
      long bytesToRead,
      long bytesToWrite,
      List<SpaceCheck.Result> space,
      Runbook runbook,
      List<RestoreWarning> warnings) {
    public Preview {
      media = List.copyOf(media);
      space = List.copyOf(space);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * What a restore did, as data each front phrases itself.
   *
   * @param fetched each dump of the chain, base first: fetched off its media or reused
   * @param merged the merge into a file (a dump-file target, a kept or volutil dump), or null
   * @param restored what the target now holds
   * @param volutil what volutil said, or null for the other routes
   * @param followUp what the route leaves to the admin, in order (empty: nothing particular)
   * @param warnings the preview's warnings, then those the merge and extraction reported
   */
  public record Outcome(
      Preview preview,
      List<LinkCheck.Link> links,
      List<Fetched> fetched,
      ChainMerger.Result merged,
      Restored restored,
      VolutilRestore.Outcome volutil,
      Path runDirectory,
      List<FollowUp> followUp,
      List<RestoreWarning> warnings,
      RestoreTarget target,
      Path keptMerged) {
    /** The merged full dump's size in bytes, or -1 when this route merged nothing. */
    public long mergedBytes() {
      return merged == null ? -1 : merged.bytesWritten();
    }

    public Outcome {
      links = List.copyOf(links);
      fetched = List.copyOf(fetched);
      followUp = List.copyOf(followUp);
      warnings = List.copyOf(warnings);
    }

    /** The directory or file written on this machine; null for the server routes. */
    public Path output() {
      return JobText.outputPath(target);
    }

    /** Files kept beside the target at the user's request (the merged dump), in order. */
    public List<Path> kept() {
      return keptMerged == null ? List.of() : List.of(keptMerged);
    }
  }

  /** Plans the restore and describes it without reading or writing anything. */
  public Preview preview(RestoreRequest req) {
    return preview(req, plan(req));
  }

  /** The plan of {@code req} from the catalog. */
  RestorePlan plan(RestoreRequest req) {
    return planner.plan(catalog, req.host(), req.volume(), req.date());
  }

  /**
   * Describes the restore of {@code plan} (already made for {@code req}, by the service or the
   * front that showed it) without reading or writing anything.
   */
  public Preview preview(RestoreRequest req, RestorePlan plan) {
    if (!plan.restorable()) {
      throw new UserFacingException(JobText.notRestorable(plan));
    }
    List<RestoreWarning> warnings = new ArrayList<>();
    long read = 0;
    long write = 0;
    long cacheNeeded = 0;
    for (ChainLink link : plan.chain()) {
      CatalogDump d = link.dump();
      read += d.bytes();
      long nativeBytes = nativeBytes(d);
      write += nativeBytes;
      if (cached(d).isEmpty()) {
        cacheNeeded += nativeBytes;
      }
    }
    List<SpaceCheck.Result> space = new ArrayList<>();
    try {
      space.add(SpaceCheck.check(workspace.root(), cacheNeeded));
      Path out = JobText.outputPath(req);
      if (out != null) {
        space.add(SpaceCheck.check(out.toAbsolutePath().getParent(), write));
      }
      if (req.target() instanceof RestoreTarget.Volutil v) {
        Path dump = VolutilStep.dumpFile(workspace, req, v);
        space.add(SpaceCheck.check(dump.toAbsolutePath().getParent(), write));
      } else if (req.keepMerged() != null) {
        space.add(SpaceCheck.check(req.keepMerged().toAbsolutePath().getParent(), write));
      }
    } catch (IOException e) {
      throw new UserFacingException("cannot measure free space: " + e.getMessage(), e);
    }
    for (SpaceCheck.Result r : space) {
      if (!r.enough()) {
        warnings.add(new RestoreWarning.NotEnoughSpace(r));
      }
    }
    Preconditions.typedProblems(req, phrases)
        .forEach(p -> warnings.add(new RestoreWarning.Refusal(p)));
    warnings.addAll(
        Preconditions.targetWarnings(req, nativeBytes(plan.chain().get(0).dump()), write));
    return new Preview(
        plan,
        plan.media(),
        read,
        write,
        space,
        RunbookWriter.write(req, plan, workspace, this::cachedPath, amandaConfig(), phrases),
        warnings);
  }

  /** Plans and runs the restore. */
  public Outcome run(RestoreRequest req) {
    return run(req, plan(req));
  }

  /** Runs the restore of {@code plan}, already made for {@code req}. */
  public Outcome run(RestoreRequest req, RestorePlan plan) {
    Preconditions.check(req, phrases); // before the first byte of any dump is read
    Preview preview = preview(req, plan);
    for (SpaceCheck.Result r : preview.space()) {
      if (!r.enough()) {
        throw new RestoreProblem.NotEnoughSpace(r);
      }
    }
    String runId =
        Datestamp.of(LocalDateTime.now(clock)).runId() + "-" + req.host() + "-" + req.volume();
    Path runDir = workspace.runDirectory(runId);
    List<RestoreWarning> warnings = new ArrayList<>(preview.warnings());
    try (RunLog log = new RunLog(runDir.resolve("run.log"), clock)) {
      Files.writeString(
          runDir.resolve("runbook.txt"), preview.runbook().text(), StandardCharsets.UTF_8);
      log.info(
          "restore "
              + req.host()
              + ":"
              + req.volume()
              + " as of "
              + req.date().text()
              + " to "
              + JobText.describe(req.target()));
      for (ChainLink l : plan.chain()) {
        log.info("chain link: level " + l.level() + " of " + l.datestamp() + " on " + media(l));
      }
      List<LinkCheck.Link> links = checkLinks(plan, req, log);
      List<Path> files = new ArrayList<>();
      FetchStage fetch = new FetchStage(fetcher, verified, cancel);
      List<Fetched> fetched = new ArrayList<>();
      List<Path> createdThisRun = new ArrayList<>();
      OverallProgress overall = new OverallProgress(progress, plannedBytes(plan));
      boolean done = false;
      try {
        for (ChainLink l : plan.chain()) {
          files.add(fetch.fetch(l, log, fetched, createdThisRun, overall));
        }
        Outcome o = restore(req, preview, links, files, fetched, runDir, log, warnings, overall);
        overall.finish();
        done = true;
        log.info("restore finished");
        return o;
      } catch (RuntimeException e) {
        log.error("restore failed: " + e.getMessage(), e);
        throw e;
      } finally {
        if (!done && cancel.isCancelled()) {
          for (Path p : createdThisRun) {
            try {
              forget(p);
            } catch (IOException ignored) {
              // best effort; the cache entry has no sidecar and is never trusted
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write the run folder " + runDir + ": " + e.getMessage(), e);
    }
  }

  private Outcome restore(
      RestoreRequest req,
      Preview preview,
      List<LinkCheck.Link> links,
      List<Path> files,
      List<Fetched> fetched,
      Path runDir,
      RunLog log,
      List<RestoreWarning> warnings,
      ProgressListener progress) {
    ProgressListener logged = new LoggingProgress(progress, log, warnings);
    ChainMerger merger = new ChainMerger(logged, cancel);
    RestoreTarget target = req.target();
    ChainMerger.Result merged = null;
    Restored restored;
    VolutilRestore.Outcome volutil = null;
    List<FollowUp> followUp = new ArrayList<>();
    if (req.keepMerged() != null && !(target instanceof RestoreTarget.Volutil)) {
      merged = merger.mergeToFile(files, req.keepMerged(), false);
      log.info("kept the merged dump in " + req.keepMerged());
    }
    if (target instanceof RestoreTarget.DumpFile t) {
      if (req.keepMerged() != null) {
        throw new RestoreProblem.BadRequest(phrases.keepMergedIsTarget());
      }
      merged = merger.mergeToFile(files, t.file(), t.force());
      restored = new Restored.DumpFile(t.file(), merged.bytesWritten());
    } else if (target instanceof RestoreTarget.Directory
        || target instanceof RestoreTarget.TarFile) {
      if (req.keepMerged() != null) {
        restored = extractFromFile(req.keepMerged(), target, logged);
      } else {
        restored =
            StreamingMerge.run(
                merger,
                files,
                UnaryOperator.identity(),
                in ->
                    extractor.extract(
                        in, "merged chain of " + req.volume(), target, logged, cancel));
      }
    } else if (target instanceof RestoreTarget.Volutil v) {
      VolutilStep.Done d =
          new VolutilStep(cancel, log, phrases).run(workspace, req, v, files, merger);
      merged = d.merged();
      volutil = d.volutil();
      restored = d.restored();
      followUp.addAll(d.followUp());
    } else if (target instanceof RestoreTarget.Replica r) {
      ReplicaRoute route = new ReplicaRoute(r, workspace, runDir, cancel, log, extractor);
      restored = route.run(files, merger);
      followUp.addAll(route.followUp());
    } else {
      throw new IllegalStateException("unknown target " + target);
    }
    return new Outcome(
        preview,
        links,
        fetched,
        merged,
        restored,
        volutil,
        runDir,
        followUp,
        warnings,
        target,
        req.keepMerged());
  }

  private Restored extractFromFile(Path merged, RestoreTarget target, ProgressListener p) {
    try (var in = Files.newInputStream(merged)) {
      return extractor.extract(
          new java.io.BufferedInputStream(in, 1 << 20), merged.toString(), target, p, cancel);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static VolutilRestore.Invocation invocation(RestoreTarget.Volutil v, Path dumpFile) {
    return new VolutilRestore.Invocation(
        v.command(), v.server(), v.partition(), v.name(), v.volumeId(), dumpFile);
  }

  /**
   * Checks every link of the plan's chain from the Coda dump headers (see {@link LinkStage}): the
   * verdict of each link, nothing thrown.
   */
  public List<LinkCheck.Link> checkLinks(RestorePlan plan) {
    return new LinkStage(catalog, fetcher, verified, cancel).check(plan);
  }

  /** Stops the job on a broken link, and on an unchecked one unless the user accepted it. */
  private List<LinkCheck.Link> checkLinks(RestorePlan plan, RestoreRequest req, RunLog log) {
    List<LinkCheck.Link> links = checkLinks(plan);
    for (LinkCheck.Link l : links) {
      log.info("link check " + l.verdict() + ": " + l.explanation());
      if (l.verdict() == LinkCheck.Verdict.BROKEN) {
        throw new UserFacingException("the chain is broken: " + l.explanation());
      }
      if (l.verdict() == LinkCheck.Verdict.UNCHECKED) {
        if (!req.acceptUnchecked()) {
          throw new RestoreProblem.UncheckedLink(l.explanation(), phrases);
        }
        log.warn("accepted by the user: " + l.explanation());
      }
    }
    return links;
  }

  /** Bytes a run handles: each dump to fetch as stored, then every dump's bytes once merged. */
  private long plannedBytes(RestorePlan plan) {
    long n = 0;
    for (ChainLink l : plan.chain()) {
      if (cached(l.dump()).isEmpty()) {
        n += l.dump().bytes();
      }
      n += nativeBytes(l.dump());
    }
    return n;
  }

  private String amandaConfig() {
    return catalog
        .source()
        .map(s -> s.configDir() == null ? null : s.configDir().getFileName().toString())
        .orElse("CONFIG");
  }

  private Optional<Path> cached(CatalogDump d) {
    return verified.of(d);
  }

  private void forget(Path dump) throws IOException {
    verified.forget(dump);
  }

  private Path cachedPath(CatalogDump d) {
    return workspace.cachedDump(d.host(), d.volume(), d.datestamp(), d.level());
  }

  private static Crc crc(String text) {
    return text == null ? Crc.UNKNOWN : Crc.parse(text);
  }

  static long nativeBytes(CatalogDump d) {
    Crc c = crc(d.nativeCrc());
    if (Crc.isKnown(c)) {
      return c.length();
    }
    return Math.max(d.origKb() * 1024, d.bytes());
  }

  static String name(CatalogDump d) {
    return d.volume() + " level " + d.level() + " of " + d.datestamp();
  }

  static String media(ChainLink l) {
    return l.dump().whereToRead();
  }
}
