package io.codarestore.index;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.FileIndexReads;
import io.codarestore.catalog.IndexSnapshot;
import io.codarestore.catalog.IndexedEntry;
import io.codarestore.core.Datestamp;
import io.codarestore.core.UserFacingException;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanException;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.plan.RestorePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file index's questions, for the command line and the wizard alike: a volume's tree as of a
 * restore point (the chain rule of {@code plan}), where a name occurs, and a path's versions. Only
 * the catalog is read, never a tape.
 */
public final class FileQueries {
  private final Catalog catalog;
  private final ChainPlanner planner = new ChainPlanner();

  public FileQueries(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * A tree as of a restore point.
   *
   * @param restorePoint the datestamp of the chain's newest dump
   * @param source {@link IndexSnapshot#DUMPS} or {@link IndexSnapshot#AMANDA_INDEX} (paths only)
   */
  public record Files(
      Datestamp restorePoint, int level, String source, List<IndexedEntry> entries) {}

  /** A span of indexed restore points a path existed in: first, last, and where it stopped. */
  public record Span(Datestamp from, Datestamp lastSeen, Datestamp until) {}

  /** A path that matched a search. */
  public record Found(
      String host, String volume, String path, String type, String source, List<Span> existed) {}

  /** One version of a path. {@code restorePoint} is a target ({@code plan}/{@code restore}). */
  public record Version(
      Datestamp from,
      Datestamp until,
      int level,
      IndexedEntry entry,
      boolean restorable,
      String restorePoint) {}

  /** Normalises a path as the user gives it: {@code /a/b/}, {@code ./a/b} and {@code a/b} alike. */
  public static String normalise(String path) {
    String p = path.strip();
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() || p.equals("/") ? "." : p;
  }

  /** The tree of a volume as of the restore point for {@code date}, at or under {@code under}. */
  public Files files(String host, String volume, String date, String under) {
    RestorePlan plan = planner.plan(catalog, host, volume, PlanTarget.parse(date));
    if (!plan.restorable()) {
      String near = "";
      if (plan.nearestBefore() != null) {
        near += "; nearest before: " + plan.nearestBefore().target();
      }
      if (plan.nearestAfter() != null) {
        near += "; nearest after: " + plan.nearestAfter().target();
      }
      String why = plan.gap() == null ? "not restorable" : plan.gap().reason();
      throw new PlanException(
          host + ":" + volume + " cannot be restored to " + date + ": " + why + near);
    }
    CatalogVolume v = catalog.volume(host, volume).orElseThrow();
    ChainLink head = plan.chain().get(plan.chain().size() - 1);
    String dir = under == null ? null : normalise(under);
    Optional<IndexSnapshot> snap =
        catalog.fileIndex().snapshot(v.id(), IndexSnapshot.DUMPS, head.datestamp(), head.level());
    if (snap.isPresent()) {
      return new Files(
          head.datestamp(),
          head.level(),
          IndexSnapshot.DUMPS,
          catalog.fileIndexReads().treeAt(v.id(), snap.get().id(), dir));
    }
    List<Long> amanda = new ArrayList<>();
    for (ChainLink l : plan.chain()) {
      catalog
          .fileIndex()
          .snapshot(v.id(), IndexSnapshot.AMANDA_INDEX, l.datestamp(), l.level())
          .ifPresent(s -> amanda.add(s.id()));
    }
    if (amanda.isEmpty()) {
      throw new UserFacingException(
          host
              + ":"
              + volume
              + " "
              + head.datestamp()
              + " level "
              + head.level()
              + " is not in the file index; run 'coda-restore catalog index' (or import Amanda's"
              + " index files with 'catalog import' from a configuration with an indexdir)");
    }
    return new Files(
        head.datestamp(),
        head.level(),
        IndexSnapshot.AMANDA_INDEX,
        catalog.fileIndexReads().amandaTree(amanda, dir));
  }

  /**
   * Where the index knows the tree as of the restore point for {@code date} from ({@link
   * IndexSnapshot#DUMPS} or {@link IndexSnapshot#AMANDA_INDEX}), or null when it does not or the
   * date cannot be restored; reads no tree.
   */
  public String indexedSource(String host, String volume, String date) {
    RestorePlan plan = planner.plan(catalog, host, volume, PlanTarget.parse(date));
    if (!plan.restorable() || plan.chain().isEmpty()) {
      return null;
    }
    CatalogVolume v = catalog.volume(host, volume).orElseThrow();
    ChainLink head = plan.chain().get(plan.chain().size() - 1);
    if (catalog
        .fileIndex()
        .snapshot(v.id(), IndexSnapshot.DUMPS, head.datestamp(), head.level())
        .isPresent()) {
      return IndexSnapshot.DUMPS;
    }
    for (ChainLink l : plan.chain()) {
      if (catalog
          .fileIndex()
          .snapshot(v.id(), IndexSnapshot.AMANDA_INDEX, l.datestamp(), l.level())
          .isPresent()) {
        return IndexSnapshot.AMANDA_INDEX;
      }
    }
    return null;
  }

  /**
   * Paths whose name matches {@code pattern} (glob or exact), in every volume or the chosen ones.
   */
  public List<Found> find(String host, String volume, String pattern, int limit) {
    java.util.Map<Long, CatalogVolume> volumes = new java.util.HashMap<>();
    for (CatalogVolume v : catalog.volumes(host)) {
      if (volume == null || volume.equals(v.volume())) {
        volumes.put(v.id(), v);
      }
    }
    List<FileIndexReads.Match> matches = new ArrayList<>();
    if (host == null && volume == null) {
      matches.addAll(catalog.fileIndexReads().find(pattern, null, limit)); // one pass over names
    } else {
      for (CatalogVolume v : volumes.values()) {
        matches.addAll(catalog.fileIndexReads().find(pattern, v.id(), limit - matches.size()));
      }
    }
    List<Found> out = new ArrayList<>();
    for (FileIndexReads.Match m : matches) {
      CatalogVolume v = volumes.get(m.volumeId());
      if (v == null || out.size() >= limit) {
        continue;
      }
      List<Span> spans = new ArrayList<>();
      for (Datestamp[] s : m.existed()) {
        spans.add(new Span(s[0], s[1], s[2]));
      }
      out.add(new Found(v.host(), v.volume(), m.path(), m.type(), m.source(), spans));
    }
    out.sort(
        java.util.Comparator.comparing(Found::host)
            .thenComparing(Found::volume)
            .thenComparing(Found::path, FileIndexReads.PATH_ORDER));
    return out;
  }

  /** Every version of a path, oldest first, each with the restore point to use for it. */
  public List<Version> versions(String host, String volume, String path) {
    CatalogVolume v =
        catalog
            .volume(host, volume)
            .orElseThrow(
                () ->
                    new PlanException("volume " + host + ":" + volume + " is not in the catalog"));
    List<RestorePoint> points = planner.restorablePoints(catalog, v.host(), v.volume());
    List<Version> out = new ArrayList<>();
    for (FileIndexReads.VersionRow r : catalog.fileIndexReads().versions(v.id(), normalise(path))) {
      RestorePoint use = null;
      for (RestorePoint p : points) {
        if (p.datestamp().compareTo(r.from()) >= 0
            && (r.until() == null || p.datestamp().compareTo(r.until()) < 0)) {
          use = p;
          break;
        }
      }
      out.add(
          new Version(
              r.from(),
              r.until(),
              r.fromLevel(),
              r.entry(),
              use != null,
              use != null ? use.target() : r.from().target()));
    }
    return out;
  }
}
