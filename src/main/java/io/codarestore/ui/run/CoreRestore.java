package io.codarestore.ui.run;

import io.codarestore.catalog.Catalog;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.dump.DumpListing;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.LinkCheck;
import io.codarestore.restore.MediaChoice;
import io.codarestore.restore.RestoreJob;
import io.codarestore.restore.RestoreRequest;
import io.codarestore.restore.RestoreService;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.restore.Runbook;
import io.codarestore.ui.common.TargetWords;
import io.codarestore.ui.common.WizardPhrases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The wizard's adapter over the one {@link RestoreService}: the dry run and the run, the header
 * check of the chain's links for the Chain page (the job checks them again before any bulk read).
 * The pages build the core's {@link RestoreTarget} themselves.
 */
public final class CoreRestore {
  private final RestoreService service;

  /** The adapter over the application's one restore service. */
  public CoreRestore(RestoreService service) {
    this.service = service;
  }

  /** A service of its own over {@code workspaceRoot} (tests, tools). */
  public CoreRestore(Path workspaceRoot) {
    this(
        new RestoreService(() -> workspaceRoot, WizardPhrases.INSTANCE, Clock.systemDefaultZone()));
  }

  public Path workspaceRoot() {
    return service.workspace().root();
  }

  /** The service this adapter drives. */
  public RestoreService service() {
    return service;
  }

  /**
   * Checks every link of the plan's chain from the dump headers (uniquifier continuity included):
   * the restore job's own check, which it repeats before any bulk read. Reads the catalog: run it
   * on the catalog's thread.
   */
  public List<LinkCheck.Link> checkLinks(
      Catalog catalog, RestorePlan plan, Path vtapeRoot, String config, Cancellation cancel) {
    return service.checkLinks(source(catalog, vtapeRoot, config), plan, cancel);
  }

  /** What the restore would do (the dry run): plan, media, bytes, space, runbook. */
  public RestoreJob.Preview preview(
      Catalog catalog,
      RestorePlan plan,
      RestoreTarget target,
      Path vtapeRoot,
      String config,
      boolean acceptUnchecked) {
    return service.preview(
        source(catalog, vtapeRoot, config), request(plan, target, acceptUnchecked));
  }

  /**
   * Runs the restore through the service. Stages go to {@code progress}; {@code log} gets the job's
   * run log once it ends. The job removes what a failed or cancelled run created.
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
    RestoreJob.Outcome o =
        service.run(
            source(catalog, vtapeRoot, config),
            request(plan, target, acceptUnchecked),
            progress,
            cancel);
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
    if (o.mergedBytes() >= 0) {
      verification.add("merged full dump: " + o.mergedBytes() + " bytes");
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
            + TargetWords.describe(target),
        o.output(),
        verification,
        commands,
        followUp,
        lines,
        logFile);
  }

  private static RestoreService.Source source(Catalog catalog, Path vtapeRoot, String config) {
    return new RestoreService.Source(
        catalog, catalog.file(), new MediaChoice(vtapeRoot, vtapeRoot != null ? null : config));
  }

  private static RestoreRequest request(
      RestorePlan plan, RestoreTarget target, boolean acceptUnchecked) {
    return new RestoreRequest(
        plan.host(), plan.volume(), plan.target(), target, null, acceptUnchecked);
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
    return service.cachedTree(plan, cancel);
  }
}
