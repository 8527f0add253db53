package io.codarestore.catalog;

import static io.codarestore.testing.SyntheticAmanda.runLog;
import static io.codarestore.testing.SyntheticAmanda.writeLog;
import static io.codarestore.testing.SyntheticAmanda.writeTapelist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.amanda.LineProblem;
import io.codarestore.testing.SyntheticAmanda.Dump;
import io.codarestore.testing.SyntheticAmanda.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogImporterTest {
  @TempDir Path dir;
  Path logdir;
  Path tapelist;
  Path db;

  @BeforeEach
  void threeRuns() {
    logdir = dir.resolve("log");
    tapelist = dir.resolve("tapelist");
    db = dir.resolve("catalog.db");
    writeLog(
        logdir,
        "20240301002500",
        runLog(
            "20240301002500",
            "T-01",
            List.of(
                new Dump("localhost", "vol.a", 0, 2, Outcome.OK),
                new Dump("localhost", "vol b", 0, 1, Outcome.OK))));
    writeLog(
        logdir,
        "20240302070900",
        runLog(
            "20240302070900",
            "T-02",
            List.of(
                new Dump("localhost", "vol.a", 1, 1, Outcome.STRANGE),
                new Dump("localhost", "vol b", 1, 1, Outcome.FAILED))));
    writeLog(
        logdir,
        "20240303093100",
        runLog(
            "20240303093100",
            "T-03",
            List.of(
                new Dump("localhost", "vol.a", 2, 1, Outcome.PARTIAL),
                new Dump("otherhost", "vol.c", 0, 1, Outcome.OK))));
    writeTapelist(
        tapelist,
        List.of(
            new String[] {"20240303093100", "T-03"},
            new String[] {"20240302070900", "T-02"},
            new String[] {"20240301002500", "T-01"}));
  }

  private ImportSummary importNow() {
    try (Catalog c = Catalog.open(db)) {
      return new CatalogImporter(c).importFrom(ImportSource.of(logdir, tapelist, null));
    }
  }

  private List<CatalogDump> dumps(String host, String volume) {
    try (Catalog c = Catalog.openExisting(db)) {
      return c.dumps(c.volume(host, volume).orElseThrow());
    }
  }

  @Test
  void importsHostsVolumesDumpsPartsAndTapes() {
    ImportSummary s = importNow();
    assertThat(s.hosts()).isEqualTo(2);
    assertThat(s.volumes()).isEqualTo(3);
    assertThat(s.dumps()).isEqualTo(6);
    assertThat(s.tapes()).isEqualTo(3);
    assertThat(s.filesRead()).isEqualTo(3);
    assertThat(s.dumpsAdded()).isEqualTo(6);
    assertThat(s.problems()).isEmpty();

    List<CatalogDump> a = dumps("localhost", "vol.a");
    assertThat(a)
        .extracting(d -> d.datestamp().digits(), CatalogDump::level, CatalogDump::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("20240301002500", 0, DumpStatus.OK),
            org.assertj.core.groups.Tuple.tuple("20240302070900", 1, DumpStatus.OK_WITH_WARNINGS),
            org.assertj.core.groups.Tuple.tuple("20240303093100", 2, DumpStatus.PARTIAL));
    CatalogDump full = a.get(0);
    assertThat(full.partCount()).isEqualTo(2);
    assertThat(full.parts())
        .extracting(CatalogPart::label, CatalogPart::fileNumber, CatalogPart::onTape)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("T-01", 1, true),
            org.assertj.core.groups.Tuple.tuple("T-01", 2, true));
    assertThat(full.nativeCrc()).isEqualTo("2fe3875f:3819544");
    assertThat(full.bytes()).isEqualTo(2 * 1015808L);
    assertThat(full.logFile()).isEqualTo("log.20240301002500.0");
    assertThat(full.availability().readable()).isTrue();
    assertThat(a.get(1).detail()).contains("injected warning");
    assertThat(a.get(2).availability().readable()).isFalse();

    List<CatalogDump> b = dumps("localhost", "vol b");
    assertThat(b.get(1).status()).isEqualTo(DumpStatus.FAILED);
    // Host names compare like Amanda's: case-insensitively.
    assertThat(dumps("OTHERHOST", "vol.c")).hasSize(1);
  }

  @Test
  void reimportWithNothingNewReadsNothingAndChangesNothing() {
    importNow();
    ImportSummary again = importNow();
    assertThat(again.filesRead()).isZero();
    assertThat(again.filesUnchanged()).isEqualTo(3);
    assertThat(again.dumpsAdded()).isZero();
    assertThat(again.dumps()).isEqualTo(6);
    assertThat(again.volumes()).isEqualTo(3);
  }

  @Test
  void changedLogIsReadAgainWithoutDuplicates() throws Exception {
    importNow();
    Path f = logdir.resolve("log.20240303093100.0");
    Files.writeString(
        f,
        runLog(
            "20240303093100",
            "T-03",
            List.of(
                new Dump("localhost", "vol.a", 2, 1, Outcome.OK),
                new Dump("otherhost", "vol.c", 0, 1, Outcome.OK))));
    ImportSummary s = importNow();
    assertThat(s.filesRead()).isEqualTo(1);
    assertThat(s.filesUnchanged()).isEqualTo(2);
    assertThat(s.dumps()).isEqualTo(6);
    assertThat(dumps("localhost", "vol.a").get(2).status()).isEqualTo(DumpStatus.OK);
  }

  @Test
  void touchedButIdenticalLogIsNotParsedAgain() throws Exception {
    importNow();
    Files.setLastModifiedTime(
        logdir.resolve("log.20240301002500.0"), FileTime.fromMillis(1_000_000_000_000L));
    ImportSummary s = importNow();
    assertThat(s.filesRead()).isZero();
    assertThat(s.filesUnchanged()).isEqualTo(3);
  }

  @Test
  void logMovedToOldlogKeepsItsDumps() throws Exception {
    importNow();
    Files.createDirectories(logdir.resolve("oldlog"));
    Files.move(
        logdir.resolve("log.20240301002500.0"), logdir.resolve("oldlog/log.20240301002500.0"));
    ImportSummary s = importNow();
    assertThat(s.filesRead()).isZero();
    assertThat(s.filesRemoved()).isZero();
    assertThat(s.dumps()).isEqualTo(6);
    assertThat(dumps("localhost", "vol.a").get(0).logFile())
        .isEqualTo("oldlog/log.20240301002500.0");
  }

  @Test
  void oldlogIsReadOnAFirstImport() throws Exception {
    Files.createDirectories(logdir.resolve("oldlog"));
    Files.move(
        logdir.resolve("log.20240301002500.0"), logdir.resolve("oldlog/log.20240301002500.0"));
    assertThat(importNow().dumps()).isEqualTo(6);
  }

  @Test
  void deletedLogTakesItsDumpsAndEmptyVolumesWithIt() throws Exception {
    importNow();
    Files.delete(logdir.resolve("log.20240303093100.0"));
    ImportSummary s = importNow();
    assertThat(s.filesRemoved()).isEqualTo(1);
    assertThat(s.dumps()).isEqualTo(4);
    assertThat(s.hosts()).isEqualTo(1);
    assertThat(s.volumes()).isEqualTo(2);
  }

  @Test
  void tapelistDecidesWhatIsStillOnTape() {
    importNow();
    // T-01 is rewritten by a later run: the full of vol.a is gone, no log needs re-reading.
    writeTapelist(
        tapelist,
        List.of(
            new String[] {"20240304000000", "T-01"},
            new String[] {"20240303093100", "T-03"},
            new String[] {"20240302070900", "T-02"}));
    ImportSummary s = importNow();
    assertThat(s.filesRead()).isZero();
    CatalogDump full = dumps("localhost", "vol.a").get(0);
    assertThat(full.parts()).allSatisfy(p -> assertThat(p.onTape()).isFalse());
    assertThat(full.availability().readable()).isFalse();
    assertThat(full.availability().reason())
        .isEqualTo("all 2 parts: tape T-01 was overwritten by the run of 20240304000000");
    writeTapelist(tapelist, List.<String[]>of(new String[] {"20240303093100", "T-03"}));
    importNow();
    assertThat(dumps("localhost", "vol.a").get(0).availability().reason())
        .isEqualTo("all 2 parts: tape T-01 is no longer in the tapelist");
  }

  @Test
  void garbageLinesAreCountedWithFileAndLineAndTheRestImports() throws Exception {
    Path f = logdir.resolve("log.20240302070900.0");
    List<String> lines = new ArrayList<>(Files.readAllLines(f));
    lines.add(3, "complete garbage here");
    lines.add("PART taper \"ST:codafix\" \"POOL:codafix\" T-02 9 localhost");
    Files.write(f, lines);
    ImportSummary s = importNow();
    assertThat(s.dumps()).isEqualTo(6);
    assertThat(s.problems())
        .extracting(LineProblem::toString)
        .anySatisfy(p -> assertThat(p).startsWith("log.20240302070900.0:4: "))
        .anySatisfy(p -> assertThat(p).startsWith("log.20240302070900.0:" + lines.size() + ": "));
    assertThat(s.problems()).hasSize(2);
  }

  @Test
  void anotherLogdirIntoTheSameCatalogIsRefused() throws Exception {
    importNow();
    Path other = Files.createDirectories(dir.resolve("otherlog"));
    try (Catalog c = Catalog.open(db)) {
      assertThatThrownBy(
              () -> new CatalogImporter(c).importFrom(ImportSource.of(other, tapelist, null)))
          .isInstanceOf(CatalogException.class)
          .hasMessageContaining(other.toString())
          .hasMessageContaining("another --db");
    }
  }

  @Test
  void missingInputsAreClearErrorsAndLeaveTheCatalogAlone() throws Exception {
    importNow();
    Files.delete(tapelist);
    assertThatThrownBy(this::importNow)
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining(tapelist.toString());
    try (Catalog c = Catalog.openExisting(db)) {
      assertThat(c.counts().dumps()).isEqualTo(6);
      assertThat(c.counts().tapes()).isEqualTo(3);
    }
    try (Catalog c = Catalog.open(db)) {
      assertThatThrownBy(
              () ->
                  new CatalogImporter(c)
                      .importFrom(ImportSource.of(dir.resolve("nolog"), tapelist, null)))
          .isInstanceOf(CatalogException.class)
          .hasMessageContaining("nolog");
    }
  }

  @Test
  void nonLogFilesAreIgnored() throws Exception {
    Files.writeString(logdir.resolve("amdump.20240301002500"), "driver: whatever\n");
    Files.writeString(logdir.resolve("log.error"), "nonsense\n");
    Files.createSymbolicLink(logdir.resolve("log"), logdir.resolve("log.20240303093100.0"));
    ImportSummary s = importNow();
    assertThat(s.filesRead()).isEqualTo(3);
    assertThat(s.problems()).isEmpty();
  }

  @Test
  void compressionComesFromTheIndexHeaderCopies() throws Exception {
    Path index = dir.resolve("index");
    Path vdir = Files.createDirectories(index.resolve("localhost").resolve("vol.a"));
    Files.writeString(
        vdir.resolve("20240301002500_0.header"),
        "AMANDA: FILE 20240301002500 localhost vol.a lev 0 comp .gz program APPLICATION\n"
            + "APPLICATION=amcodavol\n");
    try (Catalog c = Catalog.open(db)) {
      new CatalogImporter(c)
          .importFrom(new ImportSource(null, logdir, tapelist, null, index, null, List.of()));
    }
    List<CatalogDump> a = dumps("localhost", "vol.a");
    assertThat(a.get(0).compression()).isEqualTo(".gz");
    assertThat(a.get(1).compression()).isNull();
  }

  @Test
  void sanitiseFollowsAmanda() {
    assertThat(CatalogImporter.sanitise("/vicepa/my_vol")).isEqualTo("_vicepa_my__vol");
    assertThat(CatalogImporter.sanitise("coda.root")).isEqualTo("coda.root");
  }
}
