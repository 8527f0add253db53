package io.codarestore.plan;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogDumpSummary;
import io.codarestore.catalog.CatalogPart;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.core.Datestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Computes incremental chains (spec amanda-chain-rule.md; issue 3). The head is the newest good
 * dump at or before the target; each further link is the newest good dump older than the previous
 * link with a strictly lower level, down to level 0. Dates compare as Amanda's nice strings; among
 * equal ones the lowest level counts as the newer. Failed and partial dumps are never links; dumps
 * with warnings are.
 *
 * <p>Unlike amrecover, which drops unreadable dumps before walking and can end up on an older full
 * the increments were not taken against, the walk runs over every good dump that was made; only
 * then is each link judged readable or not. A plan is restorable only if it reaches level 0 and
 * every link can be read.
 */
public final class ChainPlanner {

  /** Plans for a volume of the catalog; unknown host or volume is a {@link PlanException}. */
  public RestorePlan plan(Catalog catalog, String host, String volume, PlanTarget target) {
    CatalogVolume v = volumeOrThrow(catalog, host, volume);
    return plan(
        v.host(),
        v.volume(),
        catalog.dumpSummaries(v),
        catalog.tapelist(),
        id -> catalog.dump(id).orElseThrow(),
        target);
  }

  /** The restorable points of a catalog volume, oldest first. */
  public List<RestorePoint> restorablePoints(Catalog catalog, String host, String volume) {
    CatalogVolume v = volumeOrThrow(catalog, host, volume);
    History h = new History(catalog.dumpSummaries(v), catalog.tapelist());
    List<RestorePoint> out = new ArrayList<>();
    for (int i = 0; i < h.size(); i++) {
      if (h.restorable[i]) {
        out.add(h.point(i));
      }
    }
    return out;
  }

  /**
   * Plans over dump records already in memory (every copy of every dump of one volume, any order);
   * each part's {@link CatalogPart#currentTapeDatestamp()} stands for the tapelist.
   */
  public RestorePlan plan(String host, String volume, List<CatalogDump> dumps, PlanTarget target) {
    Map<Long, CatalogDump> byId = new HashMap<>();
    Map<String, Datestamp> tapelist = new HashMap<>();
    List<CatalogDumpSummary> summaries = new ArrayList<>(dumps.size());
    for (CatalogDump d : dumps) {
      byId.put(d.id(), d);
      summaries.add(d.summary());
      for (CatalogPart p : d.parts()) {
        if (p.currentTapeDatestamp() != null) {
          tapelist.put(p.label(), p.currentTapeDatestamp());
        }
      }
    }
    return plan(host, volume, summaries, tapelist, byId::get, target);
  }

  private RestorePlan plan(
      String host,
      String volume,
      List<CatalogDumpSummary> dumps,
      Map<String, Datestamp> tapelist,
      LongFunction<CatalogDump> load,
      PlanTarget target) {
    History h = new History(dumps, tapelist);
    int head = headFor(h, target);
    List<SkippedDump> skipped = skippedAfter(h, head, target, load);
    if (head < 0) {
      ChainGap gap =
          new ChainGap(
              null, 0, "no good dump of " + host + ":" + volume + " at or before " + target.text());
      return new RestorePlan(
          host,
          volume,
          target,
          false,
          List.of(),
          gap,
          null,
          h.firstRestorableAfter(-1),
          List.of(),
          skipped);
    }
    Walk w = walkBack(h, head);
    List<Integer> walk = w.indices();
    ChainGap gap = w.gap();
    List<ChainLink> chain = new ArrayList<>(walk.size());
    Set<String> media = new LinkedHashSet<>();
    ChainGap unreadable = null;
    for (int i : walk) {
      CatalogDump d = load.apply(h.versions.get(i).id());
      CatalogDump.Availability a = d.availability();
      List<CatalogPart> parts = d.goodParts();
      chain.add(
          new ChainLink(d.datestamp(), d.level(), d.status(), a.readable(), a.reason(), parts, d));
      if (unreadable == null && !a.readable()) {
        unreadable = new ChainGap(d.datestamp(), d.level(), a.reason());
      }
      for (CatalogPart p : parts) {
        media.add(p.label());
      }
    }
    if (unreadable != null) {
      gap = unreadable;
    }
    boolean restorable = gap == null;
    RestorePoint before = null;
    RestorePoint after = null;
    if (!restorable) {
      before = lastRestorableBefore(h, head);
      after = h.firstRestorableAfter(head);
    }
    return new RestorePlan(
        host,
        volume,
        target,
        restorable,
        chain,
        gap,
        before,
        after,
        new ArrayList<>(media),
        skipped);
  }

  /** The newest good dump the target covers, or -1. */
  private static int headFor(History h, PlanTarget target) {
    for (int i = h.size() - 1; i >= 0; i--) {
      if (h.good[i] && target.covers(h.versions.get(i).datestamp())) {
        return i;
      }
    }
    return -1;
  }

  /** Dumps after the head that the target covers but that cannot be used, with the reason. */
  private static List<SkippedDump> skippedAfter(
      History h, int head, PlanTarget target, LongFunction<CatalogDump> load) {
    List<SkippedDump> skipped = new ArrayList<>();
    for (int i = head + 1; i < h.size(); i++) {
      CatalogDumpSummary v = h.versions.get(i);
      if (!h.good[i] && target.covers(v.datestamp())) {
        CatalogDump full = load.apply(v.id());
        skipped.add(
            new SkippedDump(v.datestamp(), v.level(), v.status(), full.availability().reason()));
      }
    }
    return skipped;
  }

  /** The dumps from the head back to its full dump, oldest first, and the gap if there is none. */
  private record Walk(List<Integer> indices, ChainGap gap) {}

  private static Walk walkBack(History h, int head) {
    List<Integer> walk = new ArrayList<>();
    int cur = head;
    ChainGap gap = null;
    while (true) {
      walk.add(cur);
      if (h.versions.get(cur).level() == 0) {
        break;
      }
      int prev = h.previous[cur];
      if (prev < 0) {
        CatalogDumpSummary v = h.versions.get(cur);
        gap =
            new ChainGap(
                null,
                0,
                "no good dump of a level below "
                    + v.level()
                    + " before "
                    + v.datestamp()
                    + ": the chain has no full (level 0) dump to start from");
        break;
      }
      cur = prev;
    }
    Collections.reverse(walk);
    return new Walk(walk, gap);
  }

  private static RestorePoint lastRestorableBefore(History h, int head) {
    for (int i = head - 1; i >= 0; i--) {
      if (h.restorable[i]) {
        return h.point(i);
      }
    }
    return null;
  }

  private static CatalogVolume volumeOrThrow(Catalog catalog, String host, String volume) {
    return catalog
        .volume(host, volume)
        .orElseThrow(
            () -> {
              List<String> known =
                  catalog.volumes(null).stream()
                      .map(v -> v.host() + ":" + v.volume())
                      .limit(20)
                      .collect(Collectors.toList());
              return new PlanException(
                  "volume "
                      + host
                      + ":"
                      + volume
                      + " is not in the catalog "
                      + catalog.file()
                      + (known.isEmpty()
                          ? " (it is empty; run 'coda-restore catalog import')"
                          : "; known: " + String.join(", ", known)));
            });
  }

  /**
   * The volume's dumps in Amanda's order (oldest first; among equal dates the lowest level last,
   * i.e. newest), one per (datestamp, level) - the best copy if several logs recorded it - with for
   * each good dump the next link of its chain and whether its whole chain can be read.
   */
  private static final class History {
    final List<CatalogDumpSummary> versions;
    final boolean[] good;
    final int[] previous;
    final boolean[] restorable;

    History(List<CatalogDumpSummary> dumps, Map<String, Datestamp> tapelist) {
      // Amanda's order: Datestamp sorts as amindexd's nice dates (an 8-digit stamp before its
      // day's 14-digit ones).
      List<CatalogDumpSummary> sorted = new ArrayList<>(dumps);
      sorted.sort(
          Comparator.comparing(CatalogDumpSummary::datestamp)
              .thenComparing(Comparator.comparingInt(CatalogDumpSummary::level).reversed()));
      versions = new ArrayList<>(sorted.size());
      List<Boolean> readableOf = new ArrayList<>(sorted.size());
      int bestRank = -1;
      for (CatalogDumpSummary d : sorted) {
        boolean r = d.readable(tapelist);
        int rank = d.status().isGood() ? (r ? 3 : 2) : d.status() == DumpStatus.PARTIAL ? 1 : 0;
        int last = versions.size() - 1;
        if (last >= 0
            && versions.get(last).level() == d.level()
            && versions.get(last).datestamp().equals(d.datestamp())) {
          // Another log's record of the same dump: keep the copy that serves a restore best.
          if (rank > bestRank) {
            versions.set(last, d);
            readableOf.set(last, r);
            bestRank = rank;
          }
          continue;
        }
        versions.add(d);
        readableOf.add(r);
        bestRank = rank;
      }
      int n = versions.size();
      good = new boolean[n];
      previous = new int[n];
      restorable = new boolean[n];
      int[] lastOfLevel = new int[100];
      Arrays.fill(lastOfLevel, -1);
      for (int i = 0; i < n; i++) {
        CatalogDumpSummary v = versions.get(i);
        good[i] = v.status().isGood();
        previous[i] = -1;
        if (!good[i]) {
          continue;
        }
        int prev = -1;
        for (int l = 0; l < v.level(); l++) {
          prev = Math.max(prev, lastOfLevel[l]);
        }
        previous[i] = prev;
        restorable[i] = readableOf.get(i) && (v.level() == 0 || (prev >= 0 && restorable[prev]));
        lastOfLevel[v.level()] = i;
      }
    }

    int size() {
      return versions.size();
    }

    RestorePoint point(int i) {
      CatalogDumpSummary v = versions.get(i);
      return RestorePoint.of(v.datestamp(), v.level());
    }

    RestorePoint firstRestorableAfter(int index) {
      for (int i = index + 1; i < versions.size(); i++) {
        if (restorable[i]) {
          return point(i);
        }
      }
      return null;
    }
  }
}
