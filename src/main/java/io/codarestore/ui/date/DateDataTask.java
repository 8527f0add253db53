package io.codarestore.ui.date;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.plan.ChainPlanner;
import javafx.concurrent.Task;

/** Loads the Date page's model for a volume off the FX thread. */
final class DateDataTask extends Task<DateModel> {
  private final Catalog catalog;
  private final CatalogVolume volume;

  DateDataTask(Catalog catalog, CatalogVolume volume) {
    this.catalog = catalog;
    this.volume = volume;
  }

  @Override
  protected DateModel call() {
    return DateModel.load(catalog, volume, new ChainPlanner());
  }
}
