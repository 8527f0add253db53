package io.codarestore.catalog;

import io.codarestore.amanda.DumpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several logs can record the same dump (host, volume, datestamp, level): a failed taping and a
 * later amflush, a retry within a run. This picks, per dump, the copy that serves a restore best: a
 * good and readable one, else a good one, else a partial one, else a failed one.
 */
public final class DumpCopies {
  private DumpCopies() {}

  /** One record per (datestamp, level), in the order of first appearance. */
  public static List<CatalogDump> best(List<CatalogDump> dumps) {
    Map<String, CatalogDump> best = new LinkedHashMap<>();
    Map<String, Integer> ranks = new LinkedHashMap<>();
    for (CatalogDump d : dumps) {
      String key = d.datestamp() + "/" + d.level();
      int rank = rank(d);
      Integer old = ranks.get(key);
      if (old == null || rank > old) {
        best.put(key, d);
        ranks.put(key, rank);
      }
    }
    return new ArrayList<>(best.values());
  }

  static int rank(CatalogDump d) {
    if (d.status().isGood()) {
      return d.availability().readable() ? 3 : 2;
    }
    return d.status() == DumpStatus.PARTIAL ? 1 : 0;
  }
}
