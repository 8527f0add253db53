package io.codarestore.index;

import io.codarestore.amanda.DumpFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.FileIndexStore;
import io.codarestore.catalog.IndexSnapshot;
import io.codarestore.core.Cancellation;
import io.codarestore.core.Datestamp;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.plan.RestorePoint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code catalog index}: reads the dumps of every restorable point (the same chains as {@code
 * plan}) off their media and records the tree after each one in the catalog's file index. Each dump
 * is one transaction, so an interrupted run resumes where it stopped; points already indexed are
 * skipped. A dump that cannot be read is reported with the reason and the rest is indexed.
 */
public final class DumpIndexer {
  private static final Logger LOG = LoggerFactory.getLogger(DumpIndexer.class);

  /**
   * What a run did.
   *
   * @param indexed dumps read and recorded now
   * @param alreadyIndexed dumps skipped because they were indexed before
   * @param bytesRead bytes read off the media (as stored)
   * @param problems one line per dump that could not be indexed: which and why
   */
  public record Summary(int indexed, int alreadyIndexed, long bytesRead, List<String> problems) {}

  private final Catalog catalog;
  private final DumpFetcher fetcher;
  private final ChainPlanner planner = new ChainPlanner();

  public DumpIndexer(Catalog catalog, DumpFetcher fetcher) {
    this.catalog = catalog;
    this.fetcher = fetcher;
  }

  /** Reads the dumps off {@code media} (the fronts' handle; they do not see Amanda's fetchers). */
  public DumpIndexer(Catalog catalog, io.codarestore.plan.DumpMedia media) {
    this(catalog, media.fetcher());
  }

  /**
   * Indexes the volumes of {@code host} (all if null), only {@code volume} if given, and only the
   * restore points from the day {@code since} on (null for all) and the dumps their chains build
   * on.
   */
  public Summary run(
      String host, String volume, LocalDate since, ProgressListener progress, Cancellation cancel) {
    Run run = new Run(progress, cancel);
    for (CatalogVolume v : catalog.volumes(host)) {
      if (volume == null || volume.equals(v.volume())) {
        run.volume(v, since);
      }
    }
    return new Summary(run.indexed, run.skipped, run.bytes, run.problems);
  }

  private final class Run {
    final ProgressListener progress;
    final Cancellation cancel;
    final List<String> problems = new ArrayList<>();
    int indexed;
    int skipped;
    long bytes;

    Run(ProgressListener progress, Cancellation cancel) {
      this.progress = progress;
      this.cancel = cancel;
    }

    void volume(CatalogVolume v, LocalDate since) {
      FileIndexStore store = catalog.fileIndex();
      Map<String, RestorePlan> plans = new LinkedHashMap<>();
      for (RestorePoint p : planner.restorablePoints(catalog, v.host(), v.volume())) {
        RestorePlan plan =
            planner.plan(catalog, v.host(), v.volume(), PlanTarget.parse(p.target()));
        if (plan.restorable() && !plan.chain().isEmpty()) {
          plans.put(key(p.datestamp(), p.level()), plan);
        }
      }
      Set<String> wanted = new HashSet<>();
      for (RestorePlan plan : plans.values()) {
        ChainLink head = plan.chain().get(plan.chain().size() - 1);
        if (since == null || !head.datestamp().day().isBefore(since)) {
          for (ChainLink l : plan.chain()) {
            wanted.add(key(l.datestamp(), l.level()));
          }
        }
      }
      List<IndexSnapshot> done = store.snapshots(v.id(), IndexSnapshot.DUMPS);
      Set<String> doneKeys = new HashSet<>();
      done.forEach(s -> doneKeys.add(key(s.datestamp(), s.level())));
      Datestamp newest = done.isEmpty() ? null : done.get(done.size() - 1).datestamp();
      List<String> order = new ArrayList<>(plans.keySet());
      for (String k : order) {
        if (wanted.contains(k)
            && !doneKeys.contains(k)
            && newest != null
            && plans
                    .get(k)
                    .chain()
                    .get(plans.get(k).chain().size() - 1)
                    .datestamp()
                    .compareTo(newest)
                <= 0) {
          LOG.info(
              "{}:{}: {} is older than the newest indexed dump; indexing again",
              v.host(),
              v.volume(),
              k);
          store.dropDumpIndex(v.id());
          doneKeys.clear();
          break;
        }
      }
      Map<String, TreeState> states = new HashMap<>();
      Set<String> failed = new HashSet<>();
      for (String k : order) {
        cancel.check();
        if (!wanted.contains(k)) {
          continue;
        }
        if (doneKeys.contains(k)) {
          skipped++;
          continue;
        }
        index(v, plans.get(k), states, failed);
      }
    }

    private void index(
        CatalogVolume v, RestorePlan plan, Map<String, TreeState> states, Set<String> failed) {
      List<ChainLink> chain = plan.chain();
      ChainLink head = chain.get(chain.size() - 1);
      String what = v.host() + ":" + v.volume() + " " + head.datestamp() + " level " + head.level();
      for (ChainLink l : chain) {
        if (failed.contains(key(l.datestamp(), l.level()))) {
          problems.add(
              what
                  + ": not indexed: its chain's dump "
                  + l.datestamp()
                  + " level "
                  + l.level()
                  + " could not be read");
          return;
        }
      }
      TreeState base =
          chain.size() == 1 ? TreeState.empty() : stateOf(v, chain, chain.size() - 2, states);
      if (base == null) {
        problems.add(what + ": not indexed: the state its incremental applies to is unknown");
        return;
      }
      TreeState next = base.copy();
      try {
        DumpStream.Read<Void> r =
            DumpStream.read(
                fetcher,
                head.dump(),
                progress,
                cancel,
                reader -> {
                  next.apply(reader, cancel);
                  return null;
                });
        bytes += r.fetch() == null ? 0 : r.fetch().storedBytes();
      } catch (io.codarestore.core.Cancellation.CancelledException e) {
        throw e;
      } catch (RuntimeException e) {
        failed.add(key(head.datestamp(), head.level()));
        problems.add(what + " (" + head.dump().whereToRead() + "): " + e.getMessage());
        LOG.warn("indexing {} failed", what, e);
        return;
      }
      ChainLink prev = chain.size() == 1 ? null : chain.get(chain.size() - 2);
      catalog
          .fileIndex()
          .addDumpSnapshot(
              v.id(),
              head.datestamp(),
              head.level(),
              prev == null ? null : prev.datestamp(),
              prev == null ? null : prev.level(),
              next.tree(),
              next.removals());
      states.put(key(head.datestamp(), head.level()), next);
      Set<String> keep = new HashSet<>();
      chain.forEach(l -> keep.add(key(l.datestamp(), l.level())));
      states.keySet().retainAll(keep); // the next dump builds on one of these, as a rule
      indexed++;
    }

    /** The state after link {@code i} of a chain: remembered, or from the index. */
    private TreeState stateOf(
        CatalogVolume v, List<ChainLink> chain, int i, Map<String, TreeState> states) {
      ChainLink l = chain.get(i);
      TreeState s = states.get(key(l.datestamp(), l.level()));
      if (s != null) {
        return s;
      }
      var snap =
          catalog.fileIndex().snapshot(v.id(), IndexSnapshot.DUMPS, l.datestamp(), l.level());
      if (snap.isEmpty()) {
        return null;
      }
      s = TreeState.of(catalog.fileIndexReads().treeAt(v.id(), snap.get().id(), null));
      states.put(key(l.datestamp(), l.level()), s);
      return s;
    }
  }

  static String key(Datestamp datestamp, int level) {
    return datestamp.digits() + "_" + level;
  }
}
