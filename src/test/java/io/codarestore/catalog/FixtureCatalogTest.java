package io.codarestore.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.DumpStatus;
import io.codarestore.core.Datestamp;
import io.codarestore.testing.AmandaFixture;
import io.codarestore.testing.FixtureRecords;
import io.codarestore.testing.FixtureRecords.FindRow;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog of a real Amanda run against what Amanda recorded (manifest, amadmin find). */
class FixtureCatalogTest {
  static AmandaFixture fixture;
  static Map<String, CatalogDump> catalog;
  static ImportSummary summary;
  static Map<String, String> tapes;
  static Map<String, Boolean> summaryReadable;

  static String key(String host, String disk, String ds, int level) {
    return host + " " + disk + " " + ds + " " + level;
  }

  @BeforeAll
  static void importFixture(@TempDir Path dir) {
    fixture = AmandaFixture.get();
    AmandaConfig config = AmandaConfig.read(fixture.configDir());
    catalog = new HashMap<>();
    try (Catalog c = Catalog.open(dir.resolve("catalog.db"))) {
      summary = new CatalogImporter(c).importFrom(ImportSource.of(config));
      summaryReadable = new HashMap<>();
      Map<String, Datestamp> tapelist = c.tapelist();
      for (CatalogVolume v : c.volumes(null)) {
        for (CatalogDump d : DumpCopies.best(c.dumps(v))) {
          catalog.put(key(d.host(), d.volume(), d.datestamp().digits(), d.level()), d);
        }
        for (CatalogDumpSummary s : c.dumpSummaries(v)) {
          summaryReadable.put(
              key(v.host(), v.volume(), s.datestamp().digits(), s.level()), s.readable(tapelist));
        }
      }
      tapes = new TreeMap<>();
      for (CatalogTape t : c.tapes()) {
        tapes.put(t.label(), t.datestamp() == null ? "0" : t.datestamp().digits());
      }
    }
  }

  @Test
  void configPathsComeFromAmandaConf() {
    AmandaConfig config = AmandaConfig.read(fixture.configDir());
    assertThat(config.logdir()).isDirectory();
    assertThat(config.tapelist()).isRegularFile();
    assertThat(config.vtapeRoot()).isDirectory();
    assertThat(config.vtapeRoot().resolve("slot1")).isDirectory();
    assertThat(config.indexdir()).isDirectory();
  }

  @Test
  void everyDumpOfTheManifestIsInTheCatalogAndNothingElse() throws Exception {
    List<FixtureRecords.Dump> manifest = FixtureRecords.manifestDumps(fixture.catalogDir());
    assertThat(manifest).isNotEmpty();
    Set<String> expected = new HashSet<>();
    for (FixtureRecords.Dump m : manifest) {
      expected.add(key(m.host(), m.disk(), m.datestamp(), m.level()));
    }
    assertThat(catalog.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(summary.dumps()).isEqualTo(manifest.size());
    assertThat(summary.problems()).isEmpty();
    // The logs moved to oldlog/ by amtrmlog are part of it.
    assertThat(catalog.values()).anySatisfy(d -> assertThat(d.logFile()).startsWith("oldlog/"));
  }

  @Test
  void statusPartsAndTapeStateMatchTheManifest() throws Exception {
    for (FixtureRecords.Dump m : FixtureRecords.manifestDumps(fixture.catalogDir())) {
      CatalogDump d = catalog.get(key(m.host(), m.disk(), m.datestamp(), m.level()));
      String what = m.disk() + " " + m.datestamp() + " L" + m.level();
      switch (m.status()) {
        case "OK" -> assertThat(d.status()).as(what).isEqualTo(DumpStatus.OK);
        case "OK (STRANGE)" ->
            assertThat(d.status()).as(what).isEqualTo(DumpStatus.OK_WITH_WARNINGS);
        default -> assertThat(d.status().isGood()).as(what + " " + m.status()).isFalse();
      }
      assertThat(d.logFile()).as(what).endsWith(m.log());
      assertThat(d.parts())
          .as(what)
          .extracting(CatalogPart::label, CatalogPart::fileNumber, CatalogPart::broken)
          .containsExactlyElementsOf(
              m.parts().stream()
                  .map(
                      p ->
                          org.assertj.core.groups.Tuple.tuple(
                              p.label(), p.fileNumber(), p.broken()))
                  .toList());
      if (m.good()) {
        assertThat(d.partCount()).as(what).isEqualTo(m.nparts());
        long onTape = d.goodParts().stream().filter(CatalogPart::onTape).count();
        assertThat(onTape + "/" + m.nparts()).as(what).isEqualTo(m.partsOnTape());
        assertThat(d.availability().readable()).as(what).isEqualTo(m.onTape());
      } else {
        assertThat(d.availability().readable()).as(what).isFalse();
      }
      if (m.compressed() != null) {
        assertThat(d.compression()).as(what).isEqualTo(m.compressed());
      }
    }
  }

  @Test
  void thePlannersSummaryAgreesWithTheFullRecord() {
    assertThat(summaryReadable.keySet()).isEqualTo(catalog.keySet());
    catalog.forEach(
        (k, d) -> assertThat(summaryReadable.get(k)).as(k).isEqualTo(d.availability().readable()));
  }

  @Test
  void tapesMatchTheTapelist() throws Exception {
    assertThat(tapes).isEqualTo(FixtureRecords.manifestTapelist(fixture.catalogDir()));
  }

  @Test
  void whatAmandaFindListsAsOkIsExactlyWhatTheCatalogCanRead() throws Exception {
    List<FindRow> rows = FixtureRecords.amadminFind(fixture.catalogDir());
    assertThat(rows).isNotEmpty();
    Map<String, Boolean> allOk = new HashMap<>();
    for (FindRow r : rows) {
      if (r.label().isEmpty()) {
        continue; // "FAILED (dumper)" rows: no tape copy
      }
      String k = key(r.host(), r.disk(), r.datestamp(), r.level());
      allOk.merge(k, r.ok(), Boolean::logicalAnd);
      CatalogDump d = catalog.get(k);
      assertThat(d).as(k).isNotNull();
      assertThat(d.parts())
          .as(k)
          .anySatisfy(
              p -> {
                assertThat(p.label()).isEqualTo(r.label());
                assertThat(p.fileNumber()).isEqualTo(r.file());
              });
    }
    Set<String> amandaReadable = new HashSet<>();
    allOk.forEach(
        (k, ok) -> {
          if (ok) {
            amandaReadable.add(k);
          }
        });
    Set<String> ours = new HashSet<>();
    catalog.forEach(
        (k, d) -> {
          if (d.availability().readable()) {
            ours.add(k);
          }
        });
    assertThat(ours).isEqualTo(amandaReadable);
  }

  @Test
  void compressionIsReadFromTheVtapeHeadersWithoutAnIndex(@TempDir Path dir) throws Exception {
    AmandaConfig config = AmandaConfig.read(fixture.configDir());
    try (Catalog c = Catalog.open(dir.resolve("c.db"))) {
      new CatalogImporter(c)
          .importFrom(ImportSource.of(config.logdir(), config.tapelist(), config.vtapeRoot()));
      int checked = 0;
      for (FixtureRecords.Dump m : FixtureRecords.manifestDumps(fixture.catalogDir())) {
        CatalogDump d =
            c.dumps(c.volume(m.host(), m.disk()).orElseThrow()).stream()
                .filter(x -> x.datestamp().digits().equals(m.datestamp()) && x.level() == m.level())
                .findFirst()
                .orElseThrow();
        if (m.good() && m.onTape()) {
          assertThat(d.compression()).as(m.toString()).isEqualTo(m.compressed());
          checked++;
        } else if (!m.onTape()) {
          // Part 1's tape was rewritten: its file belongs to another dump now.
          assertThat(d.compression()).as(m.toString()).isNull();
        }
      }
      assertThat(checked).isPositive();
    }
  }

  @Test
  void reimportOfTheRealInstallationReadsNothing(@TempDir Path dir) {
    AmandaConfig config = AmandaConfig.read(fixture.configDir());
    try (Catalog c = Catalog.open(dir.resolve("c.db"))) {
      ImportSummary first = new CatalogImporter(c).importFrom(ImportSource.of(config));
      ImportSummary again = new CatalogImporter(c).importFrom(ImportSource.of(config));
      assertThat(again.filesRead()).isZero();
      assertThat(again.filesUnchanged()).isEqualTo(first.filesRead());
      assertThat(again.dumps()).isEqualTo(first.dumps());
    }
  }
}
