package io.codarestore.ui.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.LinkCheck;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.ui.demo.DemoInstaller;
import io.codarestore.ui.summary.SummaryModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's adapter over the core, on the built-in demo. */
class CoreRestoreTest {
  @TempDir Path tmp;
  private Catalog catalog;
  private Path vtapes;
  private RestorePlan plan;

  @BeforeEach
  void demo() {
    var d =
        new DemoInstaller()
            .install(tmp.resolve("demo"), ProgressListener.NONE, Cancellation.none());
    AmandaConfig c = AmandaConfig.read(d.configDir());
    vtapes = c.vtapeRoot();
    catalog = Catalog.open(tmp.resolve("catalog.db"));
    new CatalogImporter(catalog).importFrom(ImportSource.of(c));
    plan =
        new ChainPlanner()
            .plan(catalog, "localhost", "coda.root", PlanTarget.parse("2024-03-07T06:45:00"));
    assertThat(plan.restorable()).isTrue();
    assertThat(plan.chain()).hasSize(2);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  @Test
  void theLinksOfTheDemoChainAreProvenByTheHeaders() {
    CoreRestore core = new CoreRestore(tmp.resolve("ws"));
    List<LinkCheck.Link> links =
        core.checkLinks(catalog, plan, vtapes, "codademo", Cancellation.none());
    assertThat(links).hasSize(1);
    assertThat(links.get(0).verdict()).isEqualTo(LinkCheck.Verdict.OK);
    assertThat(links.get(0).increment().header().level()).isEqualTo(1);
  }

  @Test
  void cancelInTheMiddleOfTheExtractionLeavesNoOutputAndNoFetchedDumps() throws Exception {
    Path out = tmp.resolve("restored");
    Cancellation cancel = new Cancellation();
    List<String> stages = new ArrayList<>();
    ProgressListener cancelDuringExtract =
        new ProgressListener() {
          @Override
          public void stageStarted(String stage, long totalBytes) {
            stages.add(stage);
          }

          @Override
          public void progress(String stage, long done, long total) {
            if (stage.equals("extract") && done > 0) {
              cancel.cancel();
            }
          }
        };
    CoreRestore core = new CoreRestore(tmp.resolve("ws"));
    assertThatThrownBy(
            () ->
                core.run(
                    catalog,
                    plan,
                    new RestoreTarget.Directory(out, List.of(), false),
                    vtapes,
                    "codademo",
                    false,
                    cancelDuringExtract,
                    cancel,
                    line -> {}))
        .isInstanceOf(Cancellation.CancelledException.class);
    assertThat(stages).as("it got as far as the extraction").contains("extract");
    assertThat(out).doesNotExist();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("catalog.db")))
          .as("nothing beside the target")
          .containsExactlyInAnyOrder("demo", "ws");
    }
    try (Stream<Path> s = Files.walk(tmp.resolve("ws"))) {
      assertThat(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .as("no dump fetched by the cancelled run is kept; its log and runbook are")
          .containsExactlyInAnyOrder("run.log", "runbook.txt");
    }
  }

  @Test
  void theDryRunNamesTheRealDumpsTapesAndCommandsAndTouchesNothing() {
    CoreRestore core = new CoreRestore(tmp.resolve("ws"));
    var preview =
        core.preview(
            catalog,
            plan,
            new RestoreTarget.Volutil(
                "volutil", "scm", "/vicepa", "restored.root", 0x1000007, true),
            vtapes,
            "codademo",
            false);
    assertThat(preview.media()).containsExactly("CODA-04", "CODA-05");
    assertThat(preview.runbook().text())
        .contains("amfetchdump -p --exact-match codademo localhost coda.root 20240306090700")
        .contains("amfetchdump -p --exact-match codademo localhost coda.root 20240307064500")
        .contains("coda-restore promote --volid 1000007 ")
        .containsPattern(
            "volutil -h scm restore -f \\S+-rw-1000007\\.dump /vicepa restored.root 1000007\n")
        .doesNotContain("| volutil");
    assertThat(tmp.resolve("ws").resolve("runs")).doesNotExist();
  }

  @Test
  void aRunRestoresTheDemoChainAndReportsWhatItChecked() throws Exception {
    Path out = tmp.resolve("restored");
    List<String> log = new ArrayList<>();
    SummaryModel o =
        new CoreRestore(tmp.resolve("ws"))
            .run(
                catalog,
                plan,
                new RestoreTarget.Directory(out, List.of(), false),
                vtapes,
                "codademo",
                false,
                ProgressListener.NONE,
                Cancellation.none(),
                log::add);
    assertThat(o.output()).isEqualTo(out);
    assertThat(o.verification()).anyMatch(v -> v.startsWith("link OK"));
    assertThat(o.commands()).anyMatch(c -> c.contains("coda-restore merge"));
    assertThat(o.logFile()).isRegularFile();
    assertThat(log).isNotEmpty();
    assertThat(out.resolve("build")).isDirectory();
  }
}
