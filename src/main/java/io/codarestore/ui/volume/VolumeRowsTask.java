package io.codarestore.ui.volume;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.core.Datestamp;
import io.codarestore.plan.ChainPlanner;
import java.util.ArrayList;
import java.util.List;
import javafx.concurrent.Task;

/** Reads the volume list with what each line shows, off the FX thread. */
final class VolumeRowsTask extends Task<List<VolumeRow>> {
  private final Catalog catalog;
  private final ChainPlanner planner = new ChainPlanner();

  VolumeRowsTask(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  protected List<VolumeRow> call() {
    List<VolumeRow> rows = new ArrayList<>();
    for (CatalogVolume v : catalog.volumes(null)) {
      if (isCancelled()) {
        break;
      }
      String lastFull = null;
      long fullBytes = -1;
      String lastDump = null;
      int lastLevel = -1;
      for (CatalogDump d : catalog.dumps(v)) { // oldest first
        lastDump = d.datestamp();
        lastLevel = d.level();
        if (d.level() == 0 && d.state().isGood()) {
          lastFull = d.datestamp();
          fullBytes = d.bytes();
        }
      }
      int points = planner.restorablePoints(catalog, v.host(), v.volume()).size();
      String whyNot = points == 0 && lastDump != null ? whyNot(v, lastDump) : null;
      rows.add(new VolumeRow(v, lastFull, lastDump, lastLevel, points, fullBytes, whyNot));
    }
    return rows;
  }

  /** Why the newest dump is no restore point: the planner's gap, as `plan` says it. */
  private String whyNot(CatalogVolume v, String lastDump) {
    try {
      var plan =
          planner.plan(
              catalog,
              v.host(),
              v.volume(),
              io.codarestore.plan.PlanTarget.at(Datestamp.parse(lastDump)));
      return plan.gap() == null ? null : plan.gap().reason();
    } catch (RuntimeException e) {
      return null; // the row says no more than before
    }
  }
}
