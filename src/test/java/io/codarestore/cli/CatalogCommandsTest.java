package io.codarestore.cli;

import static io.codarestore.testing.SyntheticAmanda.runLog;
import static io.codarestore.testing.SyntheticAmanda.writeLog;
import static io.codarestore.testing.SyntheticAmanda.writeTapelist;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The command-line contracts of catalog import/list and plan, run in-process. */
class CatalogCommandsTest {
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
    logdir = dir.resolve("state/log");
    tapelist = dir.resolve("etc/tapelist");
    db = dir.resolve("catalog.db");
    writeLog(
        logdir,
        "20240301002500",
        runLog("20240301002500", "T-01", List.of(new Dump("fs1", "u.alice", 0, 2, Outcome.OK))));
    writeLog(
        logdir,
        "20240302070900",
        runLog(
            "20240302070900", "T-02", List.of(new Dump("fs1", "u.alice", 1, 1, Outcome.STRANGE))));
    writeLog(
        logdir,
        "20240303093100",
        runLog(
            "20240303093100", "T-03", List.of(new Dump("fs1", "u.alice", 2, 1, Outcome.FAILED))));
    try {
      Files.createDirectories(tapelist.getParent());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    writeTapelist(
        tapelist,
        List.of(
            new String[] {"20240303093100", "T-03"},
            new String[] {"20240302070900", "T-02"},
            new String[] {"20240301002500", "T-01"}));
  }

  private void importIt() {
    assertThat(
            run(
                "catalog",
                "import",
                "--db",
                db.toString(),
                "--logdir",
                logdir.toString(),
                "--tapelist",
                tapelist.toString()))
        .as(err)
        .isZero();
  }

  @Test
  void importPrintsASummaryAndReimportReadsNothing() {
    importIt();
    assertThat(out).contains("1 hosts, 1 volumes, 3 dumps, 3 tapes").contains("3 read");
    importIt();
    assertThat(out).contains("0 read, 3 unchanged").contains("0 dumps added");
  }

  @Test
  void importFromAConfigDirectory() throws Exception {
    Path etc = tapelist.getParent();
    Files.writeString(
        etc.resolve("amanda.conf"), "logdir \"" + logdir + "\"\ntapelist \"tapelist\"\n");
    assertThat(run("catalog", "import", "--db", db.toString(), "--config", etc.toString()))
        .as(err)
        .isZero();
    assertThat(out).contains("3 dumps");
  }

  @Test
  void listJsonHasOneObjectPerDump() throws Exception {
    importIt();
    assertThat(run("catalog", "list", "--db", db.toString(), "--json")).isZero();
    JsonNode a = new ObjectMapper().readTree(out);
    assertThat(a.isArray()).isTrue();
    assertThat(a).hasSize(3);
    assertThat(a.get(0).get("host").asText()).isEqualTo("fs1");
    assertThat(a.get(0).get("volume").asText()).isEqualTo("u.alice");
    assertThat(a.get(0).get("datestamp").asText()).isEqualTo("20240301002500");
    assertThat(a.get(0).get("level").asInt()).isZero();
    assertThat(a.get(0).get("status").asText()).isEqualTo("ok");
    assertThat(a.get(1).get("status").asText()).isEqualTo("ok-with-warnings");
    assertThat(a.get(2).get("status").asText()).isEqualTo("failed");
    assertThat(a.get(0).get("parts")).hasSize(2);

    assertThat(run("catalog", "list", "--db", db.toString(), "--host", "nohost", "--json"))
        .isZero();
    assertThat(new ObjectMapper().readTree(out)).isEmpty();
    assertThat(run("catalog", "list", "--db", db.toString(), "--volume", "u.alice")).isZero();
    assertThat(out.lines().count()).isEqualTo(4);
  }

  @Test
  void planJsonContract() throws Exception {
    importIt();
    assertThat(
            run(
                "plan",
                "--db",
                db.toString(),
                "--host",
                "fs1",
                "--volume",
                "u.alice",
                "--date",
                "2024-03-03",
                "--json"))
        .as(err)
        .isZero();
    JsonNode p = new ObjectMapper().readTree(out);
    assertThat(p.get("restorable").asBoolean()).isTrue();
    JsonNode chain = p.get("chain");
    assertThat(chain).hasSize(2);
    assertThat(chain.get(0).get("datestamp").asText()).isEqualTo("20240301002500");
    assertThat(chain.get(0).get("level").asInt()).isZero();
    assertThat(chain.get(0).get("available").asBoolean()).isTrue();
    assertThat(chain.get(0).has("reason")).isFalse();
    assertThat(chain.get(0).get("parts")).hasSize(2);
    assertThat(chain.get(0).get("parts").get(1).get("label").asText()).isEqualTo("T-01");
    assertThat(chain.get(0).get("parts").get(1).get("file").asInt()).isEqualTo(2);
    assertThat(chain.get(1).get("level").asInt()).isEqualTo(1);
    assertThat(p.get("skipped")).hasSize(1);
  }

  @Test
  void anUnrestorablePlanExitsOneWithTheReasonAndKeepsItsOutput() throws Exception {
    importIt();
    writeTapelist(
        tapelist,
        List.of(
            new String[] {"20240310000000", "T-01"},
            new String[] {"20240303093100", "T-03"},
            new String[] {"20240302070900", "T-02"}));
    importIt();
    assertThat(
            run(
                "plan",
                "--db",
                db.toString(),
                "--host",
                "fs1",
                "--volume",
                "u.alice",
                "--date",
                "2024-03-02T12:00",
                "--json"))
        .isEqualTo(1);
    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err)
        .startsWith("coda-restore: fs1:u.alice is not restorable at")
        .contains("T-01")
        .contains("overwritten");
    JsonNode p = new ObjectMapper().readTree(out);
    assertThat(p.get("restorable").asBoolean()).isFalse();
    JsonNode base = p.get("chain").get(0);
    assertThat(base.get("available").asBoolean()).isFalse();
    assertThat(base.get("reason").asText()).contains("T-01").contains("overwritten");
    assertThat(p.get("missing").get("datestamp").asText()).isEqualTo("20240301002500");

    assertThat(
            run(
                "plan",
                "--db",
                db.toString(),
                "--host",
                "fs1",
                "--volume",
                "u.alice",
                "--date",
                "2024-03-02"))
        .isEqualTo(1);
    assertThat(out).contains("NOT restorable").contains("T-01");
    assertThat(err).contains("not restorable");
  }

  @Test
  void errorsAreOneLineWithExitOneAndUsageErrorsExitTwo() {
    assertThat(
            run(
                "plan",
                "--db",
                dir.resolve("none.db").toString(),
                "--host",
                "h",
                "--volume",
                "v",
                "--date",
                "2024-03-02"))
        .isEqualTo(1);
    assertThat(err).startsWith("coda-restore: ").contains("none.db").contains("catalog import");
    assertThat(err.strip().lines().count()).isEqualTo(1);

    importIt();
    assertThat(
            run(
                "plan",
                "--db",
                db.toString(),
                "--host",
                "fs1",
                "--volume",
                "nope",
                "--date",
                "2024-03-02"))
        .isEqualTo(1);
    assertThat(err).contains("fs1:nope").contains("fs1:u.alice");
    assertThat(
            run(
                "plan",
                "--db",
                db.toString(),
                "--host",
                "fs1",
                "--volume",
                "u.alice",
                "--date",
                "yesterday"))
        .isEqualTo(1);

    assertThat(
            run(
                "catalog",
                "import",
                "--db",
                db.toString(),
                "--config",
                "x",
                "--logdir",
                "y",
                "--tapelist",
                "z"))
        .isEqualTo(2);
    assertThat(run("catalog", "import", "--db", db.toString(), "--logdir", "y")).isEqualTo(2);
    assertThat(run("plan", "--db", db.toString(), "--host", "fs1")).isEqualTo(2);
    assertThat(
            run(
                "catalog",
                "import",
                "--db",
                db.toString(),
                "--config",
                dir.resolve("noconf").toString()))
        .isEqualTo(1);
    assertThat(err).contains("amanda.conf");
  }
}
