package io.codarestore.ui.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.index.DumpIndexer;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.LinkCheck;
import io.codarestore.restore.MediaChoice;
import io.codarestore.restore.Phrases;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.ui.demo.DemoInstaller;
import io.codarestore.ui.summary.SummaryModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** New in the chain's level 1 (the demo's truth): only that dump holds it. */
  private static final String CHOSEN = "build/lnk";

  private static final Pattern READ =
      Pattern.compile(
          "read through the file index: (\\d+) bytes off the media, against (\\d+) for the whole"
              + " chain \\((\\d+)%\\)");

  private void indexTheDumps() {
    new DumpIndexer(
            catalog,
            new MediaChoice(vtapes, null).fetcher(catalog, catalog.file(), true, Phrases.NEUTRAL))
        .run(null, null, null, ProgressListener.NONE, Cancellation.none());
  }

  private SummaryModel restore(
      CoreRestore core,
      Path out,
      List<String> paths,
      ProgressListener progress,
      Cancellation cancel,
      List<String> log) {
    return core.run(
        catalog,
        plan,
        new RestoreTarget.Directory(out, paths, false),
        vtapes,
        "codademo",
        false,
        progress,
        cancel,
        log::add);
  }

  /** Relative path of every file and symbolic link under {@code root} -> its bytes or target. */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String name = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(name, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p)) {
          out.put(name, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return out;
  }

  private static List<String> children(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void chosenPathsOnAnIndexedCatalogAreReadThroughTheIndexAsTheWholeChainRestoresThem()
      throws Exception {
    indexTheDumps();
    CoreRestore core = new CoreRestore(tmp.resolve("ws"));
    Path whole = tmp.resolve("whole");
    SummaryModel chain =
        restore(
            core, whole, List.of(), ProgressListener.NONE, Cancellation.none(), new ArrayList<>());
    assertThat(chain.verification())
        .as("the whole tree merges the chain, index or not: its links are checked")
        .anyMatch(v -> v.startsWith("link OK"));

    Path out = tmp.resolve("chosen");
    List<String> stages = new ArrayList<>();
    ProgressListener recording =
        new ProgressListener() {
          @Override
          public void stageStarted(String stage, long totalBytes) {
            stages.add(stage);
          }
        };
    List<String> log = new ArrayList<>();
    SummaryModel m = restore(core, out, List.of(CHOSEN), recording, Cancellation.none(), log);

    Map<String, String> truth = new TreeMap<>(files(whole));
    truth.keySet().removeIf(k -> !k.startsWith(CHOSEN));
    assertThat(files(out))
        .as("the same bytes as the whole chain's restore, only the chosen path")
        .isNotEmpty()
        .isEqualTo(truth);
    assertThat(m.verification())
        .as("no link check, no dump fetched whole: the index route")
        .noneMatch(v -> v.startsWith("link ") || v.contains(" bytes from "));
    Matcher read = READ.matcher(m.verification().get(0));
    assertThat(read.matches()).as(m.verification().get(0)).isTrue();
    long bytesRead = Long.parseLong(read.group(1));
    long chainBytes = Long.parseLong(read.group(2));
    assertThat(chainBytes).isEqualTo(plan.chain().stream().mapToLong(l -> l.dump().bytes()).sum());
    assertThat(bytesRead).isPositive().isLessThan(chainBytes);
    assertThat(Long.parseLong(read.group(3))).isEqualTo(Math.round(100.0 * bytesRead / chainBytes));
    List<String> datestamps = plan.chain().stream().map(l -> l.datestamp().digits()).toList();
    String dumps = m.verification().get(1);
    assertThat(dumps).startsWith("dumps read: ").contains(" of the chain's " + datestamps.size());
    List<String> named = List.of(dumps.substring(dumps.lastIndexOf(": ") + 2).split(", "));
    assertThat(named)
        .as("only the level 1, which holds the new link")
        .containsExactly(datestamps.get(datestamps.size() - 1));
    assertThat(dumps).startsWith("dumps read: " + named.size() + " of");
    assertThat(m.verification().get(2)).startsWith(out + ": ").contains(" files as of 20240307");
    assertThat(m.headline())
        .isEqualTo(
            "Restored localhost:coda.root as of 2024-03-07T06:45:00 → "
                + CHOSEN
                + " into the directory "
                + out
                + ".");
    assertThat(m.output()).isEqualTo(out);
    assertThat(m.folder()).isEqualTo(out);
    assertThat(m.commands())
        .contains(
            "coda-restore restore --db "
                + catalog.file()
                + " --vtapes "
                + vtapes
                + " --host localhost --volume coda.root --date 2024-03-07T06:45:00 --path "
                + CHOSEN
                + " --to-dir "
                + out);
    assertThat(m.followUp()).first().asString().startsWith("Check the restored files");
    assertThat(m.logFile())
        .as("a run folder in the workspace, as for a whole-chain run")
        .isRegularFile()
        .satisfies(f -> assertThat(f.getParent().getParent()).hasFileName("runs"));
    assertThat(log).as("the Run page's log gets the run log").isEqualTo(m.log());
    assertThat(String.join("\n", log))
        .contains("through the file index")
        .contains("reads: level 1 of ")
        .contains("restore finished");
    assertThat(stages).as("progress reaches the Run page").isNotEmpty();
  }

  @Test
  void withoutTheFileIndexChosenPathsStillMergeTheWholeChain() throws Exception {
    Path out = tmp.resolve("chosen");
    List<String> log = new ArrayList<>();
    SummaryModel m =
        restore(
            new CoreRestore(tmp.resolve("ws")),
            out,
            List.of(CHOSEN),
            ProgressListener.NONE,
            Cancellation.none(),
            log);
    assertThat(m.verification()).anyMatch(v -> v.startsWith("link OK"));
    assertThat(m.verification().stream().filter(v -> v.contains(" bytes from ")))
        .as("every dump of the chain fetched")
        .hasSize(plan.chain().size());
    assertThat(m.verification()).noneMatch(v -> v.startsWith("read through the file index"));
    assertThat(m.commands()).anyMatch(c -> c.contains("coda-restore merge"));
    assertThat(m.logFile()).isRegularFile();
    assertThat(out.resolve(CHOSEN)).isSymbolicLink();
    assertThat(children(out)).contains("build").doesNotContain("notes", "x");
  }

  @Test
  void cancellingTheIndexRouteLeavesNoOutput() throws Exception {
    indexTheDumps();
    Path out = tmp.resolve("chosen");
    Cancellation cancel = new Cancellation();
    ProgressListener cancelWhileReading =
        new ProgressListener() {
          @Override
          public void progress(String stage, long done, long total) {
            if (done > 0) {
              cancel.cancel();
            }
          }
        };
    assertThatThrownBy(
            () ->
                restore(
                    new CoreRestore(tmp.resolve("ws")),
                    out,
                    List.of(CHOSEN),
                    cancelWhileReading,
                    cancel,
                    new ArrayList<>()))
        .isInstanceOf(Cancellation.CancelledException.class);
    assertThat(out).doesNotExist();
    assertThat(children(tmp))
        .as("no partial directory beside it")
        .noneMatch(n -> n.contains("chosen"));
  }
}
