package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.DumpCopies;
import io.codarestore.catalog.HoldingCopy;
import io.codarestore.catalog.ImportSource;
import io.codarestore.catalog.ImportSummary;
import io.codarestore.cli.Cli;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.testing.HoldingFixture;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dumps a real Amanda 3.5.1 left on its holding disk ({@code amdump --no-taper} on the day after
 * the shared fixture's ten days; chunksize 1 MiB): the import finds them readable, as Amanda's own
 * {@code amadmin find} lists them; the plan for that day is restorable with the holding-disk link
 * on top of the chain on tape; each fetched dump has the SHA-256 coda-dumpgen recorded; the day
 * restores to the generator's tree. After amflush the tape copy is used; broken or missing holding
 * files make the day unrestorable with the reason.
 */
class HoldingDiskEndToEndTest {
  static final List<String> VOLUMES = List.of("coda.root", "u.alice", "proj.src");

  static HoldingFixture fixture;
  static Path db;
  static ImportSummary imported;
  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void importTheHoldingFixture() {
    fixture = HoldingFixture.get();
    db = shared.resolve("catalog.db");
    imported = importInto(db, fixture.configDir());
  }

  static ImportSummary importInto(Path db, Path configDir) {
    try (Catalog c = Catalog.open(db)) {
      return new CatalogImporter(c).importFrom(ImportSource.of(AmandaConfig.read(configDir)));
    }
  }

  static String day(String datestamp) {
    return datestamp.substring(0, 4)
        + "-"
        + datestamp.substring(4, 6)
        + "-"
        + datestamp.substring(6, 8);
  }

  static CatalogDump dumpOfTheRun(Catalog c, String volume, String datestamp) {
    List<CatalogDump> copies =
        c.dumps(c.volume("localhost", volume).orElseThrow()).stream()
            .filter(d -> d.datestamp().digits().equals(datestamp))
            .toList();
    assertThat(copies).as(volume + " " + datestamp).isNotEmpty();
    return DumpCopies.best(copies).get(0);
  }

  static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  @Test
  void theImportFindsTheDumpsWhereAmandaListsThem() throws Exception {
    assertThat(imported.holdingDumps()).isEqualTo(3);
    assertThat(imported.holdingReadable()).isEqualTo(3);
    Map<String, String> amanda = fixture.amandaFindHolding();
    assertThat(amanda.keySet()).containsExactlyInAnyOrderElementsOf(VOLUMES);
    int chunked = 0;
    try (Catalog c = Catalog.openExisting(db)) {
      for (String volume : VOLUMES) {
        CatalogDump d = dumpOfTheRun(c, volume, fixture.datestamp());
        assertThat(d.onHoldingDisk()).as(volume).isTrue();
        assertThat(d.availability().readable()).as(volume + ": " + d.availability()).isTrue();
        List<HoldingCopy.Chunk> chunks = d.holding().chunks();
        assertThat(chunks.get(0).file().toString()).as(volume).isEqualTo(amanda.get(volume));
        // Every file of the dump in the run directory is one of its chunks, and the sizes add up
        // to what the chunker logged.
        String base = chunks.get(0).file().getFileName().toString();
        try (Stream<Path> files = Files.list(chunks.get(0).file().getParent())) {
          assertThat(files.filter(f -> f.getFileName().toString().startsWith(base)))
              .as(volume)
              .containsExactlyInAnyOrderElementsOf(
                  chunks.stream().map(HoldingCopy.Chunk::file).toList());
        }
        assertThat(d.holding().bytes()).as(volume).isEqualTo(d.bytes());
        chunked += chunks.size() > 1 ? 1 : 0;
      }
    }
    assertThat(chunked).as("dumps over the 1 MiB chunk size").isPositive();
  }

  @Test
  void everyHoldingDiskDumpFetchesToTheGroundTruth() throws Exception {
    Map<String, JsonNode> truth = fixture.truthOfTheRun();
    try (Catalog c = Catalog.openExisting(db)) {
      for (String volume : VOLUMES) {
        CatalogDump d = dumpOfTheRun(c, volume, fixture.datestamp());
        JsonNode t = truth.get(volume);
        assertThat(t).as("ground truth of " + volume).isNotNull();
        assertThat(t.get("level").asInt()).isEqualTo(d.level());
        Path out = tmp.resolve(volume + ".dump");
        // The vtape root the catalog knows is not needed: the chunks are read from the disk.
        new VtapeFetcher(c.source().orElseThrow().vtapeRoot())
            .fetchToFile(d.toFetchRequest(), out, ProgressListener.NONE, Cancellation.none());
        assertThat(sha256(out)).as(volume).isEqualTo(t.get("sha256").asText());
        assertThat(Files.size(out)).isEqualTo(t.get("bytes").asLong());
      }
    }
  }

  @Test
  void theCommandLineFetchesAChunkedDumpAndPlansTheDay() throws Exception {
    String volume = "u.alice";
    Path out = tmp.resolve("cli.dump");
    StringWriter so = new StringWriter();
    StringWriter se = new StringWriter();
    int level = levelOf(db, volume, fixture.datestamp());
    int fetched =
        Cli.run(
            new PrintWriter(so, true),
            new PrintWriter(se, true),
            "fetch",
            "--db",
            db.toString(),
            "--host",
            "localhost",
            "--volume",
            volume,
            "--datestamp",
            fixture.datestamp(),
            "--level",
            Integer.toString(level),
            "--out",
            out.toString(),
            "--quiet");
    assertThat(fetched).as(se.toString()).isZero();
    assertThat(so.toString()).contains("stored and native CRC-32C verified");
    assertThat(sha256(out)).isEqualTo(fixture.truthOfTheRun().get(volume).get("sha256").asText());

    so = new StringWriter();
    int planned =
        Cli.run(
            new PrintWriter(so, true),
            new PrintWriter(se, true),
            "plan",
            "--db",
            db.toString(),
            "--host",
            "localhost",
            "--volume",
            volume,
            "--date",
            day(fixture.datestamp()),
            "--json");
    assertThat(planned).as(se.toString()).isZero();
    JsonNode plan = new com.fasterxml.jackson.databind.ObjectMapper().readTree(so.toString());
    assertThat(plan.get("restorable").asBoolean()).isTrue();
    JsonNode head = plan.get("chain").get(plan.get("chain").size() - 1);
    assertThat(head.get("datestamp").asText()).isEqualTo(fixture.datestamp());
    assertThat(head.get("source").asText()).isEqualTo("holding disk");
    assertThat(head.get("parts").get(0).get("holding").asText())
        .isEqualTo(fixture.amandaFindHolding().get(volume));
  }

  @Test
  void theDayRestoresForEveryVolumeToTheGeneratorsTree() throws Exception {
    try (Catalog c = Catalog.openExisting(db)) {
      for (String volume : VOLUMES) {
        PlanTarget target = PlanTarget.parse(day(fixture.datestamp()));
        RestorePlan plan = new ChainPlanner().plan(c, "localhost", volume, target);
        assertThat(plan.restorable()).as(volume + ": " + plan.gap()).isTrue();
        ChainLink head = plan.chain().get(plan.chain().size() - 1);
        assertThat(head.datestamp().digits()).isEqualTo(fixture.datestamp());
        assertThat(head.dump().readFromHoldingDisk()).isTrue();
        // The rest of the chain is on tape.
        assertThat(plan.chain().subList(0, plan.chain().size() - 1))
            .allSatisfy(l -> assertThat(l.dump().onHoldingDisk()).isFalse());
        Path out = tmp.resolve("tree-" + volume);
        RestoreJob.Outcome o =
            new RestoreJob(
                    c,
                    new ChainPlanner(),
                    new VtapeFetcher(c.source().orElseThrow().vtapeRoot()),
                    new ExtractionTreeExtractor(),
                    new Workspace(tmp.resolve("ws")),
                    ProgressListener.NONE,
                    Cancellation.none(),
                    Clock.systemUTC())
                .run(
                    new RestoreRequest(
                        "localhost",
                        volume,
                        target,
                        new RestoreTarget.Directory(out, List.of(), false),
                        null,
                        false));
        Map<String, Truth.Node> truth =
            Truth.manifest(fixture.genstate(volume), RestoreEndToEndTest.iso(fixture.datestamp()));
        assertThat(Truth.diff(truth, Truth.directory(out))).as(volume).isEmpty();
        // the outcome says where each dump came from: the head off the holding disk
        assertThat(o.fetched()).hasSize(plan.chain().size());
        Fetched last = o.fetched().get(o.fetched().size() - 1);
        assertThat(last.from()).isEqualTo(Fetched.From.HOLDING_DISK);
        assertThat(last.media()).startsWith("holding disk");
        assertThat(o.fetched().subList(0, o.fetched().size() - 1))
            .allSatisfy(
                f -> assertThat(f.from()).isIn(Fetched.From.VTAPE, Fetched.From.WORKSPACE_CACHE));
        assertThat(o.restored()).isInstanceOf(Restored.Directory.class);
        assertThat(((Restored.Directory) o.restored()).dir()).isEqualTo(out);
      }
    }
  }

  @Test
  void afterAmflushTheReimportReadsTheTapeCopy() throws Exception {
    HoldingFixture flushed = fixture.another("flushed");
    Path fdb = tmp.resolve("flushed.db");
    assertThat(importInto(fdb, flushed.configDir()).holdingReadable()).isEqualTo(3);
    String log = flushed.amflush();
    try (Stream<Path> left = Files.walk(flushed.holdingDir())) {
      assertThat(left.filter(Files::isRegularFile)).as(log).isEmpty();
    }
    ImportSummary again = importInto(fdb, flushed.configDir());
    assertThat(again.filesRead()).as("the amflush log").isEqualTo(1);
    assertThat(again.holdingReadable()).isZero();
    Map<String, JsonNode> truth = flushed.truthOfTheRun();
    try (Catalog c = Catalog.openExisting(fdb)) {
      for (String volume : VOLUMES) {
        CatalogDump d = dumpOfTheRun(c, volume, flushed.datestamp());
        assertThat(d.onHoldingDisk()).as(volume).isFalse();
        assertThat(d.availability().readable()).as(volume + ": " + d.availability()).isTrue();
        RestorePlan plan =
            new ChainPlanner()
                .plan(c, "localhost", volume, PlanTarget.parse(day(flushed.datestamp())));
        assertThat(plan.restorable()).as(volume).isTrue();
        Path out = tmp.resolve("flushed-" + volume + ".dump");
        new VtapeFetcher(c.source().orElseThrow().vtapeRoot())
            .fetchToFile(d.toFetchRequest(), out, ProgressListener.NONE, Cancellation.none());
        assertThat(sha256(out)).as(volume).isEqualTo(truth.get(volume).get("sha256").asText());
      }
    }
  }

  @Test
  void brokenOrMissingHoldingFilesMakeTheDayUnrestorableWithTheReason() throws Exception {
    HoldingFixture broken = fixture.copy("broken");
    Path bdb = tmp.resolve("broken.db");
    importInto(bdb, broken.configDir());
    List<HoldingCopy.Chunk> alice;
    Path rootFile;
    try (Catalog c = Catalog.openExisting(bdb)) {
      alice = dumpOfTheRun(c, "u.alice", broken.datestamp()).holding().chunks();
      rootFile = dumpOfTheRun(c, "coda.root", broken.datestamp()).holding().chunks().get(0).file();
    }
    // The copy's chunks, found although their headers name the original's paths.
    assertThat(alice.get(0).file()).startsWith(broken.holdingDir());
    assertThat(alice).hasSizeGreaterThan(1);
    Files.delete(alice.get(1).file()); // a continuation chunk lost
    try (RandomAccessFile f = new RandomAccessFile(rootFile.toFile(), "rw")) {
      f.setLength(f.length() - 4096); // a chunk cut short
    }
    Files.delete(
        broken
            .holdingDir()
            .resolve(broken.datestamp())
            .resolve("localhost.proj.src." + levelOf(bdb, "proj.src", broken.datestamp())));
    ImportSummary again = importInto(bdb, broken.configDir());
    assertThat(again.holdingReadable()).isZero();
    assertThat(again.problems()).hasSize(2); // the two broken ones; a deleted dump is no problem
    try (Catalog c = Catalog.openExisting(bdb)) {
      String aliceWhy = dumpOfTheRun(c, "u.alice", broken.datestamp()).availability().reason();
      assertThat(aliceWhy)
          .contains(alice.get(0).file() + ": its header names the next chunk")
          .contains("a chunk of the dump is missing");
      String rootWhy = dumpOfTheRun(c, "coda.root", broken.datestamp()).availability().reason();
      assertThat(rootWhy).contains("4096 bytes are missing").contains(rootFile.toString());
      String projWhy = dumpOfTheRun(c, "proj.src", broken.datestamp()).availability().reason();
      assertThat(projWhy).contains("flushed to tape or deleted since the run");
      for (String volume : VOLUMES) {
        RestorePlan plan =
            new ChainPlanner()
                .plan(c, "localhost", volume, PlanTarget.parse(day(broken.datestamp())));
        assertThat(plan.restorable()).as(volume).isFalse();
        assertThat(plan.gap().datestamp().digits()).isEqualTo(broken.datestamp());
        assertThat(plan.nearestBefore()).as(volume).isNotNull();
      }
    }
  }

  private static int levelOf(Path db, String volume, String datestamp) {
    try (Catalog c = Catalog.openExisting(db)) {
      return dumpOfTheRun(c, volume, datestamp).level();
    }
  }
}
