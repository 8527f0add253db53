package io.codarestore.ui.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.AmandaSetup;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePoint;
import io.codarestore.restore.ExtractionTreeExtractor;
import io.codarestore.restore.RestoreJob;
import io.codarestore.restore.RestoreRequest;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.restore.Workspace;
import io.codarestore.testing.AmandaFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Chain page's space is the dry run's: the same workspace figure before and after the chain's
 * dumps are in the workspace cache (needs the Amanda fixture; skipped with its reason without it).
 */
class ChainModelDryRunTest {
  @TempDir Path dir;

  @Test
  void thePageNeedsWhatTheDryRunNeeds() throws Exception {
    Path fixture = AmandaFixture.get().outdir();
    Path ws = dir.resolve("ws");
    try (Catalog c = Catalog.open(dir.resolve("catalog.db"))) {
      new CatalogImporter(c).importFrom(AmandaSetup.importSource(fixture.resolve("etc")));
      CatalogVolume volume =
          c.volumes("localhost").stream()
              .filter(v -> v.volume().equals("u.alice"))
              .findFirst()
              .orElseThrow();
      List<RestorePoint> points =
          new ChainPlanner().restorablePoints(c, volume.host(), volume.volume());
      RestorePoint point = points.get(points.size() - 1);
      RestoreRequest req =
          new RestoreRequest(
              volume.host(),
              volume.volume(),
              PlanTarget.parse(point.target()),
              new RestoreTarget.Directory(dir.resolve("out"), List.of(), false),
              null,
              false);
      RestoreJob job =
          new RestoreJob(
              c,
              new ChainPlanner(),
              new VtapeFetcher(c.source().orElseThrow().vtapeRoot()),
              new ExtractionTreeExtractor(),
              new Workspace(ws),
              ProgressListener.NONE,
              Cancellation.none(),
              Clock.systemUTC());

      ChainModel.Chain before = ChainModel.forWorkspace(ws).load(c, volume, point);
      assertThat(before.plan().chain()).hasSizeGreaterThan(1);
      long dryRun = job.preview(req).space().get(0).needed();
      assertThat(before.space().needed()).isEqualTo(dryRun).isPositive();
      assertThat(before.free().needed()).isEqualTo(dryRun);

      job.run(req); // fetches the chain into the workspace cache
      ChainModel.Chain after = ChainModel.forWorkspace(ws).load(c, volume, point);
      assertThat(after.space().needed()).isEqualTo(job.preview(req).space().get(0).needed());
      assertThat(after.space().needed()).isZero();
      assertThat(after.space().cachedBytes()).isEqualTo(before.space().nativeBytes());
    }
  }
}
