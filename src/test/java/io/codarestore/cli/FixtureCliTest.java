package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.testing.AmandaFixture;
import io.codarestore.testing.FixtureRecords;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on a real Amanda installation: import, list, plan and fetch. */
class FixtureCliTest {
  static AmandaFixture fixture;
  static Path db;
  String out;
  String err;

  @BeforeAll
  static void importIt(@TempDir Path dir) {
    fixture = AmandaFixture.get();
    db = dir.resolve("catalog.db");
    StringWriter e = new StringWriter();
    int rc =
        Cli.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(e),
            "catalog",
            "import",
            "--db",
            db.toString(),
            "--config",
            fixture.configDir().toString());
    assertThat(rc).as(e.toString()).isZero();
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Cli.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
    out = o.toString();
    err = e.toString();
    return rc;
  }

  @Test
  void listJsonHasEveryDumpAmandaRecordedWithItsStatus() throws Exception {
    assertThat(run("catalog", "list", "--db", db.toString(), "--json")).isZero();
    JsonNode list = new ObjectMapper().readTree(out);
    List<FixtureRecords.Dump> manifest = FixtureRecords.manifestDumps(fixture.catalogDir());
    assertThat(list).hasSize(manifest.size());
    for (FixtureRecords.Dump m : manifest) {
      JsonNode found = null;
      for (JsonNode d : list) {
        if (d.get("volume").asText().equals(m.disk())
            && d.get("datestamp").asText().equals(m.datestamp())
            && d.get("level").asInt() == m.level()) {
          found = d;
        }
      }
      assertThat(found).as(m.toString()).isNotNull();
      assertThat(found.get("host").asText()).isEqualTo(m.host());
      String expected =
          switch (m.status()) {
            case "OK" -> "ok";
            case "OK (STRANGE)" -> "ok-with-warnings";
            default -> null;
          };
      if (expected != null) {
        assertThat(found.get("status").asText()).as(m.toString()).isEqualTo(expected);
      } else {
        assertThat(found.get("status").asText()).as(m.toString()).isIn("failed", "partial");
      }
    }
  }

  @Test
  void planJsonForTheNewestDay() throws Exception {
    List<FixtureRecords.Dump> manifest = FixtureRecords.manifestDumps(fixture.catalogDir());
    String last =
        manifest.stream().map(FixtureRecords.Dump::datestamp).max(String::compareTo).orElseThrow();
    String day = last.substring(0, 4) + "-" + last.substring(4, 6) + "-" + last.substring(6, 8);
    int restorable = 0;
    for (String volume : List.of("coda.root", "u.alice", "proj.src")) {
      assertThat(
              run(
                  "plan",
                  "--db",
                  db.toString(),
                  "--host",
                  "localhost",
                  "--volume",
                  volume,
                  "--date",
                  day,
                  "--json"))
          .as(err)
          .isZero();
      JsonNode p = new ObjectMapper().readTree(out);
      JsonNode chain = p.get("chain");
      if (p.get("restorable").asBoolean()) {
        restorable++;
        assertThat(p.get("missing").isNull()).isTrue();
        assertThat(chain.get(0).get("level").asInt()).isZero();
        for (JsonNode link : chain) {
          assertThat(link.get("available").asBoolean()).isTrue();
          assertThat(link.get("parts").size()).isPositive();
        }
      } else {
        assertThat(p.get("missing").get("reason").asText()).as(volume).isNotBlank();
      }
    }
    // The fixture keeps the newest chain of most volumes on tape.
    assertThat(restorable).isPositive();
  }

  /** Every dump still on tape, fetched through the CLI, is the stream the Application emitted. */
  @Test
  void fetchedDumpsMatchTheGroundTruth(@TempDir Path dir) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> truth = new ArrayList<>();
    for (String line : Files.readAllLines(fixture.catalogDir().resolve("ground-truth.jsonl"))) {
      if (!line.isBlank()) {
        truth.add(json.readTree(line));
      }
    }
    int fetched = 0;
    for (FixtureRecords.Dump m : FixtureRecords.manifestDumps(fixture.catalogDir())) {
      Path file = dir.resolve(m.disk() + "." + m.datestamp() + "." + m.level());
      int rc =
          run(
              "fetch",
              "--db",
              db.toString(),
              "--host",
              m.host(),
              "--volume",
              m.disk(),
              "--datestamp",
              m.datestamp(),
              "--level",
              Integer.toString(m.level()),
              "--out",
              file.toString(),
              "--quiet");
      if (!(m.good() && m.onTape())) {
        assertThat(rc).as(m + ": " + err).isEqualTo(1);
        assertThat(err).startsWith("coda-restore: ").contains(m.datestamp());
        assertThat(file).doesNotExist();
        continue;
      }
      assertThat(rc).as(m + ": " + err).isZero();
      String day =
          m.datestamp().substring(0, 4)
              + "-"
              + m.datestamp().substring(4, 6)
              + "-"
              + m.datestamp().substring(6, 8);
      // The stream of this run: the generator got the run's time; the same day if not found.
      String time =
          day
              + "T"
              + m.datestamp().substring(8, 10)
              + ":"
              + m.datestamp().substring(10, 12)
              + ":"
              + m.datestamp().substring(12, 14);
      JsonNode t =
          truth.stream()
              .filter(
                  x ->
                      x.get("volume").asText().equals(m.disk())
                          && x.get("level").asInt() == m.level()
                          && x.get("date").asText().startsWith(time))
              .findFirst()
              .orElseGet(
                  () ->
                      truth.stream()
                          .filter(
                              x ->
                                  x.get("volume").asText().equals(m.disk())
                                      && x.get("level").asInt() == m.level()
                                      && x.get("date").asText().startsWith(day))
                          .reduce((a, b) -> b)
                          .orElseThrow());
      assertThat(Files.size(file)).as(m.toString()).isEqualTo(t.get("bytes").asLong());
      assertThat(sha256(file)).as(m.toString()).isEqualTo(t.get("sha256").asText());
      fetched++;
    }
    assertThat(fetched).isPositive();
  }

  @Test
  void fetchJsonReportsTheChecks(@TempDir Path dir) throws Exception {
    List<FixtureRecords.Dump> manifest = FixtureRecords.manifestDumps(fixture.catalogDir());
    FixtureRecords.Dump m =
        manifest.stream()
            .filter(d -> d.good() && d.onTape() && ".gz".equals(d.compressed()))
            .findFirst()
            .orElseThrow();
    Path file = dir.resolve("x.dump");
    assertThat(
            run(
                "fetch",
                "--db",
                db.toString(),
                "--host",
                m.host(),
                "--volume",
                m.disk(),
                "--datestamp",
                m.datestamp(),
                "--level",
                Integer.toString(m.level()),
                "--out",
                file.toString(),
                "--json",
                "--quiet"))
        .as(err)
        .isZero();
    JsonNode r = new ObjectMapper().readTree(out);
    assertThat(r.get("compression").asText()).isEqualTo(".gz");
    assertThat(r.get("nativeVerified").asBoolean()).isTrue();
    assertThat(r.get("bytes").asLong()).isEqualTo(Files.size(file));
  }

  private static String sha256(Path f) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(f)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
