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
import io.codarestore.restore.Routed;
import io.codarestore.restore.Shell;
import io.codarestore.ui.common.WizardPhrases;
import io.codarestore.ui.summary.SummaryModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The wizard's adapter over the one {@link RestoreService}: the dry run and the run (by the route
 * the service picks, as for the CLI), the header check of the chain's links for the Chain page (the
 * job checks them again before any bulk read). The pages build the core's {@link RestoreTarget}
 * themselves.
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

  /**
   * What the restore would do (the dry run): media, bytes, space, runbook — of the chain the Chain
   * page planned and showed, not planned again.
   */
  public RestoreJob.Preview preview(
      Catalog catalog,
      RestorePlan plan,
      RestoreTarget target,
      Path vtapeRoot,
      String config,
      boolean acceptUnchecked) {
    return service.preview(
        source(catalog, vtapeRoot, config), plan, request(plan, target, acceptUnchecked));
  }

  /**
   * The dry run of the index route: when the service's rule serves this restore through the file
   * index (chosen paths into a new directory, the index knowing the restore point), the dumps it
   * reads; empty when the whole chain is merged ({@link #preview}).
   */
  public java.util.Optional<io.codarestore.restore.PathsPreview> previewPaths(
      Catalog catalog,
      RestorePlan plan,
      RestoreTarget target,
      Path vtapeRoot,
      String config,
      boolean acceptUnchecked) {
    return service.previewPaths(
        source(catalog, vtapeRoot, config), request(plan, target, acceptUnchecked));
  }

  /**
   * Runs the restore through the service, by the route its one rule picks (the CLI's): chosen paths
   * into a new directory on an indexed catalog are read through the file index, only from the dumps
   * holding them; otherwise the whole chain is merged. Stages go to {@code progress}; {@code log}
   * gets the run's log once it ends. What a failed or cancelled run created is removed. Returns the
   * Summary page's model of the typed outcome.
   */
  public SummaryModel run(
      Catalog catalog,
      RestorePlan plan,
      RestoreTarget target,
      Path vtapeRoot,
      String config,
      boolean acceptUnchecked,
      ProgressListener progress,
      Cancellation cancel,
      Consumer<String> log) {
    Routed done =
        service.restore(
            source(catalog, vtapeRoot, config),
            plan,
            request(plan, target, acceptUnchecked),
            progress,
            cancel);
    if (done instanceof Routed.ByIndex byIndex) {
      List<String> lines = runLog(byIndex.outcome().runDirectory());
      lines.forEach(log);
      return SummaryModel.of(
          byIndex.outcome(),
          plan,
          target,
          indexCommands(catalog, plan, target, vtapeRoot, config),
          lines);
    }
    RestoreJob.Outcome o = ((Routed.WholeChain) done).outcome();
    List<String> lines = runLog(o.runDirectory());
    lines.forEach(log);
    return SummaryModel.of(o, plan, target, lines);
  }

  /** The lines of a run folder's {@code run.log} (a line saying so when it cannot be read). */
  private static List<String> runLog(Path runDirectory) {
    Path logFile = runDirectory.resolve("run.log");
    List<String> lines = new ArrayList<>();
    try {
      if (Files.isRegularFile(logFile)) {
        lines.addAll(Files.readAllLines(logFile));
      }
    } catch (IOException e) {
      lines.add("(the run log " + logFile + " cannot be read: " + e.getMessage() + ")");
    }
    return lines;
  }

  /** The command line doing what the index route did, as the Summary page's runbook shows it. */
  static List<String> indexCommands(
      Catalog catalog, RestorePlan plan, RestoreTarget target, Path vtapeRoot, String config) {
    RestoreTarget.Directory d = (RestoreTarget.Directory) target;
    List<String> argv = new ArrayList<>(List.of("coda-restore", "restore", "--db"));
    argv.add(catalog.file().toString());
    if (vtapeRoot != null) {
      argv.addAll(List.of("--vtapes", vtapeRoot.toString()));
    } else if (config != null) {
      argv.addAll(List.of("--amfetchdump", config));
    }
    argv.addAll(
        List.of("--host", plan.host(), "--volume", plan.volume(), "--date", plan.target().text()));
    for (String p : d.paths()) {
      argv.addAll(List.of("--path", p));
    }
    argv.addAll(List.of("--to-dir", d.dir().toString()));
    return List.of(
        "# Restore the chosen paths through the file index (only the dumps holding them are read)",
        Shell.join(argv));
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

  /**
   * The volume's tree as the chain restores it, when every dump of the chain is verified in the
   * workspace cache (after an earlier restore or fetch): the cached dumps merged through a pipe
   * into a listing, nothing fetched and nothing written. Empty when a dump is not in the cache.
   */
  public Optional<DumpListing> cachedTree(RestorePlan plan, Cancellation cancel) {
    return service.cachedTree(plan, cancel);
  }
}
