package io.codarestore.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.amanda.VtapeLibrary;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.CatalogPart;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.ImportSource;
import io.codarestore.catalog.IndexSnapshot;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.testing.AmandaFixture;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dump that cannot be read is reported with what and why; every other dump is indexed. */
class DamagedDumpIndexTest {
  @Test
  void aCorruptPartIsReportedAndTheRestIndexed(@TempDir Path dir) throws IOException {
    AmandaFixture fixture = AmandaFixture.get();
    ImportSource src = ImportSource.of(AmandaConfig.read(fixture.configDir()));
    Path vtapes = dir.resolve("vtapes");
    copyTree(src.vtapeRoot(), vtapes);
    try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
      new CatalogImporter(catalog).importFrom(src);
      CatalogVolume root = catalog.volume("localhost", "coda.root").orElseThrow();
      List<CatalogDump> dumps = catalog.dumps(root);
      // The newest dump of coda.root: the head of one chain only.
      CatalogDump newest = dumps.get(dumps.size() - 1);
      CatalogPart part = newest.goodParts().get(0);
      Path file = new VtapeLibrary(vtapes).fileOf(part.label(), part.fileNumber());
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        long at = 32768 + (f.length() - 32768) / 2;
        f.seek(at);
        byte[] junk = new byte[64];
        java.util.Arrays.fill(junk, (byte) 0x5a);
        f.write(junk);
      }
      DumpIndexer.Summary s =
          new DumpIndexer(catalog, new VtapeFetcher(vtapes))
              .run(null, null, null, ProgressListener.NONE, Cancellation.none());
      assertThat(s.problems()).hasSize(1);
      assertThat(s.problems().get(0))
          .contains("localhost:coda.root " + newest.datestamp())
          .contains(part.label());
      assertThat(
              catalog
                  .fileIndex()
                  .snapshot(root.id(), IndexSnapshot.DUMPS, newest.datestamp(), newest.level()))
          .isEmpty();
      int total = 0;
      for (CatalogVolume v : catalog.volumes(null)) {
        total +=
            new io.codarestore.plan.ChainPlanner()
                .restorablePoints(catalog, v.host(), v.volume())
                .size();
      }
      assertThat(s.indexed()).isEqualTo(total - 1);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
