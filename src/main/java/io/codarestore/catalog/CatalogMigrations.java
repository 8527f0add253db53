package io.codarestore.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema's versioned migrations: SQL resources applied in order, each in its own transaction,
 * with the reached version recorded in {@code schema_version}. A new schema change is a new
 * resource appended to {@link #MIGRATIONS}; released ones are never edited.
 */
final class CatalogMigrations {
  static final List<String> MIGRATIONS =
      List.of(
          "V1__initial.sql",
          "V2__holding_disk.sql",
          "V3__file_index.sql",
          "V4__name_trigrams.sql",
          "V5__owner_and_link_target.sql");

  private CatalogMigrations() {}

  static int latestVersion() {
    return MIGRATIONS.size();
  }

  /** Brings the database to the latest version; returns the version it had before. */
  static int migrate(Connection c, String dbName) throws SQLException {
    return migrate(c, dbName, latestVersion());
  }

  /** Brings the database to version {@code target} (tests build older catalogs with it). */
  static int migrate(Connection c, String dbName, int target) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    }
    int current = currentVersion(c);
    if (current > latestVersion()) {
      throw new CatalogException(
          dbName
              + ": catalog schema version "
              + current
              + " is newer than this program knows ("
              + latestVersion()
              + "); use a newer coda-restore or another --db");
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      for (int v = current + 1; v <= Math.min(target, latestVersion()); v++) {
        for (String sql : statements(MIGRATIONS.get(v - 1))) {
          try (Statement s = c.createStatement()) {
            s.execute(sql);
          }
        }
        try (Statement s = c.createStatement()) {
          s.execute("DELETE FROM schema_version");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version VALUES (?)")) {
          p.setInt(1, v);
          p.executeUpdate();
        }
        c.commit();
      }
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
    return current;
  }

  static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT max(version) FROM schema_version")) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  /** The statements of a migration resource (split at ';' at line ends; no ';' inside strings). */
  private static List<String> statements(String resource) {
    String path = "migrations/" + resource;
    try (InputStream in = CatalogMigrations.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("migration resource missing from the build: " + path);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      StringBuilder clean = new StringBuilder();
      for (String line : text.split("\n")) {
        String l = line.strip();
        if (!l.startsWith("--")) {
          clean.append(line).append('\n');
        }
      }
      return java.util.Arrays.stream(clean.toString().split(";\\s*\n"))
          .map(String::strip)
          .filter(x -> !x.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + path, e);
    }
  }
}
