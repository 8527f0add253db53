package io.codarestore.ui.run;

import io.codarestore.amanda.AmfetchdumpFetcher;
import io.codarestore.amanda.DumpFetcher;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.DumpListing;
import io.codarestore.dump.ExtractReport;
import io.codarestore.dump.ExtractRequest;
import io.codarestore.dump.Extraction;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.ExtractionTreeExtractor;
import io.codarestore.restore.LinkCheck;
import io.codarestore.restore.RestoreJob;
import io.codarestore.restore.RestoreRequest;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.restore.Runbook;
import io.codarestore.restore.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The one place where the wizard drives the core's restore: the restore job (issue 4) for the dry
 * run and the run, the header check of the chain's links for the Chain page (the job checks them
 * again before any bulk read), and the extraction of chosen paths for the dump browser. The pages
 * build the core's {@link RestoreTarget} themselves.
 */
public final class CoreRestore {
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");

  private final Workspace workspace;

  public CoreRestore(Path workspaceRoot) {
    this.workspace = new Workspace(workspaceRoot);
  }

  public Path workspaceRoot() {
    return workspace.root();
  }

  /** How the user knows a dump: "u.alice level 1 of 20240305073800". */
  static String name(CatalogDump d) {
    return d.volume() + " level " + d.level() + " of " + d.datestamp();
  }

  /**
   * Checks every link of the plan's chain from the dump headers (uniquifier continuity included):
   * the restore job's own check, which it repeats before any bulk read. Reads the catalog: run it
   * on the catalog's thread.
   */
  public List<LinkCheck.Link> checkLinks(
      Catalog catalog, RestorePlan plan, Path vtapeRoot, String config, Cancellation cancel) {
    return job(catalog, vtapeRoot, config, ProgressListener.NONE, cancel).checkLinks(plan);
  }

  /** What the restore would do (the dry run): plan, media, bytes, space, runbook. */
  public RestoreJob.Preview preview(
      Catalog catalog,
      RestorePlan plan,
      RestoreTarget target,
      Path vtapeRoot,
      String config,
      boolean acceptUnchecked) {
    return job(catalog, vtapeRoot, config, ProgressListener.NONE, Cancellation.none())
        .preview(request(plan, target, acceptUnchecked));
  }

  /**
   * Runs the restore through the restore job. Stages go to {@code progress}; {@code log} gets the
   * job's run log once it ends. The job removes what a failed or cancelled run created.
   */
  public RunOutcome run(
      Catalog catalog,
      RestorePlan plan,
      RestoreTarget target,
      Path vtapeRoot,
      String config,
      boolean acceptUnchecked,
      ProgressListener progress,
      Cancellation cancel,
      Consumer<String> log) {
    RestoreJob job = job(catalog, vtapeRoot, config, progress, cancel);
    RestoreJob.Outcome o = job.run(request(plan, target, acceptUnchecked));
    Path logFile = o.runDirectory().resolve("run.log");
    List<String> lines = new ArrayList<>();
    try {
      if (Files.isRegularFile(logFile)) {
        lines.addAll(Files.readAllLines(logFile));
      }
    } catch (IOException e) {
      lines.add("(the run log " + logFile + " cannot be read: " + e.getMessage() + ")");
    }
    lines.forEach(log);
    List<String> verification = new ArrayList<>();
    for (LinkCheck.Link l : o.links()) {
      verification.add("link " + l.verdict() + ": " + l.explanation());
    }
    verification.addAll(o.fetched());
    if (o.merged() != null) {
      verification.add("merged full dump: " + o.merged().bytesWritten() + " bytes");
    }
    verification.add(o.restored());
    o.warnings().forEach(w -> verification.add("warning: " + w));
    List<String> commands = new ArrayList<>();
    for (Runbook.Step step : o.preview().runbook().steps()) {
      commands.add("# " + step.title());
      commands.addAll(step.commands());
    }
    List<String> followUp = new ArrayList<>(o.followUp());
    if (followUp.isEmpty()) {
      followUp.addAll(defaultFollowUp(target));
    }
    return new RunOutcome(
        plan.host()
            + ":"
            + plan.volume()
            + " as of "
            + plan.target().text()
            + " → "
            + io.codarestore.ui.common.TargetWords.describe(target),
        output(target),
        verification,
        commands,
        followUp,
        lines,
        logFile);
  }

  private RestoreJob job(
      Catalog catalog,
      Path vtapeRoot,
      String config,
      ProgressListener progress,
      Cancellation cancel) {
    return new RestoreJob(
        catalog,
        new ChainPlanner(),
        fetcher(vtapeRoot, config),
        new ExtractionTreeExtractor(),
        workspace,
        progress,
        cancel,
        Clock.systemDefaultZone());
  }

  private static DumpFetcher fetcher(Path vtapeRoot, String config) {
    if (vtapeRoot != null) {
      return new VtapeFetcher(vtapeRoot);
    }
    if (config != null) {
      return new AmfetchdumpFetcher(config);
    }
    throw new UserFacingException(
        "the catalog says neither where the vtapes are nor which Amanda configuration to ask;"
            + " import it again from the Amanda configuration");
  }

  private static RestoreRequest request(
      RestorePlan plan, RestoreTarget target, boolean acceptUnchecked) {
    return new RestoreRequest(
        plan.host(), plan.volume(), plan.target(), target, null, acceptUnchecked);
  }

  private static Path output(RestoreTarget t) {
    if (t instanceof RestoreTarget.Directory d) {
      return d.dir();
    }
    if (t instanceof RestoreTarget.TarFile f) {
      return f.file();
    }
    if (t instanceof RestoreTarget.DumpFile f) {
      return f.file();
    }
    return null;
  }

  private static List<String> defaultFollowUp(RestoreTarget target) {
    if (target instanceof RestoreTarget.Directory || target instanceof RestoreTarget.TarFile) {
      return List.of(
          "Check the restored files, then copy what is needed back into /coda.",
          "Directory ACLs are in .coda-acls.json; re-apply them with cfs setacl where needed.");
    }
    if (target instanceof RestoreTarget.DumpFile) {
      return List.of("Restore the dump on a server with volutil restore -f FILE PARTITION NAME.");
    }
    return List.of();
  }

  /**
   * The volume's tree as the chain restores it, when every dump of the chain is verified in the
   * workspace cache (after an earlier restore or fetch): the cached dumps merged through a pipe
   * into a listing, nothing fetched and nothing written. Empty when a dump is not in the cache.
   */
  public Optional<DumpListing> cachedTree(RestorePlan plan, Cancellation cancel) {
    List<CatalogDump> chain = new ArrayList<>();
    for (ChainLink l : plan.chain()) {
      chain.add(l.dump());
    }
    try {
      return workspace.cachedChainListing(chain, cancel);
    } catch (IOException e) {
      return Optional.empty(); // the cache cannot be read: the paths are checked by the run
    }
  }

  /**
   * Extracts only {@code paths} (files or subtrees, relative to the volume root) into the new
   * directory {@code out}, each at its place in the volume. Each path is extracted into a scratch
   * folder beside {@code out} and moved into a staging folder, which is renamed to {@code out} at
   * the end; a failure or cancel removes them all, so {@code out} never exists half-written.
   */
  public static String extractPaths(
      Path dump, List<String> paths, Path out, ProgressListener progress, Cancellation cancel) {
    ExtractReport r =
        Extraction.run(
            dump,
            new ExtractRequest(ExtractRequest.Format.DIRECTORY, out, paths, false, null),
            progress,
            cancel);
    return io.codarestore.ui.common.Formats.count(paths.size(), "path", "paths")
        + ": "
        + io.codarestore.ui.common.Formats.count(r.files(), "file", "files")
        + ", "
        + io.codarestore.ui.common.Formats.bytes(r.bytes())
        + " written";
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // nothing more to do: the folder is under the workspace, not the user's target
    }
  }
}
