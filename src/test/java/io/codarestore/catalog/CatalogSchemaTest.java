package io.codarestore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogSchemaTest {
  @Test
  void newCatalogIsAtTheLatestVersionWithForeignKeysAndIndexes(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("sub/dir/catalog.db");
    try (Catalog c = Catalog.open(db)) {
      Connection k = c.connection();
      assertThat(CatalogMigrations.currentVersion(k)).isEqualTo(CatalogMigrations.latestVersion());
      try (Statement s = k.createStatement();
          ResultSet r = s.executeQuery("PRAGMA foreign_keys")) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(1);
      }
      List<String> indexes = new ArrayList<>();
      try (Statement s = k.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")) {
        while (r.next()) {
          indexes.add(r.getString(1));
        }
      }
      assertThat(indexes).contains("dump_by_volume_date", "dump_by_log");
    }
    // Reopening applies nothing twice.
    try (Catalog c = Catalog.open(db)) {
      try (Statement s = c.connection().createStatement();
          ResultSet r = s.executeQuery("SELECT count(*) FROM schema_version")) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void aNewerSchemaIsRefused(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("catalog.db");
    try (Catalog c = Catalog.open(db)) {
      try (Statement s = c.connection().createStatement()) {
        s.executeUpdate("UPDATE schema_version SET version = 99");
      }
    }
    assertThatThrownBy(() -> Catalog.open(db))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining(db.toString());
  }

  @Test
  void openExistingDoesNotCreate(@TempDir Path dir) {
    Path db = dir.resolve("none.db");
    assertThatThrownBy(() -> Catalog.openExisting(db))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("catalog import");
    assertThat(db).doesNotExist();
  }

  @Test
  void foreignKeysAreEnforced(@TempDir Path dir) throws Exception {
    try (Catalog c = Catalog.open(dir.resolve("c.db"))) {
      assertThatThrownBy(
              () -> {
                try (Statement s = c.connection().createStatement()) {
                  s.executeUpdate("INSERT INTO volume (id, host_id, name) VALUES (1, 42, 'v')");
                }
              })
          .hasMessageContaining("FOREIGN KEY");
    }
    // A plain SQLite connection to a file that is not a database: a clear error, not a crash.
    Path junk = dir.resolve("junk.db");
    java.nio.file.Files.writeString(
        junk,
        "this is not sqlite, just text that is long enough..........................................................................");
    assertThatThrownBy(() -> Catalog.openExisting(junk))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining(junk.toString());
    DriverManager.getDrivers(); // keep the driver class referenced
  }
}
