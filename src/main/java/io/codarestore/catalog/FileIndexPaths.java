package io.codarestore.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The file index's names and directories: each name stored once ({@code fi_name}), each directory
 * once as (parent, name) ({@code fi_dir}), row 1 the root. Paths are relative to the volume root,
 * {@code .} for the root itself, components separated by {@code /}. Looked-up ids are cached.
 */
final class FileIndexPaths {
  /** The root directory's id. */
  static final long ROOT_DIR = 1;

  /** The parent dir id and name id the root's own entry has. */
  static final long NONE = 0;

  private final Connection c;
  private final Map<String, Long> nameIds = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();
  private final Map<String, Long> dirIds = new HashMap<>();
  private final Map<Long, String> dirPaths = new HashMap<>();

  FileIndexPaths(Connection c) {
    this.c = c;
    dirIds.put("", ROOT_DIR);
    dirPaths.put(ROOT_DIR, "");
  }

  /** The (directory id, name id) of a path, creating what is missing. */
  long[] intern(String path) throws SQLException {
    if (path.equals(".")) {
      return new long[] {NONE, NONE};
    }
    int slash = path.lastIndexOf('/');
    long dir = slash < 0 ? ROOT_DIR : dirId(path.substring(0, slash), true);
    return new long[] {dir, nameId(path.substring(slash + 1), true)};
  }

  /** The (directory id, name id) of a path, or null if the index has never seen it. */
  long[] find(String path) throws SQLException {
    if (path.equals(".")) {
      return new long[] {NONE, NONE};
    }
    int slash = path.lastIndexOf('/');
    long dir = slash < 0 ? ROOT_DIR : dirId(path.substring(0, slash), false);
    long name = dir < 0 ? -1 : nameId(path.substring(slash + 1), false);
    return name < 0 ? null : new long[] {dir, name};
  }

  /** The id of a directory path ("" or "." is the root); -1 if unknown and not to be created. */
  long dirId(String dirPath, boolean create) throws SQLException {
    String key = dirPath.equals(".") ? "" : dirPath;
    Long known = dirIds.get(key);
    if (known != null) {
      return known;
    }
    int slash = key.lastIndexOf('/');
    long parent = slash < 0 ? ROOT_DIR : dirId(key.substring(0, slash), create);
    long name = parent < 0 ? -1 : nameId(key.substring(slash + 1), create);
    if (name < 0) {
      return -1;
    }
    long id = select("SELECT id FROM fi_dir WHERE parent_id = ? AND name_id = ?", parent, name);
    if (id < 0 && create) {
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO fi_dir (parent_id, name_id) VALUES (?, ?)")) {
        p.setLong(1, parent);
        p.setLong(2, name);
        p.executeUpdate();
      }
      id = select("SELECT id FROM fi_dir WHERE parent_id = ? AND name_id = ?", parent, name);
    }
    if (id >= 0) {
      dirIds.put(key, id);
      dirPaths.put(id, key);
    }
    return id;
  }

  /** The id of a name; -1 if unknown and not to be created. */
  long nameId(String name, boolean create) throws SQLException {
    Long known = nameIds.get(name);
    if (known != null) {
      return known;
    }
    long id = -1;
    try (PreparedStatement p = c.prepareStatement("SELECT id FROM fi_name WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        if (r.next()) {
          id = r.getLong(1);
        }
      }
    }
    if (id < 0 && create) {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO fi_name (name) VALUES (?)")) {
        p.setString(1, name);
        p.executeUpdate();
      }
      return nameId(name, false);
    }
    if (id >= 0) {
      nameIds.put(name, id);
      names.put(id, name);
    }
    return id;
  }

  /** The path of (directory id, name id). */
  String path(long dir, long name) throws SQLException {
    if (dir == NONE && name == NONE) {
      return ".";
    }
    String d = dirPath(dir);
    String n = name(name);
    return d.isEmpty() ? n : d + "/" + n;
  }

  /** The path of a directory id ("" for the root). */
  String dirPath(long dir) throws SQLException {
    String known = dirPaths.get(dir);
    if (known != null) {
      return known;
    }
    long parent;
    long name;
    try (PreparedStatement p =
        c.prepareStatement("SELECT parent_id, name_id FROM fi_dir WHERE id = ?")) {
      p.setLong(1, dir);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new SQLException("file index: directory " + dir + " is missing");
        }
        parent = r.getLong(1);
        name = r.getLong(2);
      }
    }
    String pp = dirPath(parent);
    String path = pp.isEmpty() ? name(name) : pp + "/" + name(name);
    dirPaths.put(dir, path);
    dirIds.put(path, dir);
    return path;
  }

  String name(long id) throws SQLException {
    String known = names.get(id);
    if (known != null) {
      return known;
    }
    try (PreparedStatement p = c.prepareStatement("SELECT name FROM fi_name WHERE id = ?")) {
      p.setLong(1, id);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new SQLException("file index: name " + id + " is missing");
        }
        String n = r.getString(1);
        names.put(id, n);
        nameIds.put(n, id);
        return n;
      }
    }
  }

  /** Forgets the cache (after a rollback the ids it holds may be gone). */
  void forget() {
    nameIds.clear();
    names.clear();
    dirIds.clear();
    dirPaths.clear();
    dirIds.put("", ROOT_DIR);
    dirPaths.put(ROOT_DIR, "");
  }

  private long select(String sql, long a, long b) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, a);
      p.setLong(2, b);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : -1;
      }
    }
  }
}
