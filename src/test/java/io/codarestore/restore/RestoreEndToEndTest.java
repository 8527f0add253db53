package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.cli.Cli;
import io.codarestore.core.Cancellation;
import io.codarestore.core.Datestamp;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.testing.AmandaFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores from a real Amanda installation (shared/tools/amanda-fixture) and compares each restored
 * tree with coda-dumpgen's ground truth at that date.
 */
class RestoreEndToEndTest {
  static Path fixture;
  static Path db;
  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void importCatalog() throws Exception {
    fixture = AmandaFixture.get().outdir();
    db = shared.resolve("catalog.db");
    try (Catalog c = Catalog.open(db)) {
      new CatalogImporter(c)
          .importFrom(
              ImportSource.of(io.codarestore.amanda.AmandaConfig.read(fixture.resolve("etc"))));
    }
  }

  private RestoreJob job(Catalog c, Path workspace, Cancellation cancel) {
    io.codarestore.catalog.ImportSource src = c.source().orElseThrow();
    return new RestoreJob(
        c,
        new ChainPlanner(),
        new VtapeFetcher(src.vtapeRoot()),
        new ExtractionTreeExtractor(),
        new Workspace(workspace),
        ProgressListener.NONE,
        cancel,
        Clock.systemUTC());
  }

  @Test
  void everyRestorableDayOfEveryVolumeEqualsTheGroundTruth() throws Exception {
    List<String> checked = new ArrayList<>();
    try (Catalog c = Catalog.openExisting(db)) {
      Path ws = tmp.resolve("ws");
      for (String volume : List.of("coda.root", "u.alice", "proj.src")) {
        for (int day = 1; day <= 10; day++) {
          String date = String.format("2024-03-%02d", day);
          RestorePlan plan =
              new ChainPlanner().plan(c, "localhost", volume, PlanTarget.parse(date));
          if (!plan.restorable()) {
            continue;
          }
          Path out = tmp.resolve(volume + "-" + date);
          job(c, ws, Cancellation.none())
              .run(
                  new RestoreRequest(
                      "localhost",
                      volume,
                      PlanTarget.parse(date),
                      new RestoreTarget.Directory(out, List.of(), false),
                      null,
                      false));
          String head = plan.chain().get(plan.chain().size() - 1).datestamp().digits();
          Map<String, Truth.Node> truth =
              Truth.manifest(fixture.resolve("coda/genstate").resolve(volume), iso(head));
          assertThat(Truth.diff(truth, Truth.directory(out))).as(volume + " at " + date).isEmpty();
          checked.add(volume + "@" + date);
        }
      }
    }
    // The fixture keeps at least the last three days restorable for each volume.
    assertThat(checked).hasSizeGreaterThanOrEqualTo(9);
  }

  static String iso(String datestamp) {
    String n = Datestamp.parse(datestamp).nice(); // YYYY-MM-DD-HH-MM-SS
    return n.substring(0, 10)
        + "T"
        + n.substring(11, 13)
        + ":"
        + n.substring(14, 16)
        + ":"
        + n.substring(17, 19)
        + "Z";
  }

  @Test
  void commandLineRestoreToDirectoryAndDryRun() throws Exception {
    Path out = tmp.resolve("cli-out");
    StringWriter so = new StringWriter();
    StringWriter se = new StringWriter();
    int rc =
        Cli.run(
            new PrintWriter(so, true),
            new PrintWriter(se, true),
            "restore",
            "--db",
            db.toString(),
            "--host",
            "localhost",
            "--volume",
            "u.alice",
            "--date",
            "2024-03-10",
            "--to-dir",
            out.toString(),
            "--dry-run",
            "--workspace",
            tmp.resolve("ws").toString());
    assertThat(rc).as(se.toString()).isZero();
    assertThat(so.toString())
        .contains("media in reading order")
        .contains("amfetchdump")
        .contains("coda-restore merge");
    assertThat(out).doesNotExist();
    assertThat(tmp.resolve("ws")).doesNotExist();

    rc =
        Cli.run(
            new PrintWriter(so, true),
            new PrintWriter(se, true),
            "restore",
            "--db",
            db.toString(),
            "--host",
            "localhost",
            "--volume",
            "u.alice",
            "--date",
            "2024-03-10",
            "--to-dir",
            out.toString(),
            "--workspace",
            tmp.resolve("ws").toString(),
            "--json");
    assertThat(rc).as(se.toString()).isZero();
    assertThat(so.toString()).contains("\"restorable\"").contains("\"runDirectory\"");
    assertThat(Files.list(tmp.resolve("ws/runs")).findFirst().orElseThrow().resolve("runbook.txt"))
        .exists();
    assertThat(out.resolve(".coda-acls.json")).exists();
  }

  @Test
  void aSecondRunReusesTheVerifiedCache() throws Exception {
    try (Catalog c = Catalog.openExisting(db)) {
      Path ws = tmp.resolve("ws");
      RestoreRequest r1 =
          new RestoreRequest(
              "localhost",
              "coda.root",
              PlanTarget.parse("2024-03-10"),
              new RestoreTarget.DumpFile(tmp.resolve("a.dump"), false),
              null,
              false);
      RestoreJob.Outcome first = job(c, ws, Cancellation.none()).run(r1);
      assertThat(first.fetched()).noneMatch(s -> s.describe().contains("reused"));
      RestoreRequest r2 =
          new RestoreRequest(
              "localhost",
              "coda.root",
              PlanTarget.parse("2024-03-10"),
              new RestoreTarget.DumpFile(tmp.resolve("b.dump"), false),
              null,
              false);
      RestoreJob.Outcome second = job(c, ws, Cancellation.none()).run(r2);
      assertThat(second.fetched()).allMatch(s -> s.describe().contains("reused"));
      assertThat(Files.readAllBytes(tmp.resolve("b.dump")))
          .isEqualTo(Files.readAllBytes(tmp.resolve("a.dump")));
    }
  }

  @Test
  void chosenPathsOnly() throws Exception {
    try (Catalog c = Catalog.openExisting(db)) {
      RestorePlan plan =
          new ChainPlanner().plan(c, "localhost", "u.alice", PlanTarget.parse("2024-03-10"));
      String head = plan.chain().get(plan.chain().size() - 1).datestamp().digits();
      Map<String, Truth.Node> truth =
          Truth.manifest(fixture.resolve("coda/genstate/u.alice"), iso(head));
      String dir =
          truth.entrySet().stream()
              .filter(
                  e ->
                      e.getValue().type().equals("dir")
                          && !e.getKey().equals(".")
                          && !e.getKey().contains("/"))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
      String file =
          truth.entrySet().stream()
              .filter(e -> e.getValue().type().equals("file") && !e.getKey().contains("/"))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
      Path out = tmp.resolve("chosen");
      RestoreJob.Outcome outcome =
          job(c, tmp.resolve("ws"), Cancellation.none())
              .run(
                  new RestoreRequest(
                      "localhost",
                      "u.alice",
                      PlanTarget.parse("2024-03-10"),
                      new RestoreTarget.Directory(out, List.of(dir, "/" + file), false),
                      null,
                      false));
      Map<String, Truth.Node> expected = new java.util.TreeMap<>();
      truth.forEach(
          (k, v) -> {
            if (k.equals(dir) || k.startsWith(dir + "/") || k.equals(file)) {
              expected.put(k, v);
            }
          });
      Map<String, Truth.Node> got = Truth.directory(out);
      got.remove(".");
      assertThat(outcome.restored().describe())
          .startsWith(out.toString())
          .contains(" files (")
          .doesNotContain("ExtractReport");
      assertThat(Truth.diff(expected, got)).isEmpty();
    }
  }
}
