package io.codarestore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.ImportSource;
import io.codarestore.catalog.IndexSnapshot;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.testing.AmandaFixture;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An indexing run cancelled in the middle keeps what it finished; the next run does the rest. */
class InterruptedIndexTest {
  @Test
  void aCancelledRunResumesWhereItStopped(@TempDir Path dir) {
    AmandaFixture fixture = AmandaFixture.get();
    ImportSource src = ImportSource.of(AmandaConfig.read(fixture.configDir()));
    try (Catalog whole = Catalog.open(dir.resolve("whole.db"));
        Catalog cut = Catalog.open(dir.resolve("cut.db"))) {
      new CatalogImporter(whole).importFrom(src);
      new CatalogImporter(cut).importFrom(src);
      VtapeFetcher fetcher = new VtapeFetcher(src.vtapeRoot());
      DumpIndexer.Summary all =
          new DumpIndexer(whole, fetcher)
              .run(null, null, null, ProgressListener.NONE, Cancellation.none());

      Cancellation cancel = Cancellation.none();
      AtomicInteger started = new AtomicInteger();
      ProgressListener stopAtFourth =
          new ProgressListener() {
            @Override
            public void stageStarted(String stage, long totalBytes) {
              if (started.incrementAndGet() == 4) {
                cancel.cancel();
              }
            }
          };
      assertThatThrownBy(
              () -> new DumpIndexer(cut, fetcher).run(null, null, null, stopAtFourth, cancel))
          .isInstanceOf(Cancellation.CancelledException.class);
      int done = 0;
      for (CatalogVolume v : cut.volumes(null)) {
        done += cut.fileIndex().snapshots(v.id(), IndexSnapshot.DUMPS).size();
      }
      assertThat(done).isEqualTo(3);

      DumpIndexer.Summary rest =
          new DumpIndexer(cut, fetcher)
              .run(null, null, null, ProgressListener.NONE, Cancellation.none());
      assertThat(rest.alreadyIndexed()).isEqualTo(3);
      assertThat(rest.indexed()).isEqualTo(all.indexed() - 3);
      for (CatalogVolume v : whole.volumes(null)) {
        CatalogVolume w = cut.volume(v.host(), v.volume()).orElseThrow();
        var a = whole.fileIndex().snapshots(v.id(), IndexSnapshot.DUMPS);
        var b = cut.fileIndex().snapshots(w.id(), IndexSnapshot.DUMPS);
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
          assertThat(cut.fileIndexReads().treeAt(w.id(), b.get(i).id(), null))
              .isEqualTo(whole.fileIndexReads().treeAt(v.id(), a.get(i).id(), null));
        }
      }
    }
  }
}
