package io.codarestore.cli;

import static io.codarestore.testing.SyntheticAmanda.runLog;
import static io.codarestore.testing.SyntheticAmanda.writeLog;
import static io.codarestore.testing.SyntheticAmanda.writeTapelist;
import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.testing.SyntheticAmanda.Dump;
import io.codarestore.testing.SyntheticAmanda.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code catalog import} writes: a new catalog appears only once an import committed (a
 * failed first import leaves no empty catalog); a second import while one runs says so.
 */
class CatalogImportTargetTest {
  @TempDir Path dir;
  Path logdir;
  Path tapelist;
  Path db;
  String out;
  String err;

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Cli.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
    out = o.toString();
    err = e.toString();
    return rc;
  }

  @BeforeEach
  void amanda() {
    logdir = dir.resolve("log");
    tapelist = dir.resolve("tapelist");
    db = dir.resolve("cat/catalog.db");
    writeLog(
        logdir,
        "20240301002500",
        runLog("20240301002500", "T-01", List.of(new Dump("h", "v", 0, 1, Outcome.OK))));
    writeTapelist(tapelist, List.<String[]>of(new String[] {"20240301002500", "T-01"}));
  }

  private int importFrom(Path tapes) {
    return run(
        "catalog",
        "import",
        "--db",
        db.toString(),
        "--logdir",
        logdir.toString(),
        "--tapelist",
        tapes.toString());
  }

  private List<String> besideCatalog() throws Exception {
    if (!Files.isDirectory(db.getParent())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(db.getParent())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFailedFirstImportLeavesNoCatalogFile() throws Exception {
    // An unreadable tapelist (here: a directory; for a non-root user also a 0600 file of root's).
    assertThat(importFrom(dir)).isEqualTo(1);
    assertThat(err).contains("cannot read the tapelist");
    assertThat(besideCatalog()).isEmpty();
    assertThat(
            run(
                "plan",
                "--db",
                db.toString(),
                "--host",
                "h",
                "--volume",
                "v",
                "--date",
                "2024-03-02"))
        .isEqualTo(1);
    assertThat(err).contains("no catalog here");
  }

  @Test
  void aSuccessfulFirstImportPublishesTheCatalogAndNothingElse() throws Exception {
    assertThat(importFrom(tapelist)).as(err).isZero();
    assertThat(besideCatalog()).containsExactly("catalog.db");
    assertThat(run("catalog", "list", "--db", db.toString())).isZero();
    assertThat(out).contains("20240301002500");
    // A failed re-import keeps the catalog as it was.
    assertThat(importFrom(dir)).isEqualTo(1);
    assertThat(besideCatalog()).containsExactly("catalog.db");
    assertThat(run("catalog", "list", "--db", db.toString())).isZero();
    assertThat(out).contains("20240301002500");
  }

  @Test
  void aSecondImportWhileOneIsWritingSaysBusy() throws Exception {
    assertThat(importFrom(tapelist)).as(err).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE"); // what an import holds while it writes
      assertThat(importFrom(tapelist)).isEqualTo(1);
      assertThat(err.strip().lines()).hasSize(1);
      assertThat(err).startsWith("coda-restore: " + db).containsIgnoringCase("busy");
      s.execute("ROLLBACK");
    }
    assertThat(importFrom(tapelist)).as(err).isZero();
  }
}
