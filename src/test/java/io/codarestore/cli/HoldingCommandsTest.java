package io.codarestore.cli;

import static io.codarestore.testing.SyntheticAmanda.runLog;
import static io.codarestore.testing.SyntheticAmanda.writeLog;
import static io.codarestore.testing.SyntheticAmanda.writeTapelist;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.testing.SyntheticAmanda.Dump;
import io.codarestore.testing.SyntheticAmanda.Outcome;
import io.codarestore.testing.SyntheticHolding;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on a dump left on the holding disk: import, list, plan and fetch. */
class HoldingCommandsTest {
  static final String LEFT = "20240311084900";

  @TempDir Path dir;
  Path db;
  Path hold;
  String out;
  String err;
  SyntheticHolding.Dump left;
  byte[] data;

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Cli.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
    out = o.toString();
    err = e.toString();
    return rc;
  }

  @BeforeEach
  void importWithAHoldingDisk() {
    Path logdir = dir.resolve("log");
    Path tapelist = dir.resolve("tapelist");
    hold = dir.resolve("holding");
    db = dir.resolve("c.db");
    writeLog(
        logdir,
        "20240310082400",
        runLog("20240310082400", "T-01", List.of(new Dump("h", "v", 0, 1, Outcome.OK))));
    data = SyntheticHolding.codaDump("v.0.backup", 1, 150_000, 3);
    left = new SyntheticHolding(hold).dump(data);
    left.host = "h";
    left.disk = "v";
    left.datestamp = LEFT;
    left.level = 1;
    left.chunkData = 64 * 1024;
    left.write();
    writeLog(dir.resolve("log"), LEFT, SyntheticHolding.noTaperLog(LEFT, List.of(left)));
    writeTapelist(tapelist, List.<String[]>of(new String[] {"20240310082400", "T-01"}));
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
                "--holding",
                hold.toString()))
        .as(err)
        .isZero();
    assertThat(out).contains("holding disk: 1 dumps not on tape, 1 of them readable there");
  }

  @Test
  void planJsonShowsTheHoldingLinkAndItsFiles() throws Exception {
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
                "2024-03-11",
                "--json"))
        .as(err)
        .isZero();
    JsonNode plan = new ObjectMapper().readTree(out);
    assertThat(plan.get("restorable").asBoolean()).isTrue();
    JsonNode link = plan.get("chain").get(1);
    assertThat(link.get("datestamp").asText()).isEqualTo(LEFT);
    assertThat(link.get("available").asBoolean()).isTrue();
    assertThat(link.has("reason")).isFalse();
    assertThat(link.get("source").asText()).isEqualTo("holding disk");
    assertThat(link.get("parts")).hasSize(left.files.size());
    for (int i = 0; i < left.files.size(); i++) {
      JsonNode p = link.get("parts").get(i);
      assertThat(p.get("label").asText()).isEqualTo("holding disk");
      assertThat(p.get("holding").asText()).isEqualTo(left.files.get(i).toString());
      assertThat(p.get("part").asInt()).isEqualTo(i + 1);
    }
    assertThat(plan.get("chain").get(0).get("source").asText()).isEqualTo("tape");

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
                "2024-03-11"))
        .isZero();
    assertThat(out).contains("holding disk " + left.files.get(0));
  }

  @Test
  void listJsonSaysWhatTheImportFoundOnTheHoldingDisk() throws Exception {
    assertThat(run("catalog", "list", "--db", db.toString(), "--json")).as(err).isZero();
    JsonNode all = new ObjectMapper().readTree(out);
    JsonNode d = null;
    for (JsonNode n : all) {
      if (n.get("datestamp").asText().equals(LEFT)) {
        d = n;
      }
    }
    assertThat(d).isNotNull();
    assertThat(d.get("onHoldingDisk").asBoolean()).isTrue();
    assertThat(d.get("available").asBoolean()).isTrue();
    assertThat(d.get("holding").get("readable").asBoolean()).isTrue();
    assertThat(d.get("holding").get("files")).hasSize(left.files.size());
  }

  @Test
  void fetchReadsTheHoldingFilesWithoutAnyVtapes() throws Exception {
    Path target = dir.resolve("out.dump");
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
                LEFT,
                "--level",
                "1",
                "--out",
                target.toString(),
                "--quiet",
                "--json"))
        .as(err)
        .isZero();
    assertThat(Files.readAllBytes(target)).isEqualTo(data);
    JsonNode r = new ObjectMapper().readTree(out);
    assertThat(r.get("storedVerified").asBoolean()).isTrue();
    assertThat(r.get("nativeVerified").asBoolean()).isTrue();
    assertThat(r.get("storedBytes").asLong()).isEqualTo(left.stored.length);
  }

  @Test
  void fetchOfAChunkCutShortAfterTheImportSaysWhichFile() throws Exception {
    Path last = left.files.get(left.files.size() - 1);
    try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
      f.setLength(f.length() - 7);
    }
    Path target = dir.resolve("out.dump");
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
                LEFT,
                "--level",
                "1",
                "--out",
                target.toString(),
                "--quiet"))
        .isEqualTo(1);
    assertThat(err)
        .startsWith("coda-restore: " + last)
        .contains("the file is cut short")
        .doesNotContain("\tat ");
    assertThat(target).doesNotExist();
  }

  @Test
  void fetchAfterTheHoldingFilesWentAwayAndAReimportIsRefusedWithTheReason() throws Exception {
    for (Path f : left.files) {
      Files.delete(f);
    }
    assertThat(
            run(
                "catalog",
                "import",
                "--db",
                db.toString(),
                "--logdir",
                dir.resolve("log").toString(),
                "--tapelist",
                dir.resolve("tapelist").toString(),
                "--holding",
                hold.toString()))
        .isZero();
    assertThat(out).contains("1 dumps not on tape, 0 of them readable there");
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
                LEFT,
                "--level",
                "1",
                "--out",
                dir.resolve("out.dump").toString(),
                "--quiet"))
        .isEqualTo(1);
    assertThat(err)
        .contains("cannot be read")
        .contains("only on the holding disk")
        .contains("no file h.v.1");
  }
}
