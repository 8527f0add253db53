package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.cli.CliPhrases;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.PlanTarget;
import io.codarestore.ui.common.WizardPhrases;
import io.codarestore.ui.demo.DemoInstaller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one restore service on the built-in demo: its dry-run cache, media rule and phrasing. */
class RestoreServiceTest {
  @TempDir Path tmp;
  private Catalog catalog;
  private RestoreService.Source source;

  @BeforeEach
  void demo() {
    var d =
        new DemoInstaller()
            .install(tmp.resolve("demo"), ProgressListener.NONE, Cancellation.none());
    AmandaConfig c = AmandaConfig.read(d.configDir());
    catalog = Catalog.open(tmp.resolve("catalog.db"));
    new CatalogImporter(catalog).importFrom(ImportSource.of(c));
    source = new RestoreService.Source(catalog, catalog.file(), MediaChoice.FROM_CATALOG);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  private RestoreService service() {
    return new RestoreService(() -> tmp.resolve("ws"), Phrases.NEUTRAL, Clock.systemUTC());
  }

  private static RestoreRequest request(RestoreTarget t) {
    return new RestoreRequest(
        "localhost", "coda.root", PlanTarget.parse("2024-03-07T06:45:00"), t, null, false);
  }

  @Test
  void aSecondDryRunReadsNoCachedDumpAgainUntilOneChanges() throws Exception {
    Path out = tmp.resolve("restored");
    RestoreJob.Outcome done =
        service()
            .run(
                source,
                request(new RestoreTarget.Directory(out, List.of(), false)),
                ProgressListener.NONE,
                Cancellation.none());
    assertThat(out.resolve("build")).isDirectory();
    assertThat(done.output()).as("what was restored where, typed").isEqualTo(out);
    assertThat(done.kept()).isEmpty();
    assertThat(done.target()).isEqualTo(new RestoreTarget.Directory(out, List.of(), false));
    RestoreService s = service(); // a new start: nothing known about the cache yet
    RestoreTarget dump = new RestoreTarget.DumpFile(tmp.resolve("merged.dump"), false);
    RestoreJob.Preview first = s.preview(source, request(dump));
    long readsAfterFirst = s.workspace().dumpsRead();
    assertThat(readsAfterFirst).as("the first dry run checks both cached dumps").isEqualTo(2);
    assertThat(first.bytesToWrite()).isPositive();
    RestoreJob.Preview second = s.preview(source, request(dump));
    assertThat(s.workspace().dumpsRead()).as("the second reads none").isEqualTo(readsAfterFirst);
    assertThat(second.space().stream().map(SpaceCheck.Result::needed).toList())
        .isEqualTo(first.space().stream().map(SpaceCheck.Result::needed).toList());
    assertThat(second.runbook().text()).isEqualTo(first.runbook().text());

    Path cached;
    try (var files = Files.walk(s.workspace().root().resolve("cache"))) {
      cached = files.filter(p -> p.toString().endsWith(".dump")).findFirst().orElseThrow();
    }
    Files.write(cached, new byte[] {1}, StandardOpenOption.APPEND);
    s.preview(source, request(dump));
    assertThat(s.workspace().dumpsRead())
        .as("a changed cache file is checked again, and only that one")
        .isEqualTo(readsAfterFirst + 1);
  }

  /**
   * A chain the front planned and showed (the wizard's Chain page) is previewed and restored as it
   * is, not planned again inside the service or the job; a plan of another volume or date is
   * refused.
   */
  @Test
  void aPlannedChainIsPreviewedAndRestoredWithoutPlanningItAgain() throws Exception {
    RestoreService s = service();
    Path out = tmp.resolve("as-shown");
    RestoreRequest req = request(new RestoreTarget.Directory(out, List.of(), false));
    io.codarestore.plan.RestorePlan shown = s.plan(source, req);
    assertThat(s.preview(source, shown, req).plan()).as("the dry run's plan").isSameAs(shown);
    RestoreJob.Outcome done = s.run(source, shown, req, ProgressListener.NONE, Cancellation.none());
    assertThat(done.preview().plan()).as("the run's plan").isSameAs(shown);
    assertThat(out.resolve("build")).isDirectory();
    assertThat(s.preview(source, req).plan())
        .as("without a plan the service plans once, the same chain")
        .isNotSameAs(shown)
        .isEqualTo(shown);

    RestoreRequest other =
        new RestoreRequest(
            "localhost",
            "coda.root",
            PlanTarget.parse("2024-03-06"),
            new RestoreTarget.Directory(tmp.resolve("other"), List.of(), false),
            null,
            false);
    assertThatThrownBy(() -> s.preview(source, shown, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not the plan of the request");
    assertThat(tmp.resolve("other")).doesNotExist();
  }

  @Test
  void theChainPagesCacheQuestionSharesTheDryRunsMemory() throws Exception {
    service()
        .run(
            source,
            request(new RestoreTarget.Directory(tmp.resolve("restored"), List.of(), false)),
            ProgressListener.NONE,
            Cancellation.none());
    RestoreService s = service();
    List<io.codarestore.catalog.CatalogDump> chain =
        new io.codarestore.plan.ChainPlanner()
                .plan(
                    source.catalog(),
                    "localhost",
                    "coda.root",
                    PlanTarget.parse("2024-03-07T06:45:00"))
                .chain()
                .stream()
                .map(io.codarestore.plan.ChainLink::dump)
                .toList();
    assertThat(chain).allMatch(s::hasVerifiedCopy);
    long reads = s.workspace().dumpsRead();
    assertThat(reads).as("each cached dump read once").isEqualTo(chain.size());
    s.preview(source, request(new RestoreTarget.DumpFile(tmp.resolve("m.dump"), false)));
    assertThat(chain).allMatch(s::hasVerifiedCopy);
    assertThat(s.workspace().dumpsRead())
        .as("neither the dry run nor asking again re-reads")
        .isEqualTo(reads);
    io.codarestore.plan.RestorePlan plan =
        s.plan(source, request(new RestoreTarget.DumpFile(tmp.resolve("m.dump"), false)));
    assertThat(s.cachedTree(plan, Cancellation.none()))
        .as("the Target page's tree of the cached chain")
        .hasValueSatisfying(t -> assertThat(t.entries()).isNotEmpty());
    assertThat(s.workspace().dumpsRead())
        .as("the cached tree reuses the same memory: no CRC-32C read again")
        .isEqualTo(reads);
  }

  @Test
  void aCatalogThatKnowsNoMediaNeedsNoneForTheHoldingDiskAndSaysSoInEachFrontsWords() {
    Path db = tmp.resolve("empty.db");
    try (Catalog empty = Catalog.open(db)) {
      assertThat(MediaChoice.FROM_CATALOG.fetcher(empty, db, false, Phrases.NEUTRAL))
          .as("dumps on the holding disk are read from their files")
          .isInstanceOf(VtapeFetcher.class);
      assertThatThrownBy(
              () -> MediaChoice.FROM_CATALOG.fetcher(empty, db, true, CliPhrases.INSTANCE))
          .isInstanceOf(RestoreProblem.NoMedia.class)
          .hasMessage(
              db + " does not say where the vtapes are; pass --vtapes DIR or --amfetchdump CONFIG");
      assertThatThrownBy(
              () -> MediaChoice.FROM_CATALOG.fetcher(empty, db, true, WizardPhrases.INSTANCE))
          .isInstanceOf(RestoreProblem.NoMedia.class)
          .hasMessageContaining("import it again from the Amanda configuration")
          .hasMessageNotContaining("--");
    }
  }

  @Test
  void anExistingTargetIsATypedProblemThatEachFrontPhrases() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("taken"));
    RestoreRequest req = request(new RestoreTarget.Directory(out, List.of(), false));
    List<RestoreProblem> core = Preconditions.typedProblems(req, Phrases.NEUTRAL);
    assertThat(core).hasSize(1);
    assertThat(core.get(0)).isInstanceOf(RestoreProblem.TargetExists.class);
    assertThat(((RestoreProblem.TargetExists) core.get(0)).path()).isEqualTo(out);
    assertThat(core.get(0).getMessage())
        .isEqualTo(
            "target directory "
                + out
                + " exists already; it is not overwritten (choose another name)");
    assertThat(Preconditions.problems(req, CliPhrases.INSTANCE))
        .containsExactly(
            "target directory "
                + out
                + " exists already; it is not overwritten (choose another name, or --force to"
                + " replace it)");
    assertThatThrownBy(
            () ->
                service()
                    .run(
                        source,
                        request(new RestoreTarget.Directory(out, List.of(), false)),
                        ProgressListener.NONE,
                        Cancellation.none()))
        .isInstanceOf(RestoreProblem.TargetExists.class)
        .hasMessageNotContaining("--");
  }

  @Test
  void noCoreMessageNamesACommandLineOption() throws Exception {
    Path kept = Files.createFile(tmp.resolve("kept.dump"));
    RestoreTarget.Volutil rw = new RestoreTarget.Volutil("volutil", null, "/vicepa", "x", 7, true);
    RestoreRequest req =
        new RestoreRequest(
            "localhost", "coda.root", PlanTarget.parse("2024-03-07"), rw, kept, false);
    List<String> texts = new java.util.ArrayList<>();
    texts.addAll(Preconditions.problems(req, Phrases.NEUTRAL));
    Preconditions.targetWarnings(req, 600_000, 700_000).forEach(w -> texts.add(w.describe()));
    // the typed outcome's neutral words
    Path p = tmp.resolve("out");
    Restored.TreeCounts counts = new Restored.TreeCounts(1, 2, 3, 4, 5, 6, 7);
    for (Restored r :
        List.of(
            new Restored.DumpFile(p, 1),
            new Restored.Directory(p, counts),
            new Restored.TarFile(p, counts),
            new Restored.ServerVolume(null, "/vicepa", "x", "7", true, kept),
            new Restored.CopyInComplete("x", p, List.of("copy")),
            new Restored.CopyInStopped("x", "copy", List.of("copy")),
            new Restored.CopyInPaused(
                "x",
                "createvol",
                List.of(new FollowUp.CreateVolumeOnScm(List.of("createvol_rep", "x", "s/vicepa"))),
                List.of("createvol (waiting)")))) {
      texts.add(r.describe());
    }
    for (FollowUp f :
        List.of(
            new FollowUp.RebuildLocationDatabase(),
            new FollowUp.MountOnClient("x"),
            new FollowUp.KeepReadWriteOutOfBackup(),
            new FollowUp.PurgeReadOnly("7", "x"),
            new FollowUp.CreateVolumeOnScm(List.of("createvol_rep", "x", "s/vicepa")),
            new FollowUp.ContinueAfter("copy"),
            new FollowUp.CheckNewVolume("x.new", "x"))) {
      texts.add(f.describe());
    }
    for (RestoreWarning w :
        List.of(
            new RestoreWarning.StockClientLimit(700_000, true),
            new RestoreWarning.ReadWriteVolume(),
            new RestoreWarning.NotEnoughSpace(new SpaceCheck.Result(p, 10, 1)))) {
      texts.add(w.describe());
    }
    texts.add(
        new RestoreProblem.UncheckedLink("the link cannot be checked", Phrases.NEUTRAL)
            .getMessage());
    texts.add(new RestoreProblem.NoMedia(tmp, Phrases.NEUTRAL).getMessage());
    texts.add(Phrases.NEUTRAL.keepMergedIsTarget());
    texts.add(
        VolutilRestore.explain(
            new VolutilRestore.Outcome(1, List.of("RPC2_SEFAIL2 (F) in CheckSideEffect")),
            600_000,
            kept,
            Phrases.NEUTRAL));
    // the runbook's commands are command lines by nature; its notes are words for the user
    for (Runbook.Step step : service().preview(source, req).runbook().steps()) {
      texts.addAll(step.notes());
    }
    assertThat(texts).hasSizeGreaterThan(6);
    for (String t : texts) {
      assertThat(t)
          .doesNotContainPattern(
              "--(accept-unchecked|force|keep-merged|copy-in|volid|vtapes|amfetchdump)");
    }
    assertThat(String.join("\n", texts))
        .contains("accept the risk to go on")
        .contains("the copy-in route (a new volume, filled through a Coda client)");
  }
}
