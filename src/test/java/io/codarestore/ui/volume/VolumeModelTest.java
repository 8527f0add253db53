package io.codarestore.ui.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.core.Datestamp;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.ui.DemoCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Volume page's rules, without a window. */
class VolumeModelTest {
  private static VolumeRow row(String host, String name, int points, String whyNot) {
    CatalogVolume v =
        new CatalogVolume(
            1, host, name, 3, Datestamp.parse("20240301010000"), Datestamp.parse("20240306084100"));
    return new VolumeRow(
        v,
        Datestamp.parse("20240301010000"),
        Datestamp.parse("20240306084100"),
        1,
        points,
        4096,
        whyNot);
  }

  @Test
  void searchMatchesHostOrVolumeInAnyCase() {
    VolumeRow r = row("fs1.example", "u.Alice", 2, null);
    assertThat(VolumeModel.matches(r, "  ALICE ")).isTrue();
    assertThat(VolumeModel.matches(r, "fs1")).isTrue();
    assertThat(VolumeModel.matches(r, "")).isTrue();
    assertThat(VolumeModel.matches(r, null)).isTrue();
    assertThat(VolumeModel.matches(r, "bob")).isFalse();
  }

  @Test
  void onlyAVolumeWithARestorePointLetsTheUserOn() {
    VolumeRow ok = row("h", "v", 2, null);
    VolumeRow none = row("h", "w", 0, "the full dump of 20240301010000 is on an overwritten tape");
    assertThat(VolumeModel.canGoOn(ok)).isTrue();
    assertThat(VolumeModel.canGoOn(none)).isFalse();
    assertThat(VolumeModel.canGoOn(null)).isFalse();
    assertThat(VolumeModel.tooltip(ok)).isNull();
    assertThat(VolumeModel.tooltip(none))
        .isEqualTo("No restore point: the full dump of 20240301010000 is on an overwritten tape");
    assertThat(VolumeModel.tooltip(row("h", "x", 0, null))).isEqualTo("No restore point");
  }

  @Test
  void theHintSaysHowManyPointsOrWhyNone() {
    assertThat(VolumeModel.hint(row("h", "v", 1, null)))
        .isEqualTo("h:v can be restored to 1 point.");
    assertThat(VolumeModel.hint(row("h", "v", 3, null)))
        .isEqualTo("h:v can be restored to 3 points.");
    assertThat(VolumeModel.hint(row("h", "v", 0, "the tape was overwritten")))
        .isEqualTo("h:v has no point it can be restored to: the tape was overwritten.");
    assertThat(VolumeModel.hint(row("h", "v", 0, null))).contains("every chain misses a dump");
    assertThat(VolumeModel.lastFull(row("h", "v", 1, null))).isEqualTo("2024-03-01 01:00");
    assertThat(VolumeModel.lastDump(row("h", "v", 1, null))).isEqualTo("2024-03-06 08:41 · L1");
  }

  @Test
  void theDemoRowsAgreeWithTheCatalogAndThePlanner(@TempDir Path dir) {
    ChainPlanner planner = new ChainPlanner();
    try (Catalog c = DemoCatalog.open(dir)) {
      List<VolumeRow> rows = VolumeModel.rows(c, planner, () -> false);
      assertThat(rows).hasSameSizeAs(c.volumes(null)).isNotEmpty();
      for (VolumeRow r : rows) {
        List<CatalogDump> dumps = c.dumps(r.volume());
        assertThat(r.lastDump()).isEqualTo(dumps.get(dumps.size() - 1).datestamp());
        assertThat(r.restorablePoints())
            .isEqualTo(planner.restorablePoints(c, r.host(), r.name()).size());
        assertThat(r.whyNot() != null).isEqualTo(r.restorablePoints() == 0 && r.whyNot() != null);
        CatalogDump full =
            dumps.stream()
                .filter(d -> d.level() == 0 && d.state().isGood())
                .reduce((a, b) -> b)
                .orElse(null);
        assertThat(r.lastFull()).isEqualTo(full == null ? null : full.datestamp());
      }
      assertThat(VolumeModel.rows(c, planner, () -> true)).isEmpty();
    }
  }
}
