package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.testing.AmandaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's folder is named by the job's clock, as Datestamp.runId() writes a time, and the volume.
 */
class RunIdTest {
  @TempDir Path tmp;

  @Test
  void theRunFolderIsNamedByTheClockAndTheVolume() throws Exception {
    Path fixture = AmandaFixture.get().outdir();
    AmandaConfig conf = AmandaConfig.read(fixture.resolve("etc"));
    Path db = tmp.resolve("catalog.db");
    Clock clock =
        Clock.fixed(
            LocalDateTime.of(2024, 3, 6, 8, 41, 7).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    try (Catalog c = Catalog.open(db)) {
      new CatalogImporter(c)
          .importFrom(ImportSource.of(conf.logdir(), conf.tapelist(), conf.vtapeRoot()));
      new RestoreJob(
              c,
              new ChainPlanner(),
              new VtapeFetcher(conf.vtapeRoot()),
              new ExtractionTreeExtractor(),
              new Workspace(tmp.resolve("ws")),
              ProgressListener.NONE,
              Cancellation.none(),
              clock)
          .run(
              new RestoreRequest(
                  "localhost",
                  "u.alice",
                  PlanTarget.parse("2024-03-10"),
                  new RestoreTarget.Directory(tmp.resolve("out"), List.of(), false),
                  null,
                  false));
    }
    try (Stream<Path> runs = Files.list(tmp.resolve("ws/runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString()))
          .containsExactly("20240306-084107-localhost-u.alice");
    }
  }
}
