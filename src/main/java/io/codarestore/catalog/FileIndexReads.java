package io.codarestore.catalog;

import io.codarestore.core.Datestamp;
import io.codarestore.dump.VnodeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The file index's queries: a tree as of a snapshot, a path's versions, a name search. */
public final class FileIndexReads {
  /** Root first, then paths in string order (as {@code ls} sorts). */
  public static final Comparator<String> PATH_ORDER =
      (a, b) -> a.equals(".") ? (b.equals(".") ? 0 : -1) : b.equals(".") ? 1 : a.compareTo(b);

  private static final String ENTRY_COLUMNS =
      "vnode, uniquifier, data_version, type, size, mtime, mode, owner, link_target";

  private final Catalog catalog;
  private final Connection c;
  private final FileIndexPaths paths;

  FileIndexReads(Catalog catalog, FileIndexPaths paths) {
    this.catalog = catalog;
    this.c = catalog.connection();
    this.paths = paths;
  }

  /** A version of a path: the row's content, from snapshot {@code fromId} until {@code untilId}. */
  public record VersionRow(
      IndexedEntry entry,
      long fromId,
      Datestamp from,
      int fromLevel,
      Long untilId,
      Datestamp until) {}

  /**
   * A path that matched a search, in one volume, with the snapshots it was in: each span is {first,
   * last seen, where it stopped (null: still there)}.
   */
  public record Match(
      long volumeId, String path, String type, String source, List<Datestamp[]> existed) {}

  static IndexedEntry entry(String path, ResultSet r, int first) throws SQLException {
    return new IndexedEntry(
        path,
        r.getInt(first + 3),
        r.getLong(first + 4),
        r.getLong(first + 5),
        r.getInt(first + 6),
        r.getLong(first),
        r.getLong(first + 1),
        r.getLong(first + 2),
        r.getInt(first + 7),
        r.getString(first + 8));
  }

  /**
   * The tree of a volume as of a 'dumps' snapshot: every path at or under {@code under} ({@code .}
   * or null for the whole volume), in {@link #PATH_ORDER}.
   */
  public List<IndexedEntry> treeAt(long volumeId, long snapshotId, String under) {
    String sql =
        "SELECT e.dir_id, n.name, "
            + ENTRY_COLUMNS
            + " FROM fi_entry e LEFT JOIN fi_name n ON n.id = e.name_id"
            + " WHERE e.volume_id = ? AND e.from_id BETWEEN ? AND ?"
            + " AND (e.until_id IS NULL OR e.until_id > ?)";
    List<IndexedEntry> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, volumeId);
      p.setLong(2, catalog.fileIndex().epochStart(volumeId, snapshotId));
      p.setLong(3, snapshotId);
      p.setLong(4, snapshotId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String name = r.getString(2);
          String dir = name == null ? null : paths.dirPath(r.getLong(1));
          String path = name == null ? "." : dir.isEmpty() ? name : dir + "/" + name;
          if (within(path, under)) {
            out.add(entry(path, r, 3));
          }
        }
      }
    } catch (SQLException e) {
      throw catalog.failed("read the file index", e);
    }
    out.sort(Comparator.comparing(IndexedEntry::path, PATH_ORDER));
    return out;
  }

  /**
   * The paths Amanda's index files of these snapshots list (amindexd's view of a chain: the union),
   * at or under {@code under}; sizes, times and modes unknown.
   */
  public List<IndexedEntry> amandaTree(List<Long> snapshotIds, String under) {
    Map<String, IndexedEntry> out = new TreeMap<>(PATH_ORDER);
    String sql = "SELECT dir_id, name_id, is_dir FROM fi_amanda_path WHERE snapshot_id = ?";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (long id : snapshotIds) {
        p.setLong(1, id);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            String path = paths.path(r.getLong(1), r.getLong(2));
            if (within(path, under)) {
              out.putIfAbsent(path, IndexedEntry.pathOnly(path, r.getInt(3) != 0));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw catalog.failed("read the file index", e);
    }
    return new ArrayList<>(out.values());
  }

  public static boolean within(String path, String under) {
    if (under == null || under.equals(".") || under.isEmpty()) {
      return true;
    }
    return path.equals(under) || path.startsWith(under + "/");
  }

  /**
   * For each vnode data version in a volume up to a snapshot ({@code "vnode.uniquifier.dv"}), the
   * datestamp of the first snapshot that held it under any name.
   */
  public Map<String, Datestamp> firstSeen(long volumeId, long upToSnapshotId) {
    String sql =
        "SELECT e.vnode, e.uniquifier, e.data_version, min(f.datestamp) FROM fi_entry e"
            + " JOIN fi_snapshot f ON f.id = e.from_id WHERE e.volume_id = ? AND e.from_id <= ?"
            + " GROUP BY e.vnode, e.uniquifier, e.data_version";
    Map<String, Datestamp> out = new java.util.HashMap<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, volumeId);
      p.setLong(2, upToSnapshotId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.put(
              r.getLong(1) + "." + r.getLong(2) + "." + r.getLong(3), CatalogRows.datestamp(r, 4));
        }
      }
    } catch (SQLException e) {
      throw catalog.failed("read the file index", e);
    }
    return out;
  }

  /** Every version of a path in a volume, oldest first. */
  public List<VersionRow> versions(long volumeId, String path) {
    List<VersionRow> out = new ArrayList<>();
    String sql =
        "SELECT e.from_id, f.datestamp, f.level, e.until_id, u.datestamp, "
            + "e.vnode, e.uniquifier, e.data_version, e.type, e.size, e.mtime, e.mode, e.owner,"
            + " e.link_target"
            + " FROM fi_entry e INDEXED BY fi_entry_by_path JOIN fi_snapshot f ON f.id = e.from_id"
            + " LEFT JOIN fi_snapshot u ON u.id = e.until_id"
            + " WHERE e.volume_id = ? AND e.dir_id = ? AND e.name_id = ? ORDER BY e.from_id";
    try {
      long[] key = paths.find(path);
      if (key == null) {
        return out;
      }
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setLong(1, volumeId);
        p.setLong(2, key[0]);
        p.setLong(3, key[1]);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            long until = r.getLong(4);
            Long untilId = r.wasNull() ? null : until;
            VersionRow last = out.isEmpty() ? null : out.get(out.size() - 1);
            IndexedEntry e = entry(path, r, 6);
            if (last != null
                && last.untilId() != null
                && last.untilId() == r.getLong(1)
                && last.entry().sameContent(e)) {
              // The same content on both sides of a full dump: one version.
              out.set(
                  out.size() - 1,
                  new VersionRow(
                      last.entry(),
                      last.fromId(),
                      last.from(),
                      last.fromLevel(),
                      untilId,
                      CatalogRows.datestamp(r, 5)));
              continue;
            }
            out.add(
                new VersionRow(
                    entry(path, r, 6),
                    r.getLong(1),
                    CatalogRows.datestamp(r, 2),
                    r.getInt(3),
                    untilId,
                    CatalogRows.datestamp(r, 5)));
          }
        }
      }
    } catch (SQLException e) {
      throw catalog.failed("read the file index", e);
    }
    return out;
  }

  /**
   * The paths whose last component matches {@code pattern} (a glob with {@code * ? [..]}, else the
   * exact name), in one volume or all ({@code volumeId} null): from the dumps' index where a volume
   * has one, else from Amanda's index. Each with the [from, until] datestamps of its snapshots.
   */
  public List<Match> find(String pattern, Long volumeId, int limit) {
    boolean glob = pattern.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[');
    String nameSql =
        !glob
            ? "SELECT id FROM fi_name WHERE name = ?1"
            : usesTrigrams(pattern)
                ? "SELECT id FROM fi_name WHERE id IN"
                    + " (SELECT rowid FROM fi_name_trigram WHERE name GLOB ?1) AND name GLOB ?1"
                : "SELECT id FROM fi_name WHERE name GLOB ?1";
    Map<String, Match> out = new LinkedHashMap<>();
    try {
      List<Long> nameIds = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(nameSql)) {
        p.setString(1, pattern);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            nameIds.add(r.getLong(1));
          }
        }
      }
      for (long nameId : nameIds) {
        findDumps(nameId, volumeId, out);
        findAmanda(nameId, volumeId, out);
        if (out.size() >= limit) {
          break;
        }
      }
    } catch (SQLException e) {
      throw catalog.failed("search the file index", e);
    }
    List<Match> list = new ArrayList<>(out.values());
    list.sort(Comparator.comparingLong(Match::volumeId).thenComparing(Match::path, PATH_ORDER));
    return list.size() > limit ? list.subList(0, limit) : list;
  }

  /**
   * Whether a glob is answered from the trigram index ({@code fi_name_trigram}): when it does not
   * begin with a literal (a {@code prefix*} glob is a range of the names' own index) and holds a
   * run of at least three literal characters (what a trigram can look up). Other globs scan the
   * names.
   */
  static boolean usesTrigrams(String glob) {
    int first = glob.codePointAt(0);
    if (first != '*' && first != '?' && first != '[') {
      return false;
    }
    int run = 0;
    boolean inClass = false;
    for (int ch : glob.codePoints().toArray()) {
      if (inClass) {
        inClass = ch != ']';
        run = 0;
      } else if (ch == '*' || ch == '?' || ch == '[') {
        inClass = ch == '[';
        run = 0;
      } else if (++run >= 3) {
        return true;
      }
    }
    return false;
  }

  private void findDumps(long nameId, Long volumeId, Map<String, Match> out) throws SQLException {
    String sql =
        "SELECT e.volume_id, e.dir_id, e.type, f.datestamp, u.datestamp,"
            + " (SELECT max(s.datestamp) FROM fi_snapshot s WHERE s.volume_id = e.volume_id"
            + " AND s.source = 'dumps' AND s.id < coalesce(e.until_id, 9223372036854775807))"
            + " FROM fi_entry e INDEXED BY fi_entry_by_name JOIN fi_snapshot f ON f.id = e.from_id"
            + " LEFT JOIN fi_snapshot u ON u.id = e.until_id"
            + " WHERE e.name_id = ? AND (?2 IS NULL OR e.volume_id = ?2) ORDER BY e.from_id";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, nameId);
      if (volumeId == null) {
        p.setNull(2, java.sql.Types.INTEGER);
      } else {
        p.setLong(2, volumeId);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String path = paths.path(r.getLong(2), nameId);
          String type = IndexedEntry.pathOnly(path, r.getInt(3) == VnodeType.DIRECTORY).typeName();
          if (r.getInt(3) == VnodeType.SYMLINK) {
            type = "symlink";
          }
          Match m =
              out.computeIfAbsent(
                  r.getLong(1) + "\0" + path,
                  k -> new Match(longOf(k), path, null, IndexSnapshot.DUMPS, new ArrayList<>()));
          Datestamp[] span = {
            CatalogRows.datestamp(r, 4), CatalogRows.datestamp(r, 6), CatalogRows.datestamp(r, 5)
          };
          List<Datestamp[]> ex = m.existed();
          if (!ex.isEmpty()
              && ex.get(ex.size() - 1)[2] != null
              && ex.get(ex.size() - 1)[2].equals(span[0])) {
            ex.get(ex.size() - 1)[1] = span[1];
            ex.get(ex.size() - 1)[2] = span[2];
          } else {
            ex.add(span);
          }
          out.put(r.getLong(1) + "\0" + path, new Match(m.volumeId(), path, type, m.source(), ex));
        }
      }
    }
  }

  private static long longOf(String key) {
    return Long.parseLong(key.substring(0, key.indexOf('\0')));
  }

  private void findAmanda(long nameId, Long volumeId, Map<String, Match> out) throws SQLException {
    String sql =
        "SELECT s.volume_id, a.dir_id, a.is_dir, s.datestamp FROM fi_amanda_path a"
            + " JOIN fi_snapshot s ON s.id = a.snapshot_id"
            + " WHERE a.name_id = ? AND (?2 IS NULL OR s.volume_id = ?2)"
            + " AND NOT EXISTS (SELECT 1 FROM fi_snapshot d WHERE d.volume_id = s.volume_id"
            + " AND d.source = 'dumps') ORDER BY s.datestamp";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, nameId);
      if (volumeId == null) {
        p.setNull(2, java.sql.Types.INTEGER);
      } else {
        p.setLong(2, volumeId);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String path = paths.path(r.getLong(2), nameId);
          String type = r.getInt(3) != 0 ? "directory" : "file";
          Match m =
              out.computeIfAbsent(
                  r.getLong(1) + "\0" + path,
                  k ->
                      new Match(
                          longOf(k), path, type, IndexSnapshot.AMANDA_INDEX, new ArrayList<>()));
          Datestamp seen = CatalogRows.datestamp(r, 4);
          m.existed().add(new Datestamp[] {seen, seen, null});
        }
      }
    }
  }
}
