package io.codarestore.ui.date;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.core.Datestamp;
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
    ChainPlanner planner = new ChainPlanner();
    Map<LocalDate, DayDumps> days =
        DayDumps.byDay(
            planner.restorablePoints(catalog, volume.host(), volume.volume()),
            catalog.dumps(volume));
    for (var e : days.entrySet()) {
      DayDumps d = e.getValue();
      if (!d.restorable() && !d.dumps().isEmpty()) {
        e.setValue(d.withWhyNot(whyNot(planner, d)));
      }
    }
    return days;
  }

  /** Why the day's last dump is no restore point: the planner's gap, as `plan` says it. */
  private String whyNot(ChainPlanner planner, DayDumps d) {
    String last =
        d.dumps().stream()
            .map(io.codarestore.catalog.CatalogDump::datestamp)
            .max(String::compareTo)
            .orElseThrow();
    try {
      var plan =
          planner.plan(
              catalog,
              volume.host(),
              volume.volume(),
              io.codarestore.plan.PlanTarget.at(Datestamp.parse(last)));
      return plan.gap() == null ? null : plan.gap().reason();
    } catch (RuntimeException e) {
      return null; // the day says no more than before
    }
  }
}
