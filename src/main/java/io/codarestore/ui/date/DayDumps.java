package io.codarestore.ui.date;

import io.codarestore.catalog.CatalogDump;
import io.codarestore.plan.RestorePoint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the calendar shows for each day: the restore points of that day (from the planner) and every
 * dump that was made that day, whatever became of it.
 */
record DayDumps(LocalDate day, List<RestorePoint> points, List<CatalogDump> dumps, String whyNot) {
  DayDumps {
    points = List.copyOf(points);
    dumps = List.copyOf(dumps);
  }

  DayDumps(LocalDate day, List<RestorePoint> points, List<CatalogDump> dumps) {
    this(day, points, dumps, null);
  }

  /** The same day with the reason it has no restore point (from the planner). */
  DayDumps withWhyNot(String reason) {
    return new DayDumps(day, points, dumps, reason);
  }

  boolean restorable() {
    return !points.isEmpty();
  }

  /** "L0", "L1 L2" … the levels dumped that day, each once, in order. */
  String levels() {
    StringBuilder b = new StringBuilder();
    dumps.stream()
        .map(CatalogDump::level)
        .distinct()
        .sorted()
        .forEach(l -> b.append(b.length() == 0 ? "" : " ").append("L").append(l));
    return b.toString();
  }

  static Map<LocalDate, DayDumps> byDay(List<RestorePoint> points, List<CatalogDump> dumps) {
    Map<LocalDate, List<RestorePoint>> p = new TreeMap<>();
    for (RestorePoint r : points) {
      LocalDate d = r.datestamp().day();
      if (d != null) {
        p.computeIfAbsent(d, k -> new ArrayList<>()).add(r);
      }
    }
    Map<LocalDate, List<CatalogDump>> all = new TreeMap<>();
    for (CatalogDump c : dumps) {
      LocalDate d = c.datestamp().day();
      if (d != null) {
        all.computeIfAbsent(d, k -> new ArrayList<>()).add(c);
      }
    }
    Map<LocalDate, DayDumps> out = new TreeMap<>();
    for (LocalDate d : all.keySet()) {
      out.put(d, new DayDumps(d, p.getOrDefault(d, List.of()), all.get(d)));
    }
    for (LocalDate d : p.keySet()) {
      out.putIfAbsent(d, new DayDumps(d, p.get(d), List.of()));
    }
    return out;
  }
}
