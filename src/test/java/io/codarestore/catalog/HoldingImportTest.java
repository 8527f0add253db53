package io.codarestore.catalog;

import static io.codarestore.testing.SyntheticAmanda.runLog;
import static io.codarestore.testing.SyntheticAmanda.writeLog;
import static io.codarestore.testing.SyntheticAmanda.writeTapelist;
import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.DumpStartCheck;
import io.codarestore.amanda.FetchRequest;
import io.codarestore.amanda.HoldingLocation;
import io.codarestore.amanda.LineProblem;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.testing.SyntheticAmanda.Dump;
import io.codarestore.testing.SyntheticAmanda.Outcome;
import io.codarestore.testing.SyntheticHolding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump Amanda left on its holding disk (its run had no tape): the import finds its chunks, the
 * plan counts it readable, and a re-import notices when amflush wrote it to tape or when its files
 * went away or broke.
 */
class HoldingImportTest {
  static final String FULL = "20240310082400";
  static final String LEFT = "20240311084900";

  @TempDir Path dir;
  Path logdir;
  Path tapelist;
  Path hold;
  Path db;
  SyntheticHolding.Dump left;
  byte[] data;

  @BeforeEach
  void fullOnTapeThenAnIncrementalLeftOnTheHoldingDisk() {
    logdir = dir.resolve("log");
    tapelist = dir.resolve("tapelist");
    hold = dir.resolve("holding");
    db = dir.resolve("catalog.db");
    writeLog(
        logdir,
        FULL,
        runLog(FULL, "T-01", List.of(new Dump("localhost", "u.alice", 0, 1, Outcome.OK))));
    data = new byte[200_000];
    new Random(11).nextBytes(data);
    left = new SyntheticHolding(hold).dump(data);
    left.datestamp = LEFT;
    left.level = 1;
    left.chunkData = 80 * 1024; // three chunks
    left.write();
    writeLog(logdir, LEFT, SyntheticHolding.noTaperLog(LEFT, List.of(left)));
    writeTapelist(tapelist, List.<String[]>of(new String[] {FULL, "T-01"}));
  }

  private ImportSummary importNow() {
    return importFrom(new ImportSource(null, logdir, tapelist, null, null, null, List.of(hold)));
  }

  private ImportSummary importFrom(ImportSource source) {
    try (Catalog c = Catalog.open(db)) {
      return new CatalogImporter(c).importFrom(source);
    }
  }

  private List<CatalogDump> dumps() {
    try (Catalog c = Catalog.openExisting(db)) {
      return c.dumps(c.volume("localhost", "u.alice").orElseThrow());
    }
  }

  private CatalogDump leftDump() {
    List<CatalogDump> best =
        DumpCopies.best(dumps().stream().filter(d -> d.datestamp().digits().equals(LEFT)).toList());
    assertThat(best).hasSize(1);
    return best.get(0);
  }

  private RestorePlan plan() {
    try (Catalog c = Catalog.openExisting(db)) {
      return new ChainPlanner().plan(c, "localhost", "u.alice", PlanTarget.parse("2024-03-11"));
    }
  }

  @Test
  void aDumpCompleteOnTheHoldingDiskIsReadableAndRestorable() {
    ImportSummary s = importNow();
    assertThat(s.holdingDumps()).isEqualTo(1);
    assertThat(s.holdingReadable()).isEqualTo(1);
    assertThat(s.problems()).isEmpty();

    CatalogDump d = leftDump();
    assertThat(d.onHoldingDisk()).isTrue();
    assertThat(d.readFromHoldingDisk()).isTrue();
    assertThat(d.availability().readable()).isTrue();
    assertThat(d.availability().reason()).isNull();
    assertThat(d.parts()).isEmpty();
    assertThat(d.bytes()).isEqualTo(left.stored.length);
    // No index directory here: the holding file's own header says how it is compressed.
    assertThat(d.compression()).isEqualTo(".gz");
    assertThat(d.holding().chunks())
        .extracting(HoldingCopy.Chunk::file)
        .containsExactlyElementsOf(left.files);
    assertThat(d.holding().bytes()).isEqualTo(left.stored.length);
    assertThat(d.whereToRead()).isEqualTo("holding disk " + left.files.get(0) + " (3 chunks)");

    FetchRequest r = d.toFetchRequest();
    assertThat(r.onHoldingDisk()).isTrue();
    assertThat(r.parts()).isEmpty();
    assertThat(r.holding()).extracting(HoldingLocation::file).containsExactlyElementsOf(left.files);
    assertThat(r.serverCrc()).isEqualTo(left.storedCrc());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new VtapeFetcher(null, DumpStartCheck.NONE)
        .fetch(r, out, ProgressListener.NONE, Cancellation.none());
    assertThat(out.toByteArray()).isEqualTo(data);

    RestorePlan plan = plan();
    assertThat(plan.restorable()).isTrue();
    assertThat(plan.chain()).extracting(l -> l.datestamp().digits()).containsExactly(FULL, LEFT);
    assertThat(plan.chain().get(1).available()).isTrue();
    assertThat(plan.chain().get(1).dump().readFromHoldingDisk()).isTrue();
    assertThat(plan.media()).containsExactly("T-01");
    try (Catalog c = Catalog.openExisting(db)) {
      assertThat(new ChainPlanner().restorablePoints(c, "localhost", "u.alice"))
          .extracting(p -> p.datestamp().digits())
          .containsExactly(FULL, LEFT);
    }
  }

  @Test
  void reimportNoticesTheHoldingFilesWentAway() throws IOException {
    importNow();
    for (Path f : left.files) {
      Files.delete(f);
    }
    ImportSummary again = importNow();
    assertThat(again.filesUnchanged()).isEqualTo(2); // the logs did not change
    assertThat(again.holdingReadable()).isZero();
    assertThat(again.problems()).isEmpty(); // gone is normal (flushed or cleaned up)
    CatalogDump d = leftDump();
    assertThat(d.availability().readable()).isFalse();
    assertThat(d.availability().reason())
        .contains("only on the holding disk")
        .contains("no file localhost.u.alice.1 of it on the holding disk " + hold)
        .contains("flushed to tape or deleted");
    RestorePlan plan = plan();
    assertThat(plan.restorable()).isFalse();
    assertThat(plan.gap().datestamp().digits()).isEqualTo(LEFT);
    assertThat(plan.gap().reason()).contains("no file localhost.u.alice.1");
    assertThat(plan.nearestBefore().datestamp().digits()).isEqualTo(FULL);
  }

  @Test
  void reimportAfterAmflushUsesTheTapeCopy() throws IOException {
    importNow();
    writeLog(logdir, "20240311100000", SyntheticHolding.flushLog("20240311100000", "T-02", left));
    writeTapelist(
        tapelist, List.of(new String[] {"20240311100000", "T-02"}, new String[] {FULL, "T-01"}));
    for (Path f : left.files) {
      Files.delete(f); // amflush removes what it wrote to tape
    }
    ImportSummary again = importNow();
    assertThat(again.filesRead()).isEqualTo(1);
    assertThat(again.holdingDumps()).isEqualTo(1); // the amdump log still leaves it there
    assertThat(again.holdingReadable()).isZero();
    List<CatalogDump> copies =
        dumps().stream().filter(d -> d.datestamp().digits().equals(LEFT)).toList();
    assertThat(copies).hasSize(2);
    CatalogDump best = leftDump();
    assertThat(best.onHoldingDisk()).isFalse();
    assertThat(best.logFile()).isEqualTo("log.20240311100000.0");
    assertThat(best.availability().readable()).isTrue();
    assertThat(best.whereToRead()).isEqualTo("T-02 file 1");
    RestorePlan plan = plan();
    assertThat(plan.restorable()).isTrue();
    assertThat(plan.chain().get(1).dump().onHoldingDisk()).isFalse();
    assertThat(plan.media()).containsExactly("T-01", "T-02");
  }

  @Test
  void aTruncatedChunkMakesTheDumpUnreadableWithAReason() throws Exception {
    Path middle = left.files.get(1);
    try (RandomAccessFile f = new RandomAccessFile(middle.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }
    ImportSummary s = importNow();
    assertThat(s.holdingReadable()).isZero();
    assertThat(s.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(left.files.get(0).toString());
              assertThat(p.message())
                  .contains("localhost:u.alice " + LEFT + " level 1")
                  .contains("100 bytes are missing")
                  .contains(middle.toString());
            });
    CatalogDump d = leftDump();
    assertThat(d.availability().readable()).isFalse();
    assertThat(d.availability().reason()).contains("100 bytes are missing");
    assertThat(d.holding().chunks()).isEmpty();
    assertThat(plan().restorable()).isFalse();
    // Stored with the import: a new session sees the same problem.
    try (Catalog c = Catalog.openExisting(db);
        Statement st = c.connection().createStatement();
        ResultSet r = st.executeQuery("SELECT file, message FROM problem")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(2)).contains("100 bytes are missing");
    }
  }

  @Test
  void aMissingContinuationChunkMakesTheDumpUnreadable() throws IOException {
    Files.delete(left.files.get(2));
    ImportSummary s = importNow();
    assertThat(s.problems()).extracting(LineProblem::message).hasSize(1);
    CatalogDump d = leftDump();
    assertThat(d.availability().readable()).isFalse();
    assertThat(d.availability().reason())
        .contains(left.files.get(1) + ": its header names the next chunk " + left.files.get(2))
        .contains("a chunk of the dump is missing");
  }

  @Test
  void aHoldingFileNamingAnotherDumpIsRefused() {
    SyntheticHolding.Dump other = new SyntheticHolding(hold).dump(data);
    other.datestamp = LEFT;
    other.level = 0;
    other.stored = left.stored;
    SyntheticHolding.writeFile(left.files.get(0), other.header(true, null), left.stored);
    importNow();
    CatalogDump d = leftDump();
    assertThat(d.availability().readable()).isFalse();
    assertThat(d.availability().reason())
        .contains(left.files.get(0).toString())
        .contains("expected chunk 1 of localhost:u.alice " + LEFT + " level 1")
        .contains("level 0");
  }

  @Test
  void withoutAHoldingDiskTheImportSaysHowToNameOne() {
    importFrom(ImportSource.of(logdir, tapelist, null));
    CatalogDump d = leftDump();
    assertThat(d.availability().readable()).isFalse();
    assertThat(d.availability().reason()).contains("--holding DIR");
  }

  @Test
  void reimportIsIdempotentAndRemembersTheHoldingDisks() throws Exception {
    importNow();
    importNow();
    try (Catalog c = Catalog.openExisting(db)) {
      assertThat(c.source().orElseThrow().holdingDirs())
          .containsExactly(hold.toAbsolutePath().normalize());
      try (PreparedStatement p =
              c.connection().prepareStatement("SELECT count(*) FROM holding_chunk");
          ResultSet r = p.executeQuery()) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(3);
      }
    }
    assertThat(leftDump().readFromHoldingDisk()).isTrue();
  }

  @Test
  void aVersionOneCatalogIsMigratedAndItsHoldingDumpsCheckedAtTheNextImport() throws Exception {
    // A catalog written by the previous version: schema 1, the holding dump judged unreadable.
    try (java.sql.Connection k =
        new org.sqlite.SQLiteConfig().createConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
      CatalogMigrations.migrate(k, db.toString(), 1);
      assertThat(CatalogMigrations.currentVersion(k)).isEqualTo(1);
    }
    try (Catalog c = Catalog.open(db)) {
      assertThat(CatalogMigrations.currentVersion(c.connection()))
          .isEqualTo(CatalogMigrations.latestVersion());
      try (Statement st = c.connection().createStatement();
          ResultSet r =
              st.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'dump_by_volume_date'")) {
        r.next();
        assertThat(r.getString(1)).contains("holding_readable");
      }
    }
    assertThat(importNow().holdingReadable()).isEqualTo(1);
  }
}
