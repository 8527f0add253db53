package io.codarestore.ui.volume;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.core.Datestamp;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.ui.common.ErrorDialog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The Volume page's rules, without a toolkit: each volume's line (newest full and newest dump,
 * restore points, why a volume has none, in the planner's words), the search, the hint for the
 * chosen line, and when the page may be left.
 */
public final class VolumeModel {
  private VolumeModel() {}

  /** Every volume of the catalog with what its line shows; stops early when {@code cancelled}. */
  public static List<VolumeRow> rows(
      Catalog catalog, ChainPlanner planner, BooleanSupplier cancelled) {
    List<VolumeRow> rows = new ArrayList<>();
    for (CatalogVolume v : catalog.volumes(null)) {
      if (cancelled.getAsBoolean()) {
        break;
      }
      rows.add(row(catalog, planner, v));
    }
    return rows;
  }

  static VolumeRow row(Catalog catalog, ChainPlanner planner, CatalogVolume v) {
    Datestamp lastFull = null;
    long fullBytes = -1;
    Datestamp lastDump = null;
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
    String whyNot = points == 0 && lastDump != null ? whyNot(catalog, planner, v, lastDump) : null;
    return new VolumeRow(v, lastFull, lastDump, lastLevel, points, fullBytes, whyNot);
  }

  /** Why the newest dump is no restore point: the planner's gap, as `plan` says it. */
  private static String whyNot(
      Catalog catalog, ChainPlanner planner, CatalogVolume v, Datestamp lastDump) {
    try {
      RestorePlan plan = planner.plan(catalog, v.host(), v.volume(), PlanTarget.at(lastDump));
      return plan.gap() == null ? null : plan.gap().reason();
    } catch (RuntimeException e) {
      return null; // the row says no more than before
    }
  }

  /** True if the search text (any case, blanks around ignored) is in the host or volume name. */
  public static boolean matches(VolumeRow r, String search) {
    String q = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    return q.isEmpty()
        || r.host().toLowerCase(Locale.ROOT).contains(q)
        || r.name().toLowerCase(Locale.ROOT).contains(q);
  }

  /** Only a volume with a restore point can be restored. */
  public static boolean canGoOn(VolumeRow r) {
    return r != null && r.restorablePoints() > 0;
  }

  /** The row's tooltip: why it has no restore point, or null for a restorable volume. */
  public static String tooltip(VolumeRow r) {
    return canGoOn(r) ? null : "No restore point" + (r.whyNot() == null ? "" : ": " + r.whyNot());
  }

  /** "2024-03-06 08:41", or "none". */
  public static String lastFull(VolumeRow r) {
    return r.lastFull() == null ? "none" : r.lastFull().compact();
  }

  /** "2024-03-06 08:41 · L1", or "none". */
  public static String lastDump(VolumeRow r) {
    return r.lastDump() == null ? "none" : r.lastDump().compact() + " · L" + r.lastDumpLevel();
  }

  /** The words under the table for the chosen volume. */
  public static String hint(VolumeRow row) {
    String name = row.host() + ":" + row.name();
    if (row.restorablePoints() == 0) {
      return name
          + " has no point it can be restored to: "
          + (row.whyNot() != null
              ? ErrorDialog.sentence(row.whyNot())
              : "every chain misses a dump that failed or whose tape was overwritten.");
    }
    return name
        + " can be restored to "
        + row.restorablePoints()
        + (row.restorablePoints() == 1 ? " point." : " points.");
  }
}
