package io.codarestore.ui.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.Fetched;
import io.codarestore.restore.FollowUp;
import io.codarestore.restore.MediaChoice;
import io.codarestore.restore.PathsOutcome;
import io.codarestore.restore.RestoreJob;
import io.codarestore.restore.RestoreRequest;
import io.codarestore.restore.RestoreService;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.restore.RestoreWarning;
import io.codarestore.restore.Restored;
import io.codarestore.ui.common.WizardPhrases;
import io.codarestore.ui.demo.DemoInstaller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Summary page's model, without a toolkit: built from the typed outcome of a real restore of
 * the built-in demo (and variants of it for the server routes), in the wizard's words.
 */
class SummaryModelTest {
  @TempDir static Path tmp;
  static Catalog catalog;
  static RestorePlan plan;
  static RestoreService service;
  static RestoreService.Source source;
  static Path out;
  static RestoreJob.Outcome outcome;

  @BeforeAll
  static void restoreTheDemo() {
    var d =
        new DemoInstaller()
            .install(tmp.resolve("demo"), ProgressListener.NONE, Cancellation.none());
    AmandaConfig c = AmandaConfig.read(d.configDir());
    catalog = Catalog.open(tmp.resolve("catalog.db"));
    new CatalogImporter(catalog).importFrom(ImportSource.of(c));
    plan =
        new ChainPlanner()
            .plan(catalog, "localhost", "coda.root", PlanTarget.parse("2024-03-07T06:45:00"));
    service =
        new RestoreService(
            () -> tmp.resolve("ws"), WizardPhrases.INSTANCE, Clock.systemDefaultZone());
    source =
        new RestoreService.Source(catalog, catalog.file(), new MediaChoice(c.vtapeRoot(), null));
    out = tmp.resolve("restored");
    outcome = service.run(source, request(dir(out)), ProgressListener.NONE, Cancellation.none());
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  static RestoreTarget dir(Path p) {
    return new RestoreTarget.Directory(p, List.of(), false);
  }

  static RestoreRequest request(RestoreTarget t) {
    return new RestoreRequest(plan.host(), plan.volume(), plan.target(), t, null, false);
  }

  @Test
  void aDirectoryRestoreSaysWhatWasCheckedFetchedAndWrittenAndOpensTheDirectory() throws Exception {
    List<String> log = Files.readAllLines(outcome.runDirectory().resolve("run.log"));
    SummaryModel m = SummaryModel.of(outcome, plan, dir(out), log);

    assertThat(m.headline())
        .isEqualTo(
            "Restored localhost:coda.root as of 2024-03-07T06:45:00 → the whole tree into the"
                + " directory "
                + out
                + ".");
    // each chain dump fetched off its vtape, base first, its bytes those of the cached file
    assertThat(outcome.fetched()).hasSize(plan.chain().size());
    for (int i = 0; i < plan.chain().size(); i++) {
      ChainLink l = plan.chain().get(i);
      Fetched f = outcome.fetched().get(i);
      assertThat(f.from()).isEqualTo(Fetched.From.VTAPE);
      assertThat(f.media()).isEqualTo(l.dump().whereToRead());
      assertThat(f.bytes()).isEqualTo(Files.size(f.file()));
      assertThat(f.crc()).endsWith(":" + f.bytes());
      assertThat(m.verification())
          .contains(
              l.dump().volume()
                  + " level "
                  + l.level()
                  + " of "
                  + l.datestamp()
                  + ": "
                  + Files.size(f.file())
                  + " bytes from "
                  + l.dump().whereToRead());
    }
    Restored.Directory d = (Restored.Directory) outcome.restored();
    assertThat(d.dir()).isEqualTo(out);
    long files;
    try (Stream<Path> s = Files.walk(out)) {
      files =
          s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".coda"))
              .count();
    }
    assertThat(d.counts().files()).isPositive().isLessThanOrEqualTo(files);
    assertThat(m.verification()).first().asString().startsWith("link OK: ");
    assertThat(m.verification()).contains(d.describe());
    assertThat(m.verification()).noneMatch(v -> v.startsWith("merged full dump"));
    assertThat(m.commands()).first().asString().startsWith("# ");
    assertThat(m.commandText()).contains("coda-restore extract --to-dir " + out);
    assertThat(m.followUp())
        .containsExactly(
            "Check the restored files, then copy what is needed back into /coda.",
            "Directory ACLs are in .coda-acls.json; re-apply them with cfs setacl where needed.");
    assertThat(m.numberedFollowUp())
        .isEqualTo(
            "1. Check the restored files, then copy what is needed back into /coda.\n"
                + "2. Directory ACLs are in .coda-acls.json; re-apply them with cfs setacl where"
                + " needed.");
    assertThat(m.folder()).as("Open folder shows the directory").isEqualTo(out);
    assertThat(m.log()).isEqualTo(log).isNotEmpty();
    assertThat(m.logFile()).isRegularFile();
    assertThat(m.logLine()).isEqualTo("Run log kept in " + m.logFile());
  }

  @Test
  void aSecondRunReusesTheCachedDumpsAndADumpFileOpensItsFolder() throws Exception {
    Path file = tmp.resolve("files").resolve("merged.dump");
    Files.createDirectories(file.getParent());
    RestoreTarget t = new RestoreTarget.DumpFile(file, false);
    RestoreJob.Outcome o =
        service.run(source, request(t), ProgressListener.NONE, Cancellation.none());
    SummaryModel m = SummaryModel.of(o, plan, t, List.of());

    assertThat(o.fetched()).allMatch(Fetched::reused);
    for (int i = 0; i < o.fetched().size(); i++) {
      Fetched f = o.fetched().get(i);
      assertThat(f.crc()).isEqualTo(outcome.fetched().get(i).crc());
      assertThat(m.verification()).contains(f.dump() + ": reused from the workspace cache");
    }
    assertThat(o.restored()).isEqualTo(new Restored.DumpFile(file, Files.size(file)));
    assertThat(m.verification())
        .contains("merged full dump: " + Files.size(file) + " bytes")
        .contains("merged full dump " + file + " (" + Files.size(file) + " bytes)");
    assertThat(m.folder()).isEqualTo(file.getParent());
    assertThat(m.followUp())
        .containsExactly(
            "Restore the dump on a server with volutil restore -f FILE PARTITION NAME.");
  }

  @Test
  void aServerVolumeHasNoFolderToOpenAndItsStepsAndWarningsInTheWizardsWords() {
    RestoreTarget.Volutil v =
        new RestoreTarget.Volutil("volutil", "scm", "/vicepa", "back.rw", 0x2000001, true);
    List<FollowUp> steps =
        List.of(
            new FollowUp.RebuildLocationDatabase(),
            new FollowUp.MountOnClient("back.rw"),
            new FollowUp.KeepReadWriteOutOfBackup());
    List<RestoreWarning> warnings =
        List.of(
            new RestoreWarning.StockClientLimit(3_000_000, true),
            new RestoreWarning.Reported("a name was made safe"));
    RestoreJob.Outcome o =
        new RestoreJob.Outcome(
            outcome.preview(),
            outcome.links(),
            outcome.fetched(),
            null,
            new Restored.ServerVolume("scm", "/vicepa", "back.rw", "02000001", true, null),
            null,
            outcome.runDirectory(),
            steps,
            warnings,
            v,
            null);
    SummaryModel m = SummaryModel.of(o, plan, v, List.of());

    assertThat(m.output()).isNull();
    assertThat(m.folder()).as("Open folder does not apply").isNull();
    assertThat(m.verification()).contains("volume restored through volutil as 02000001");
    List<String> expected = new ArrayList<>();
    for (FollowUp f : steps) {
      expected.add(f.describe(WizardPhrases.INSTANCE));
    }
    assertThat(m.followUp()).isEqualTo(expected);
    assertThat(m.followUp().get(2))
        .startsWith("A read-write (type 4) volume restored by volutil crashes")
        .endsWith(WizardPhrases.INSTANCE.copyInRoute() + ", which has no such problem.");
    String limit = warnings.get(0).describe(WizardPhrases.INSTANCE);
    assertThat(limit)
        .startsWith("the merged dump will be over ")
        .endsWith(WizardPhrases.INSTANCE.copyInRoute());
    assertThat(m.verification()).endsWith("warning: " + limit, "warning: a name was made safe");
  }

  @Test
  void chosenPathsTheIndexServedSayWhatWasReadAgainstTheWholeChain() throws Exception {
    Path chosen = Files.createDirectories(tmp.resolve("chosen"));
    String head = plan.chain().get(plan.chain().size() - 1).datestamp().digits();
    long chainBytes = plan.chain().stream().mapToLong(l -> l.dump().bytes()).sum();
    Path run = tmp.resolve("ws/runs/r1");
    PathsOutcome o = new PathsOutcome(head, chosen, 1, 1, 6678, chainBytes, List.of(head), run);
    List<String> log = List.of("INFO restore localhost:coda.root", "INFO restore finished");
    SummaryModel m =
        SummaryModel.of(
            o,
            plan,
            new RestoreTarget.Directory(chosen, List.of("build/lnk"), false),
            List.of("# the command", "coda-restore restore"),
            log);

    assertThat(m.headline())
        .isEqualTo(
            "Restored localhost:coda.root as of 2024-03-07T06:45:00 → build/lnk into the"
                + " directory "
                + chosen
                + ".");
    assertThat(m.verification())
        .containsExactly(
            "read through the file index: 6678 bytes off the media, against "
                + chainBytes
                + " for the whole chain ("
                + Math.round(100.0 * 6678 / chainBytes)
                + "%)",
            "dumps read: 1 of the chain's " + plan.chain().size() + ": " + head,
            chosen + ": 1 directories, 1 files as of " + head);
    assertThat(m.log()).as("the run folder's log").isEqualTo(log);
    assertThat(m.logFile()).isEqualTo(run.resolve("run.log"));
    assertThat(m.logLine()).contains(run.resolve("run.log").toString());
    assertThat(m.folder()).isEqualTo(chosen);
    assertThat(m.commandText()).isEqualTo("# the command\ncoda-restore restore");
    assertThat(m.numberedFollowUp())
        .startsWith("1. Check the restored files")
        .contains("\n2. Directory ACLs are not restored by this route");
  }
}
