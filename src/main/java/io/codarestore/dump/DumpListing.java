package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ls} shows. A full dump: its tree, one entry per name, sorted by path, and the orphans
 * apart. An incremental: its vnode records (new or changed, named as far as the directories it
 * re-dumps tell) and its removal records.
 *
 * @param header the dump header
 * @param volume the volume data
 * @param entries the tree (full) or the vnode records (incremental)
 * @param orphans full dumps: vnodes no directory reaches, named by fid (not part of the tree)
 * @param removed incrementals: fids of the removal records, with the index they came from
 * @param notices names changed or ignored, dangling names
 */
public record DumpListing(
    DumpHeader header,
    VolumeDiskData volume,
    List<ListingEntry> entries,
    List<ListingEntry> orphans,
    List<Removal> removed,
    List<TreeNotice> notices) {

  /** A removal record of an incremental: the vnode was deleted since the earlier dump. */
  public record Removal(String fid, String type) {}

  public DumpListing {
    entries = List.copyOf(entries);
    orphans = List.copyOf(orphans);
    removed = List.copyOf(removed);
    notices = List.copyOf(notices);
  }

  public boolean incremental() {
    return header.isIncremental();
  }

  private static final Comparator<ListingEntry> BY_PATH =
      Comparator.comparing(
          (ListingEntry e) -> e.path() == null ? "\uffff" + e.fid() : e.path(),
          (a, b) ->
              a.equals(TreeDirectory.ROOT)
                  ? -1
                  : b.equals(TreeDirectory.ROOT) ? 1 : a.compareTo(b));

  /** Lists a dump file, full or incremental. */
  public static DumpListing read(Path dump, Cancellation cancel) {
    try (DumpReader r = Extraction.open(dump)) {
      return read(r, cancel);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Lists a dump from a fresh reader. */
  public static DumpListing read(DumpReader r, Cancellation cancel) {
    return r.header().isIncremental() ? incremental(r, cancel) : full(r, cancel);
  }

  private static DumpListing full(DumpReader r, Cancellation cancel) {
    DumpTree tree = DumpTree.readDirectories(r, cancel);
    List<ListingEntry> entries = new ArrayList<>();
    List<ListingEntry> orphans = new ArrayList<>();
    for (TreeDirectory d : tree.directories()) {
      entries.add(directoryEntry(d));
    }
    for (TreeDirectory d : tree.orphanDirectories()) {
      orphans.add(directoryEntry(d));
    }
    tree.walkFiles(
        r,
        (f, reader) -> {
          String target = null;
          if (f.isSymlink() && f.size() <= Extraction.MAX_LINK_TARGET) {
            SafeName t = SafeName.linkTarget(reader.smallFileData(Extraction.MAX_LINK_TARGET));
            target = t.name();
          }
          List<ListingEntry> to = f.orphan() ? orphans : entries;
          for (int i = 0; i < f.paths().size(); i++) {
            to.add(
                ListingEntry.of(
                    f.paths().get(i),
                    ListingEntry.lastComponent(f.paths().get(i)),
                    f.record(),
                    f.size(),
                    target,
                    i == 0 || f.isSymlink() ? null : f.paths().get(0)));
          }
        },
        cancel);
    entries.sort(BY_PATH);
    orphans.sort(BY_PATH);
    return new DumpListing(
        tree.header(), tree.volume(), entries, orphans, List.of(), tree.notices());
  }

  /** A name an incremental's re-dumped directory gives a vnode. */
  private record Name(long parent, String name) {}

  private static DumpListing incremental(DumpReader r, Cancellation cancel) {
    DumpHeader h = r.header();
    VolumeDiskData v = r.volumeData();
    List<VnodeRecord> records = new ArrayList<>();
    Map<Long, Long> sizes = new HashMap<>();
    Map<Long, String> targets = new HashMap<>();
    Map<Long, Name> names = new HashMap<>();
    List<Removal> removed = new ArrayList<>();
    List<TreeNotice> notices = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      IndexHeader ih = r.nextIndex();
      String kind = ih.vnodeClass() == VnodeClass.LARGE ? "directory" : "file or symlink";
      IndexEntry e;
      while ((e = r.nextEntry()) != null) {
        cancel.check();
        if (e instanceof IndexEntry.RemovedVnode rm) {
          removed.add(new Removal(rm.fid(), kind));
          continue;
        }
        if (!(e instanceof IndexEntry.Vnode vn)) {
          continue;
        }
        VnodeRecord rec = vn.record();
        long key = Fid.key(rec.vnode(), rec.uniquifier());
        records.add(rec);
        sizes.put(key, vn.payloadLength());
        if (vn.payload() == IndexEntry.Payload.DIRECTORY_PAGES) {
          try {
            for (DirectoryEntry de : DirectoryPages.entries(r.directoryPages())) {
              if (!de.isDotOrDotDot() && !names.containsKey(de.fidKey())) {
                names.put(de.fidKey(), new Name(key, SafeName.of(de.name()).name()));
              }
            }
          } catch (DirectoryPages.DirectoryFormatException ex) {
            throw new DumpFormatException(
                r.source(), vn.offset(), "directory " + rec.fid() + ": " + ex.getMessage());
          }
        } else if (rec.type() == VnodeType.SYMLINK
            && vn.payload() == IndexEntry.Payload.FILE_DATA
            && vn.payloadLength() <= Extraction.MAX_LINK_TARGET) {
          targets.put(key, SafeName.linkTarget(r.smallFileData(Extraction.MAX_LINK_TARGET)).name());
        }
      }
    }
    r.readEnd();
    List<ListingEntry> entries = new ArrayList<>();
    for (VnodeRecord rec : records) {
      long key = Fid.key(rec.vnode(), rec.uniquifier());
      Name n = names.get(key);
      String name = key == Fid.key(1, 1) ? TreeDirectory.ROOT : n == null ? null : n.name();
      entries.add(
          ListingEntry.of(pathOf(key, names), name, rec, sizes.get(key), targets.get(key), null));
    }
    entries.sort(BY_PATH);
    return new DumpListing(h, v, entries, List.of(), removed, notices);
  }

  /** The full path if every directory up to the root was re-dumped, else null. */
  private static String pathOf(long key, Map<Long, Name> names) {
    long root = Fid.key(1, 1);
    if (key == root) {
      return TreeDirectory.ROOT;
    }
    StringBuilder path = new StringBuilder();
    long k = key;
    int depth = 0;
    while (k != root) {
      Name n = names.get(k);
      if (n == null || depth++ > 10_000) {
        return null;
      }
      path.insert(0, path.length() == 0 ? n.name() : n.name() + "/");
      k = n.parent();
    }
    return path.toString();
  }

  private static ListingEntry directoryEntry(TreeDirectory d) {
    return ListingEntry.of(
        d.path(),
        ListingEntry.lastComponent(d.path()),
        d.record(),
        d.record().length(),
        null,
        null);
  }
}
