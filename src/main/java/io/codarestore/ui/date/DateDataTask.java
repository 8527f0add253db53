package io.codarestore.ui.date;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.plan.ChainPlanner;
import java.time.LocalDate;
import java.util.Map;
import javafx.concurrent.Task;

/** Reads a volume's restore points and dumps, grouped by day, off the FX thread. */
final class DateDataTask extends Task<Map<LocalDate, DayDumps>> {
  private final Catalog catalog;
  private final CatalogVolume volume;

  DateDataTask(Catalog catalog, CatalogVolume volume) {
    this.catalog = catalog;
    this.volume = volume;
  }

  @Override
  protected Map<LocalDate, DayDumps> call() {
    return DayDumps.byDay(
        new ChainPlanner().restorablePoints(catalog, volume.host(), volume.volume()),
        catalog.dumps(volume));
  }
}
