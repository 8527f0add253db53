package io.codarestore.index;

import io.codarestore.amanda.DumpFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.FileIndexReads;
import io.codarestore.catalog.IndexSnapshot;
import io.codarestore.catalog.IndexedEntry;
import io.codarestore.core.Cancellation;
import io.codarestore.core.Datestamp;
import io.codarestore.core.ForwardingProgress;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.DumpReader;
import io.codarestore.dump.IndexEntry;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores chosen paths of a volume as of a restore point without merging the chain: the file index
 * says which dump of the chain holds each file's data (the oldest link not older than the dump that
 * first held that version: it re-dumps everything changed since its base), and each of those dumps
 * is read only up to the last vnode needed from it (vnodes come in ascending order). Dumps holding
 * nothing needed are not read at all.
 */
public final class PathRestore {
  private static final Logger LOG = LoggerFactory.getLogger(PathRestore.class);

  /**
   * What a restore did.
   *
   * @param bytesRead bytes read off the media (as stored)
   * @param chainBytes what reading the whole chain would have read (as stored)
   * @param dumpsRead the datestamps of the dumps read
   */
  public record Result(
      String restorePoint,
      int files,
      int directories,
      long bytesRead,
      long chainBytes,
      List<String> dumpsRead) {}

  private final Catalog catalog;
  private final DumpFetcher fetcher;

  public PathRestore(Catalog catalog, DumpFetcher fetcher) {
    this.catalog = catalog;
    this.fetcher = fetcher;
  }

  /**
   * What a restore of chosen paths would read, worked out from the file index alone (its dry run):
   * nothing is fetched, read or written. The same choice is what {@link #restore(Selection, Path,
   * ProgressListener, Cancellation)} then reads, so the index is asked once.
   */
  public static final class Selection {
    private final Chosen chosen;
    private final List<ChainLink> toRead;
    private final long bytesToRead;
    private final int files;
    private final int directories;

    private Selection(Chosen c) {
      this.chosen = c;
      List<ChainLink> links = new ArrayList<>();
      long bytes = 0;
      for (int link : c.byLink().keySet()) {
        links.add(c.chain().get(link));
        bytes += c.chain().get(link).dump().bytes();
      }
      this.toRead = List.copyOf(links);
      this.bytesToRead = bytes;
      this.directories = (int) c.entries().stream().filter(IndexedEntry::isDirectory).count();
      // files as the restore counts them: one per vnode (a hard link's names once)
      this.files = c.byLink().values().stream().mapToInt(Map::size).sum();
    }

    public Datestamp restorePoint() {
      return chosen.restorePoint();
    }

    /** The files and symlinks to be written, one per vnode (as {@link Result#files}). */
    public int files() {
      return files;
    }

    public int directories() {
      return directories;
    }

    /**
     * The links of the chain that hold the chosen files' data, oldest first; each is read only as
     * far as its last needed vnode.
     */
    public List<ChainLink> toRead() {
      return toRead;
    }

    /** Those links' sizes as stored: what the restore reads at most. */
    public long bytesToRead() {
      return bytesToRead;
    }

    /** What reading the whole chain would read (as stored). */
    public long chainBytes() {
      return chosen.chainBytes();
    }
  }

  /** The index's answer for the chosen paths: entries, the chain, and which link holds what. */
  private record Chosen(
      String host,
      String volume,
      Datestamp restorePoint,
      List<IndexedEntry> entries,
      List<ChainLink> chain,
      Map<Integer, Map<Long, List<IndexedEntry>>> byLink,
      long chainBytes) {}

  /** The dry run of {@link #restore}: which dumps it would read, refused for the same reasons. */
  public Selection select(String host, String volume, String date, List<String> paths) {
    return new Selection(chosen(host, volume, date, paths));
  }

  private Chosen chosen(String host, String volume, String date, List<String> paths) {
    FileQueries.Files tree = new FileQueries(catalog).files(host, volume, date, null);
    if (!tree.source().equals(IndexSnapshot.DUMPS)) {
      throw new UserFacingException(
          host
              + ":"
              + volume
              + " "
              + tree.restorePoint()
              + " is known only from Amanda's path"
              + " index; run 'coda-restore catalog index' first to restore single paths");
    }
    List<IndexedEntry> chosen = choose(host, volume, tree, paths);
    RestorePlan plan = new ChainPlanner().plan(catalog, host, volume, PlanTarget.parse(date));
    List<ChainLink> chain = plan.chain();
    long chainBytes = 0;
    for (ChainLink l : chain) {
      chainBytes += l.dump().bytes();
    }
    return new Chosen(
        host,
        volume,
        tree.restorePoint(),
        chosen,
        chain,
        dataSources(host, volume, chain, chosen),
        chainBytes);
  }

  /**
   * Restores {@code paths} (files or subtrees) as of {@code date} into the new directory {@code
   * dir}.
   */
  public Result restore(
      String host,
      String volume,
      String date,
      List<String> paths,
      Path dir,
      ProgressListener progress,
      Cancellation cancel) {
    return restore(select(host, volume, date, paths), dir, progress, cancel);
  }

  /** Restores what {@code selection} chose (its dry run) into the new directory {@code dir}. */
  public Result restore(
      Selection selection, Path dir, ProgressListener progress, Cancellation cancel) {
    Chosen c = selection.chosen;
    List<IndexedEntry> chosen = c.entries();
    List<ChainLink> chain = c.chain();
    Counting counting = new Counting(progress);
    List<String> read = new ArrayList<>();
    try (RestoreOutput out = RestoreOutput.create(dir)) {
      int dirs = 0;
      for (IndexedEntry e : chosen) {
        if (e.isDirectory()) {
          out.directory(e);
          dirs++;
        }
      }
      int files = 0;
      for (var link : c.byLink().entrySet()) {
        ChainLink l = chain.get(link.getKey());
        files += readFrom(l, link.getValue(), out, counting, cancel);
        read.add(l.datestamp().digits());
      }
      out.finish(chosen);
      LOG.info(
          "restored {} files, {} directories of {}:{} as of {} into {}",
          files,
          dirs,
          c.host(),
          c.volume(),
          c.restorePoint(),
          dir);
      return new Result(
          c.restorePoint().digits(), files, dirs, counting.total(), c.chainBytes(), read);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<IndexedEntry> choose(
      String host, String volume, FileQueries.Files tree, List<String> paths) {
    List<IndexedEntry> chosen = new ArrayList<>();
    for (String p : paths) {
      String n = FileQueries.normalise(p);
      int before = chosen.size();
      for (IndexedEntry e : tree.entries()) {
        if (FileIndexReads.within(e.path(), n) && !chosen.contains(e)) {
          chosen.add(e);
        }
      }
      if (chosen.size() == before) {
        throw new UserFacingException(
            n + " is not in " + host + ":" + volume + " as of " + tree.restorePoint());
      }
    }
    return chosen;
  }

  /** For each chain link (by position) that holds data needed: fid key -> the entries it fills. */
  private Map<Integer, Map<Long, List<IndexedEntry>>> dataSources(
      String host, String volume, List<ChainLink> chain, List<IndexedEntry> chosen) {
    CatalogVolume v = catalog.volume(host, volume).orElseThrow();
    ChainLink headLink = chain.get(chain.size() - 1);
    long headId =
        catalog
            .fileIndex()
            .snapshot(v.id(), IndexSnapshot.DUMPS, headLink.datestamp(), headLink.level())
            .orElseThrow()
            .id();
    // The data of a vnode version is in the oldest link not older than the dump that first held
    // it: that link holds everything changed since its base (older than that dump).
    Map<String, Datestamp> firstSeen = catalog.fileIndexReads().firstSeen(v.id(), headId);
    Map<Integer, Map<Long, List<IndexedEntry>>> out = new java.util.TreeMap<>();
    for (IndexedEntry e : chosen) {
      if (e.isDirectory()) {
        continue;
      }
      Datestamp from = firstSeen.get(e.vnode() + "." + e.uniquifier() + "." + e.dataVersion());
      int link = chain.size() - 1;
      for (int i = 0; i < chain.size(); i++) {
        if (from != null && chain.get(i).datestamp().compareTo(from) >= 0) {
          link = i;
          break;
        }
      }
      out.computeIfAbsent(link, k -> new LinkedHashMap<>())
          .computeIfAbsent(key(e.vnode(), e.uniquifier()), k -> new ArrayList<>())
          .add(e);
    }
    return out;
  }

  static long key(long vnode, long uniquifier) {
    return (vnode << 32) | (uniquifier & 0xffffffffL);
  }

  /** Reads one dump up to the last vnode needed from it, writing each needed file's data. */
  private int readFrom(
      ChainLink link,
      Map<Long, List<IndexedEntry>> needed,
      RestoreOutput out,
      Counting progress,
      Cancellation cancel) {
    long last = 0;
    for (List<IndexedEntry> es : needed.values()) {
      last = Math.max(last, es.get(0).vnode());
    }
    long lastVnode = last;
    Map<Long, List<IndexedEntry>> todo = new HashMap<>(needed);
    DumpStream.readPart(
        fetcher,
        link.dump(),
        progress,
        cancel,
        reader -> {
          scan(reader, todo, lastVnode, out, cancel);
          return null;
        });
    if (!todo.isEmpty()) {
      IndexedEntry e = todo.values().iterator().next().get(0);
      throw new UserFacingException(
          link.dump().host()
              + ":"
              + link.dump().volume()
              + " "
              + link.datestamp()
              + " level "
              + link.level()
              + " does not hold "
              + e.path()
              + " (vnode "
              + e.vnode()
              + "."
              + e.uniquifier()
              + ") as the file index says; run 'catalog index' again");
    }
    return needed.size();
  }

  private static void scan(
      DumpReader r,
      Map<Long, List<IndexedEntry>> todo,
      long lastVnode,
      RestoreOutput out,
      Cancellation cancel) {
    r.nextIndex(); // directories: their data is not needed, the index knows the tree
    r.nextIndex();
    IndexEntry e;
    while (!todo.isEmpty() && (e = r.nextEntry()) != null) {
      cancel.check();
      if (!(e instanceof IndexEntry.Vnode vn)) {
        continue;
      }
      if (vn.record().vnodeUnsigned() > lastVnode) {
        break; // vnodes come in ascending order: what is needed is behind
      }
      List<IndexedEntry> es =
          todo.remove(key(vn.record().vnodeUnsigned(), vn.record().uniquifierUnsigned()));
      if (es != null) {
        out.file(es, r);
      }
    }
  }

  /** Remembers the bytes each fetch read (stored bytes, as the parts report them). */
  private static final class Counting extends ForwardingProgress {
    private final Map<String, Long> done = new ConcurrentHashMap<>();

    Counting(ProgressListener next) {
      super(next);
    }

    @Override
    public void progress(String stage, long doneBytes, long totalBytes) {
      done.merge(stage, doneBytes, Math::max);
      next.progress(stage, doneBytes, totalBytes);
    }

    long total() {
      return done.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
