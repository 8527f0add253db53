package io.codarestore.ui;

import io.codarestore.catalog.CatalogVolume;
import io.codarestore.plan.RestorePlan;
import io.codarestore.plan.RestorePoint;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.ui.source.OpenedCatalog;
import io.codarestore.ui.summary.SummaryModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the user chose so far, page by page. A choice made again clears everything chosen after it
 * (a new volume has no date yet), so no page ever shows a plan for something else. FX thread only.
 */
public final class RestoreSession {
  private final ObjectProperty<OpenedCatalog> catalog = new SimpleObjectProperty<>(this, "catalog");
  private final ObjectProperty<CatalogVolume> volume = new SimpleObjectProperty<>(this, "volume");
  private final ObjectProperty<RestorePoint> point = new SimpleObjectProperty<>(this, "point");
  private final ObjectProperty<RestorePlan> plan = new SimpleObjectProperty<>(this, "plan");
  private final ObjectProperty<RestoreTarget> target = new SimpleObjectProperty<>(this, "target");
  private final ObjectProperty<SummaryModel> outcome = new SimpleObjectProperty<>(this, "outcome");
  private final BooleanProperty acceptUnchecked =
      new SimpleBooleanProperty(this, "acceptUnchecked");

  public RestoreSession() {
    catalog.addListener(
        (o, was, now) -> {
          volume.set(null);
          if (was != null && was != now) {
            was.close();
          }
        });
    volume.addListener((o, was, now) -> point.set(null));
    point.addListener((o, was, now) -> plan.set(null));
    plan.addListener((o, was, now) -> acceptUnchecked.set(false));
    plan.addListener((o, was, now) -> outcome.set(null));
    target.addListener((o, was, now) -> outcome.set(null));
  }

  public ObjectProperty<OpenedCatalog> catalog() {
    return catalog;
  }

  public ObjectProperty<CatalogVolume> volume() {
    return volume;
  }

  public ObjectProperty<RestorePoint> point() {
    return point;
  }

  public ObjectProperty<RestorePlan> plan() {
    return plan;
  }

  public ObjectProperty<RestoreTarget> target() {
    return target;
  }

  /** The user accepted that some links of the chain could not be checked from the headers. */
  public BooleanProperty acceptUnchecked() {
    return acceptUnchecked;
  }

  public ObjectProperty<SummaryModel> outcome() {
    return outcome;
  }

  /** Forgets the choices after the source (Start over keeps the imported catalog). */
  public void startOver() {
    volume.set(null);
    target.set(null);
    outcome.set(null);
  }
}
