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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code fetch} refuses, before any tape is touched, and how it says so. */
class FetchCommandTest {
  @TempDir Path dir;
  Path db;
  String err;

  int run(String... args) {
    StringWriter e = new StringWriter();
    int rc = Cli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(e, true), args);
    err = e.toString();
    return rc;
  }

  @BeforeEach
  void catalog() throws Exception {
    Path logdir = dir.resolve("log");
    Path tapelist = dir.resolve("tapelist");
    db = dir.resolve("c.db");
    writeLog(
        logdir,
        "20240301002500",
        runLog("20240301002500", "T-01", List.of(new Dump("h", "v", 0, 1, Outcome.OK))));
    writeLog(
        logdir,
        "20240302070900",
        runLog("20240302070900", "T-02", List.of(new Dump("h", "v", 1, 1, Outcome.PARTIAL))));
    writeTapelist(
        tapelist,
        List.of(new String[] {"20240302070900", "T-02"}, new String[] {"20240309000000", "T-01"}));
    assertThat(
            run(
                "catalog",
                "import",
                "--db",
                db.toString(),
                "--logdir",
                logdir.toString(),
                "--tapelist",
                tapelist.toString(),
                "--vtapes",
                dir.resolve("vtapes").toString()))
        .isZero();
  }

  private int fetch(String volume, String ds, String level, Path out) {
    return run(
        "fetch",
        "--db",
        db.toString(),
        "--host",
        "h",
        "--volume",
        volume,
        "--datestamp",
        ds,
        "--level",
        level,
        "--out",
        out.toString(),
        "--quiet");
  }

  @Test
  void refusals() throws Exception {
    Path out = dir.resolve("out.dump");
    assertThat(fetch("nope", "20240301002500", "0", out)).isEqualTo(1);
    assertThat(err).contains("h:nope").contains("not in the catalog");

    assertThat(fetch("v", "20240301002500", "3", out)).isEqualTo(1);
    assertThat(err).contains("that day has: 20240301002500 level 0");

    assertThat(fetch("v", "20240302070900", "1", out)).isEqualTo(1);
    assertThat(err).contains("partial").contains("no complete dump");

    assertThat(fetch("v", "20240301002500", "0", out)).isEqualTo(1);
    assertThat(err).contains("T-01 was overwritten by the run of 20240309000000");

    assertThat(fetch("v", "2024-03-01", "0", out)).isEqualTo(2);
    assertThat(fetch("v", "20240301002500", "100", out)).isEqualTo(2);
    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingVtapeDirectoryIsNamed() throws Exception {
    Path out = dir.resolve("out.dump");
    Files.writeString(dir.resolve("tapelist"), "20240301002500 T-01 reuse\n");
    assertThat(
            run(
                "catalog",
                "import",
                "--db",
                db.toString(),
                "--logdir",
                dir.resolve("log").toString(),
                "--tapelist",
                dir.resolve("tapelist").toString()))
        .isZero();
    assertThat(
            run(
                "fetch",
                "--db",
                db.toString(),
                "--host",
                "h",
                "--volume",
                "v",
                "--datestamp",
                "20240301002500",
                "--level",
                "0",
                "--out",
                out.toString(),
                "--vtapes",
                dir.resolve("no-such-vtapes").toString(),
                "--quiet"))
        .isEqualTo(1);
    assertThat(err).startsWith("coda-restore: ").contains("no-such-vtapes");
    assertThat(out).doesNotExist();
  }
}
