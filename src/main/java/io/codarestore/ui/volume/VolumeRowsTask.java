package io.codarestore.ui.volume;

import io.codarestore.catalog.Catalog;
import io.codarestore.plan.ChainPlanner;
import java.util.List;
import javafx.concurrent.Task;

/** Reads the volume list with what each line shows, off the FX thread. */
final class VolumeRowsTask extends Task<List<VolumeRow>> {
  private final Catalog catalog;

  VolumeRowsTask(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  protected List<VolumeRow> call() {
    return VolumeModel.rows(catalog, new ChainPlanner(), this::isCancelled);
  }
}
