package io.codarestore.restore;

import io.codarestore.amanda.Crc;
import io.codarestore.amanda.DumpFetcher;
import io.codarestore.amanda.FetchResult;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ForwardingProgress;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.ChainMerger;
import io.codarestore.dump.DumpHeader;
import io.codarestore.dump.DumpVerifier;
import io.codarestore.dump.VerifyReport;
import io.codarestore.plan.AmandaDates;
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
import java.time.format.DateTimeFormatter;
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

  /**
   * Cache entries verified during this run: checking one reads the whole dump (its CRC), and the
   * plan, the space check, the link check and the fetch all ask.
   */
  private final java.util.Map<Path, Optional<Path>> verified = new java.util.HashMap<>();

  public RestoreJob(
      Catalog catalog,
      ChainPlanner planner,
      DumpFetcher fetcher,
      TreeExtractor extractor,
      Workspace workspace,
      ProgressListener progress,
      Cancellation cancel,
      Clock clock) {
    this.catalog = catalog;
    this.planner = planner;
    this.fetcher = fetcher;
    this.extractor = extractor;
    this.workspace = workspace;
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
      List<String> warnings) {
    public Preview {
      media = List.copyOf(media);
      space = List.copyOf(space);
      warnings = List.copyOf(warnings);
    }
  }

  /** What a restore did. */
  public record Outcome(
      Preview preview,
      List<LinkCheck.Link> links,
      List<String> fetched,
      ChainMerger.Result merged,
      String restored,
      VolutilRestore.Outcome volutil,
      Path runDirectory,
      List<String> followUp,
      List<String> warnings) {
    public Outcome {
      links = List.copyOf(links);
      fetched = List.copyOf(fetched);
      followUp = List.copyOf(followUp);
      warnings = List.copyOf(warnings);
    }
  }

  /** Plans the restore and describes it without reading or writing anything. */
  public Preview preview(RestoreRequest req) {
    RestorePlan plan = planner.plan(catalog, req.host(), req.volume(), req.date());
    if (!plan.restorable()) {
      throw new UserFacingException(notRestorable(plan));
    }
    List<String> warnings = new ArrayList<>();
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
      Path out = outputPath(req);
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
        warnings.add("not enough space: " + r.describe());
      }
    }
    warnings.addAll(Preconditions.problems(req));
    warnings.addAll(
        Preconditions.targetWarnings(req, nativeBytes(plan.chain().get(0).dump()), write));
    return new Preview(
        plan,
        plan.media(),
        read,
        write,
        space,
        RunbookWriter.write(req, plan, workspace, this::cachedPath, amandaConfig()),
        warnings);
  }

  /** Runs the restore. */
  public Outcome run(RestoreRequest req) {
    verified.clear(); // the workspace may have changed since an earlier call
    Preconditions.check(req); // before the first byte of any dump is read
    Preview preview = preview(req);
    for (SpaceCheck.Result r : preview.space()) {
      if (!r.enough()) {
        throw new UserFacingException("not enough free space: " + r.describe());
      }
    }
    String runId =
        LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
            + "-"
            + req.host()
            + "-"
            + req.volume();
    Path runDir = workspace.runDirectory(runId);
    List<String> warnings = new ArrayList<>(preview.warnings());
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
              + describe(req.target()));
      RestorePlan plan = preview.plan();
      for (ChainLink l : plan.chain()) {
        log.info("chain link: level " + l.level() + " of " + l.datestamp() + " on " + media(l));
      }
      List<LinkCheck.Link> links = checkLinks(plan, req, log);
      List<Path> files = new ArrayList<>();
      List<String> fetched = new ArrayList<>();
      List<Path> createdThisRun = new ArrayList<>();
      OverallProgress overall = new OverallProgress(progress, plannedBytes(plan));
      boolean done = false;
      try {
        for (ChainLink l : plan.chain()) {
          files.add(fetchVerified(l, log, fetched, createdThisRun, overall));
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
      List<String> fetched,
      Path runDir,
      RunLog log,
      List<String> warnings,
      ProgressListener progress) {
    ProgressListener logged = new LoggingProgress(progress, log, warnings);
    ChainMerger merger = new ChainMerger(logged, cancel);
    RestoreTarget target = req.target();
    ChainMerger.Result merged = null;
    String restored;
    VolutilRestore.Outcome volutil = null;
    List<String> followUp = new ArrayList<>();
    if (req.keepMerged() != null && !(target instanceof RestoreTarget.Volutil)) {
      merged = merger.mergeToFile(files, req.keepMerged(), false);
      log.info("kept the merged dump in " + req.keepMerged());
    }
    if (target instanceof RestoreTarget.DumpFile t) {
      if (req.keepMerged() != null) {
        throw new UserFacingException(
            "--keep-merged and a dump-file target are the same thing; give one");
      }
      merged = merger.mergeToFile(files, t.file(), t.force());
      restored = "merged full dump " + t.file() + " (" + merged.bytesWritten() + " bytes)";
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
      VolutilStep.Done d = new VolutilStep(cancel, log).run(workspace, req, v, files, merger);
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
        preview, links, fetched, merged, restored, volutil, runDir, followUp, warnings);
  }

  private String extractFromFile(Path merged, RestoreTarget target, ProgressListener p) {
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
   * Checks every link of the plan's chain from the Coda dump headers (a few hundred bytes at the
   * start of each first part, or the verified cache): the verdict of each link, nothing thrown.
   * When a link does not match its base directly, the headers of the volume's dumps taken between
   * the two are read too (spec 6.2: an increment is relative to the last dump of any level).
   */
  public List<LinkCheck.Link> checkLinks(RestorePlan plan) {
    List<ChainLink> chain = plan.chain();
    List<LinkCheck.Dump> dumps = new ArrayList<>();
    for (ChainLink l : chain) {
      dumps.add(probe(l.dump()));
    }
    List<List<LinkCheck.Dump>> between = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      between.add(List.of());
    }
    List<LinkCheck.Link> links = LinkCheck.check(dumps, between);
    if (links.stream().allMatch(k -> k.verdict() == LinkCheck.Verdict.OK)) {
      return links;
    }
    List<CatalogDump> history =
        catalog.dumps(catalog.volume(plan.host(), plan.volume()).orElseThrow());
    for (int i = 1; i < chain.size(); i++) {
      List<LinkCheck.Dump> mid = new ArrayList<>();
      ChainLink base = chain.get(i - 1);
      String from = AmandaDates.nice(base.datestamp());
      String to = AmandaDates.nice(chain.get(i).datestamp());
      for (CatalogDump d : history) {
        String at = AmandaDates.nice(d.datestamp());
        boolean inBetween = at.compareTo(from) > 0 && at.compareTo(to) < 0;
        boolean sameRunHigherLevel = at.equals(from) && d.level() > base.level();
        if (inBetween || sameRunHigherLevel) {
          mid.add(probe(d));
        }
      }
      between.set(i, mid);
    }
    return LinkCheck.check(dumps, between);
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
          throw new UserFacingException(
              l.explanation() + "; accept the risk with --accept-unchecked to go on");
        }
        log.warn("accepted by the user: " + l.explanation());
      }
    }
    return links;
  }

  private LinkCheck.Dump probe(CatalogDump d) {
    String name = name(d);
    try {
      Optional<Path> c = cached(d);
      if (c.isPresent()) {
        return new LinkCheck.Dump(name, DumpHeader.read(c.get()), null);
      }
      if (!d.availability().readable()) {
        return new LinkCheck.Dump(name, null, d.availability().reason());
      }
      return new LinkCheck.Dump(name, HeaderProbe.read(fetcher, d.toFetchRequest(), cancel), null);
    } catch (io.codarestore.core.Cancellation.CancelledException e) {
      throw e;
    } catch (UserFacingException | IOException e) {
      return new LinkCheck.Dump(name, null, e.getMessage());
    }
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

  private Path fetchVerified(
      ChainLink l,
      RunLog log,
      List<String> fetched,
      List<Path> created,
      ProgressListener progress) {
    CatalogDump d = l.dump();
    Optional<Path> c = cached(d);
    if (c.isPresent()) {
      log.info("reusing verified " + name(d) + " from " + c.get());
      fetched.add(name(d) + ": reused from the workspace cache");
      return c.get();
    }
    Path target = cachedPath(d);
    try {
      if (Files.exists(target)) {
        forget(target); // an unverified leftover of an interrupted run
      }
      Files.createDirectories(target.getParent());
    } catch (IOException e) {
      throw new UserFacingException("cannot prepare " + target + ": " + e.getMessage(), e);
    }
    log.info("fetching " + name(d) + " from " + media(l));
    created.add(target);
    FetchResult r = fetcher.fetchToFile(d.toFetchRequest(), target, progress, cancel);
    for (String w : r.warnings()) {
      log.warn(name(d) + ": " + w);
    }
    VerifyReport v = new DumpVerifier(cancel).verify(target);
    if (!v.ok()) {
      try {
        forget(target);
      } catch (IOException ignored) {
        // never trusted without a sidecar anyway
      }
      throw new UserFacingException(
          name(d) + " fetched from " + media(l) + " is not a sound dump: " + v.errors().get(0));
    }
    try {
      // The fetch computed the CRC-32C of exactly the bytes it wrote; no need to read them again.
      if (r.nativeCrc() != null) {
        workspace.markVerified(target, r.nativeCrc().toString());
      } else {
        workspace.markVerified(target);
      }
      verified.put(target, Optional.of(target));
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot record the checksum of " + target + ": " + e.getMessage(), e);
    }
    fetched.add(name(d) + ": " + r.writtenBytes() + " bytes from " + media(l));
    log.info("fetched and verified " + name(d) + ": " + r.writtenBytes() + " bytes");
    return target;
  }

  private String amandaConfig() {
    return catalog
        .source()
        .map(s -> s.configDir() == null ? null : s.configDir().getFileName().toString())
        .orElse("CONFIG");
  }

  private Optional<Path> cached(CatalogDump d) {
    return verified.computeIfAbsent(
        cachedPath(d),
        p -> {
          try {
            return workspace.verifiedDump(d.host(), d.volume(), d.datestamp(), d.level());
          } catch (IOException e) {
            return Optional.empty();
          }
        });
  }

  private void forget(Path dump) throws IOException {
    verified.remove(dump);
    workspace.forget(dump);
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

  private static Path outputPath(RestoreRequest req) {
    RestoreTarget t = req.target();
    if (t instanceof RestoreTarget.Directory d) {
      return d.dir();
    }
    if (t instanceof RestoreTarget.DumpFile f) {
      return f.file();
    }
    if (t instanceof RestoreTarget.TarFile f) {
      return f.file();
    }
    return null;
  }

  static String describe(RestoreTarget t) {
    if (t instanceof RestoreTarget.Directory d) {
      return "directory "
          + d.dir()
          + (d.paths().isEmpty() ? "" : " (paths " + String.join(", ", d.paths()) + ")");
    }
    if (t instanceof RestoreTarget.DumpFile f) {
      return "dump file " + f.file();
    }
    if (t instanceof RestoreTarget.TarFile f) {
      return "tar file " + f.file();
    }
    if (t instanceof RestoreTarget.Volutil v) {
      return (v.readWrite() ? "read-write" : "read-only")
          + " volume on "
          + (v.server() == null ? "the local server" : v.server())
          + " "
          + v.partition();
    }
    RestoreTarget.Replica r = (RestoreTarget.Replica) t;
    return "new volume "
        + r.newVolume()
        + (r.replicaOf() == null ? "" : " (replacing " + r.replicaOf() + ")")
        + " filled through the Coda client at "
        + r.mount();
  }

  static String notRestorable(RestorePlan plan) {
    StringBuilder b = new StringBuilder();
    b.append(plan.host())
        .append(':')
        .append(plan.volume())
        .append(" cannot be restored as of ")
        .append(plan.target().text());
    if (plan.gap() != null) {
      b.append(": ").append(plan.gap().reason());
    }
    if (plan.nearestBefore() != null) {
      b.append("; nearest restorable point before: ").append(plan.nearestBefore().datestamp());
    }
    if (plan.nearestAfter() != null) {
      b.append("; nearest after: ").append(plan.nearestAfter().datestamp());
    }
    return b.toString();
  }

  /** Mirrors progress into the run log (stages and warnings) and collects warnings. */
  private static final class LoggingProgress extends ForwardingProgress {
    private final RunLog log;
    private final List<String> warnings;

    LoggingProgress(ProgressListener next, RunLog log, List<String> warnings) {
      super(next);
      this.log = log;
      this.warnings = warnings;
    }

    @Override
    public void stageStarted(String stage, long totalBytes) {
      log.info("stage: " + stage + (totalBytes >= 0 ? " (" + totalBytes + " bytes)" : ""));
      next.stageStarted(stage, totalBytes);
    }

    @Override
    public void warning(String message) {
      log.warn(message);
      synchronized (warnings) {
        warnings.add(message);
      }
      next.warning(message);
    }
  }
}
