package io.codarestore.catalog;

import io.codarestore.core.Datestamp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the file index (schema V3) and reads its snapshots. Each added snapshot is one
 * transaction: an interrupted indexing run leaves every dump either fully indexed or not at all.
 * The 'dumps' rows are version intervals: adding the tree after a dump closes the rows of the paths
 * whose content changed or that are gone, and opens rows for new content; unchanged paths cost
 * nothing.
 */
public final class FileIndexStore {
  private final Catalog catalog;
  private final Connection c;
  final FileIndexPaths paths;

  FileIndexStore(Catalog catalog) {
    this.catalog = catalog;
    this.c = catalog.connection();
    this.paths = new FileIndexPaths(c);
  }

  /** A snapshot, if indexed. */
  public Optional<IndexSnapshot> snapshot(
      long volumeId, String source, Datestamp datestamp, int level) {
    String sql =
        "SELECT id, entry_count FROM fi_snapshot"
            + " WHERE volume_id = ? AND source = ? AND datestamp = ? AND level = ?";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, volumeId);
      p.setString(2, source);
      p.setString(3, datestamp.digits());
      p.setInt(4, level);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new IndexSnapshot(r.getLong(1), volumeId, source, datestamp, level, r.getInt(2)));
      }
    } catch (SQLException e) {
      throw catalog.failed("read the file index", e);
    }
  }

  /** The snapshots of a volume from one source, in id order (for 'dumps': oldest first). */
  public List<IndexSnapshot> snapshots(long volumeId, String source) {
    String sql =
        "SELECT id, datestamp, level, entry_count FROM fi_snapshot"
            + " WHERE volume_id = ? AND source = ? ORDER BY id";
    List<IndexSnapshot> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, volumeId);
      p.setString(2, source);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new IndexSnapshot(
                  r.getLong(1),
                  volumeId,
                  source,
                  CatalogRows.datestamp(r, 2),
                  r.getInt(3),
                  r.getInt(4)));
        }
      }
    } catch (SQLException e) {
      throw catalog.failed("read the file index", e);
    }
    return out;
  }

  /** Forgets everything the dumps told about a volume (it is then indexed again from the start). */
  public void dropDumpIndex(long volumeId) {
    inTransaction(
        () -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM fi_entry WHERE volume_id = ?")) {
            p.setLong(1, volumeId);
            p.executeUpdate();
          }
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM fi_snapshot WHERE volume_id = ? AND source = ?")) {
            p.setLong(1, volumeId);
            p.setString(2, IndexSnapshot.DUMPS);
            p.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Records the tree of a volume after a dump, newer than every snapshot of the volume indexed so
   * far, and the dump's removal records ({vnode, uniquifier} pairs).
   *
   * @return the new snapshot's id
   */
  public long addDumpSnapshot(
      long volumeId,
      Datestamp datestamp,
      int level,
      Datestamp baseDatestamp,
      Integer baseLevel,
      List<IndexedEntry> tree,
      List<long[]> removals) {
    return inTransaction(
        () -> {
          long epoch = epochStart(volumeId, Long.MAX_VALUE);
          boolean fresh = epoch == 0 || rowsSince(volumeId, epoch) >= tree.size();
          long id = insertSnapshot(volumeId, datestamp, level, baseDatestamp, baseLevel, tree);
          Map<String, IndexedEntry> open = openEntries(volumeId, epoch);
          int written = 0;
          try (PreparedStatement close =
                  c.prepareStatement(
                      "UPDATE fi_entry INDEXED BY fi_entry_by_path SET until_id = ?"
                          + " WHERE volume_id = ? AND dir_id = ?"
                          + " AND name_id = ? AND until_id IS NULL");
              PreparedStatement insert =
                  c.prepareStatement(
                      "INSERT INTO fi_entry (volume_id, dir_id, name_id, from_id, vnode,"
                          + " uniquifier, data_version, type, size, mtime, mode, owner, link_target)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (IndexedEntry e : tree) {
              IndexedEntry was = open.remove(e.path());
              if (!fresh && was != null && was.sameContent(e)) {
                continue;
              }
              long[] key = paths.intern(e.path());
              if (was != null) {
                close(close, id, volumeId, key);
              }
              insert(insert, volumeId, key, id, e);
              written++;
            }
            for (String gone : open.keySet()) {
              close(close, id, volumeId, paths.intern(gone));
            }
            close.executeBatch();
            insert.executeBatch();
          }
          addRemovals(id, removals);
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE fi_snapshot SET epoch_start = ?, rows_written = ? WHERE id = ?")) {
            p.setInt(1, fresh ? 1 : 0);
            p.setInt(2, written);
            p.setLong(3, id);
            p.executeUpdate();
          }
          return id;
        });
  }

  private long insertSnapshot(
      long volumeId,
      Datestamp datestamp,
      int level,
      Datestamp baseDatestamp,
      Integer baseLevel,
      List<IndexedEntry> tree)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO fi_snapshot (volume_id, source, datestamp, level, base_datestamp,"
                + " base_level, entry_count) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      p.setLong(1, volumeId);
      p.setString(2, IndexSnapshot.DUMPS);
      p.setString(3, datestamp.digits());
      p.setInt(4, level);
      p.setString(5, baseDatestamp == null ? null : baseDatestamp.digits());
      if (baseLevel == null) {
        p.setNull(6, java.sql.Types.INTEGER);
      } else {
        p.setInt(6, baseLevel);
      }
      p.setInt(7, tree.size());
      p.executeUpdate();
    }
    return lastId();
  }

  private static void close(PreparedStatement close, long id, long volumeId, long[] key)
      throws SQLException {
    close.setLong(1, id);
    close.setLong(2, volumeId);
    close.setLong(3, key[0]);
    close.setLong(4, key[1]);
    close.addBatch();
  }

  private static void insert(
      PreparedStatement insert, long volumeId, long[] key, long id, IndexedEntry e)
      throws SQLException {
    insert.setLong(1, volumeId);
    insert.setLong(2, key[0]);
    insert.setLong(3, key[1]);
    insert.setLong(4, id);
    insert.setLong(5, e.vnode());
    insert.setLong(6, e.uniquifier());
    insert.setLong(7, e.dataVersion());
    insert.setInt(8, e.type());
    insert.setLong(9, e.size());
    insert.setLong(10, e.mtime());
    insert.setInt(11, e.mode());
    insert.setInt(12, e.owner());
    insert.setString(13, e.target());
    insert.addBatch();
  }

  private void addRemovals(long id, List<long[]> removals) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT OR IGNORE INTO fi_removal (snapshot_id, vnode, uniquifier) VALUES (?, ?, ?)")) {
      for (long[] r : removals) {
        p.setLong(1, id);
        p.setLong(2, r[0]);
        p.setLong(3, r[1]);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** The removal records of a 'dumps' snapshot, as {vnode, uniquifier}. */
  public List<long[]> removals(long snapshotId) {
    List<long[]> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT vnode, uniquifier FROM fi_removal WHERE snapshot_id = ?"
                + " ORDER BY vnode, uniquifier")) {
      p.setLong(1, snapshotId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new long[] {r.getLong(1), r.getLong(2)});
        }
      }
    } catch (SQLException e) {
      throw catalog.failed("read the file index", e);
    }
    return out;
  }

  /** The rows the snapshots of a volume wrote since the epoch that {@code epoch} began. */
  private long rowsSince(long volumeId, long epoch) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT coalesce(sum(rows_written), 0) FROM fi_snapshot WHERE volume_id = ?"
                + " AND source = 'dumps' AND id > ?")) {
      p.setLong(1, volumeId);
      p.setLong(2, epoch);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  /**
   * The id of the 'dumps' snapshot of a volume where the epoch of {@code snapshotId} begins (the
   * newest epoch start not newer than it), or 0 if there is none.
   */
  long epochStart(long volumeId, long snapshotId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT max(id) FROM fi_snapshot WHERE volume_id = ? AND source = 'dumps'"
                + " AND epoch_start = 1 AND id <= ?")) {
      p.setLong(1, volumeId);
      p.setLong(2, snapshotId);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  /** The rows of the newest snapshot of a volume, by path (all written since {@code epoch}). */
  private Map<String, IndexedEntry> openEntries(long volumeId, long epoch) throws SQLException {
    Map<String, IndexedEntry> out = new HashMap<>();
    String sql =
        "SELECT dir_id, name_id, vnode, uniquifier, data_version, type, size, mtime, mode,"
            + " owner, link_target"
            + " FROM fi_entry WHERE volume_id = ? AND from_id >= ? AND until_id IS NULL";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, volumeId);
      p.setLong(2, epoch);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          IndexedEntry e = FileIndexReads.entry(paths.path(r.getLong(1), r.getLong(2)), r, 3);
          out.put(e.path(), e);
        }
      }
    }
    return out;
  }

  /** Whether an Amanda index file is imported already, unchanged (same size and time). */
  public boolean amandaIndexed(
      long volumeId, Datestamp datestamp, int level, String file, long size, long mtimeMs) {
    String sql =
        "SELECT 1 FROM fi_snapshot WHERE volume_id = ? AND source = ? AND datestamp = ?"
            + " AND level = ? AND file = ? AND file_size = ? AND file_mtime_ms = ?";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, volumeId);
      p.setString(2, IndexSnapshot.AMANDA_INDEX);
      p.setString(3, datestamp.digits());
      p.setInt(4, level);
      p.setString(5, file);
      p.setLong(6, size);
      p.setLong(7, mtimeMs);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    } catch (SQLException e) {
      throw catalog.failed("read the file index", e);
    }
  }

  /**
   * Records (or replaces) the paths of one Amanda index file. Paths are relative ({@code .} for the
   * root); {@code directories} says which are directories.
   */
  public void addAmandaSnapshot(
      long volumeId,
      Datestamp datestamp,
      int level,
      String file,
      long size,
      long mtimeMs,
      Map<String, Boolean> directories) {
    inTransaction(
        () -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "DELETE FROM fi_snapshot WHERE volume_id = ? AND source = ? AND datestamp = ?"
                      + " AND level = ?")) {
            p.setLong(1, volumeId);
            p.setString(2, IndexSnapshot.AMANDA_INDEX);
            p.setString(3, datestamp.digits());
            p.setInt(4, level);
            p.executeUpdate();
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO fi_snapshot (volume_id, source, datestamp, level, file, file_size,"
                      + " file_mtime_ms, entry_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, volumeId);
            p.setString(2, IndexSnapshot.AMANDA_INDEX);
            p.setString(3, datestamp.digits());
            p.setInt(4, level);
            p.setString(5, file);
            p.setLong(6, size);
            p.setLong(7, mtimeMs);
            p.setInt(8, directories.size());
            p.executeUpdate();
          }
          long id = lastId();
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT OR IGNORE INTO fi_amanda_path (snapshot_id, dir_id, name_id, is_dir)"
                      + " VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, Boolean> e : directories.entrySet()) {
              long[] key = paths.intern(e.getKey());
              p.setLong(1, id);
              p.setLong(2, key[0]);
              p.setLong(3, key[1]);
              p.setInt(4, e.getValue() ? 1 : 0);
              p.addBatch();
            }
            p.executeBatch();
          }
          return null;
        });
  }

  private long lastId() throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT last_insert_rowid()");
        ResultSet r = p.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Work that runs in one transaction. */
  interface Work<T> {
    T run() throws SQLException;
  }

  <T> T inTransaction(Work<T> work) {
    try {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T value = work.run();
        c.commit();
        return value;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        paths.forget();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw catalog.failed("write the file index", e);
    }
  }
}
