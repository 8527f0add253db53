package io.codarestore.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.LineProblem;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.ImportSource;
import io.codarestore.catalog.ImportSummary;
import io.codarestore.catalog.IndexSnapshot;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.plan.RestorePoint;
import io.codarestore.testing.AmandaFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amanda's index files (written here from the generator's truth in every form Amanda leaves them:
 * gzipped or not, sorted or unsorted) are imported with the catalog; {@code files} then shows, for
 * every restorable point, the paths amindexd would: the union of the chain's index files.
 */
class AmandaIndexImportTest {
  @Test
  void indexFilesOfEveryFormAreImportedOnceAndADamagedOneIsReported(@TempDir Path dir)
      throws IOException {
    AmandaFixture fixture = AmandaFixture.get();
    ImportSource real = ImportSource.of(AmandaConfig.read(fixture.configDir()));
    Path indexdir = dir.resolve("index");
    ImportSource src =
        new ImportSource(
            real.configDir(),
            real.logdir(),
            real.tapelist(),
            real.vtapeRoot(),
            indexdir,
            real.infofile(),
            real.holdingDirs());
    List<String> damagedFiles = new ArrayList<>();
    try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
      new CatalogImporter(catalog)
          .importFrom(ImportSource.of(real.logdir(), real.tapelist(), null));
      int n = 0;
      for (CatalogVolume v : catalog.volumes(null)) {
        Path vd = Files.createDirectories(indexdir.resolve(v.host()).resolve(v.volume()));
        for (RestorePoint p : new ChainPlanner().restorablePoints(catalog, v.host(), v.volume())) {
          List<String> lines =
              amandaLines(
                  FileIndexFixtureTest.truthOf(fixture, v.volume(), p.datestamp().digits())
                      .keySet());
          String base = p.datestamp() + "_" + p.level();
          switch (n++ % 3) {
            case 0 -> gz(vd.resolve(base + "-unsorted.gz"), shuffled(lines));
            case 1 -> Files.write(vd.resolve(base + "-sorted"), lines, StandardCharsets.UTF_8);
            default -> {
              gz(vd.resolve(base + "-unsorted.gz"), List.of("/wrong/"));
              gz(vd.resolve(base + "-sorted.gz"), lines);
            }
          }
          Files.writeString(vd.resolve(base + ".header"), "AMANDA: FILE");
        }
        // A damaged file for a dump Amanda lists but that is not restorable: cut-off gzip.
        Path damaged = vd.resolve("20240301002500_0-unsorted.gz");
        gz(damaged, List.of("/", "/a/", "/a/b"));
        byte[] all = Files.readAllBytes(damaged);
        Files.write(damaged, java.util.Arrays.copyOf(all, all.length - 12));
        damagedFiles.add(damaged.toString());
      }
      ImportSummary s = new CatalogImporter(catalog).importFrom(src);
      assertThat(s.indexFilesRead()).isEqualTo(n);
      assertThat(s.problems()).extracting(LineProblem::file).containsAll(damagedFiles);
      assertThat(s.problems())
          .filteredOn(p -> damagedFiles.contains(p.file()))
          .extracting(LineProblem::message)
          .allMatch(m -> m.contains("cannot be read whole"));

      FileQueries q = new FileQueries(catalog);
      for (CatalogVolume v : catalog.volumes(null)) {
        for (RestorePoint p : new ChainPlanner().restorablePoints(catalog, v.host(), v.volume())) {
          RestorePlan plan =
              new ChainPlanner().plan(catalog, v.host(), v.volume(), PlanTarget.parse(p.target()));
          TreeSet<String> expected = new TreeSet<>();
          for (ChainLink l : plan.chain()) {
            expected.addAll(
                FileIndexFixtureTest.truthOf(fixture, v.volume(), l.datestamp().digits()).keySet());
          }
          FileQueries.Files f = q.files(v.host(), v.volume(), p.datestamp().target(), null);
          assertThat(f.source()).isEqualTo(IndexSnapshot.AMANDA_INDEX);
          TreeSet<String> got = new TreeSet<>();
          f.entries().forEach(e -> got.add(e.path()));
          assertThat(got).as(v.volume() + " " + p.datestamp()).isEqualTo(expected);
          assertThat(f.entries())
              .filteredOn(e -> !e.path().equals("."))
              .allMatch(e -> e.size() == -1);
        }
      }
      // Again: nothing new is read, nothing changes.
      ImportSummary again = new CatalogImporter(catalog).importFrom(src);
      assertThat(again.indexFilesRead()).isZero();
      assertThat(again.indexFilesUnchanged()).isEqualTo(n);
    }
  }

  static List<String> amandaLines(java.util.Set<String> paths) {
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      // escaped as Amanda's index files are (backslash, control characters)
      out.add(p.equals(".") ? "/" : "/" + io.codarestore.dump.DumpIndex.escape(p));
    }
    Collections.sort(out);
    return out;
  }

  static List<String> shuffled(List<String> lines) {
    List<String> l = new ArrayList<>(lines);
    Collections.reverse(l);
    return l;
  }

  static void gz(Path file, List<String> lines) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (String l : lines) {
        out.write((l + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
