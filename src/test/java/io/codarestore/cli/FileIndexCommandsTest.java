package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.testing.AmandaFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalog index}, {@code files}, {@code find}, {@code versions} on the real fixture. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FileIndexCommandsTest {
  static final List<String> LS_ENTRY_FIELDS =
      List.of(
          "path",
          "name",
          "type",
          "mode",
          "size",
          "mtime",
          "owner",
          "fid",
          "parent",
          "target",
          "hardLinkTo");
  static Path db;
  String out;
  String err;

  @BeforeAll
  static void importIt(@TempDir Path dir) {
    AmandaFixture fixture = AmandaFixture.get();
    db = dir.resolve("catalog.db");
    int rc =
        Cli.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            "catalog",
            "import",
            "--db",
            db.toString(),
            "--config",
            fixture.configDir().toString());
    assertThat(rc).isZero();
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Cli.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
    out = o.toString();
    err = e.toString();
    return rc;
  }

  static List<String> fields(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  @Order(1)
  void beforeIndexingOnlyAmandasPathIndexIsKnownAndSaidSo() throws Exception {
    assertThat(
            run(
                "files",
                "--db",
                db.toString(),
                "--host",
                "localhost",
                "--volume",
                "coda.root",
                "--date",
                "2024-03-10",
                "--json"))
        .as(err)
        .isZero();
    JsonNode f = new ObjectMapper().readTree(out);
    assertThat(fields(f)).containsExactly("restorePoint", "source", "entries");
    assertThat(f.get("restorePoint").asText()).isEqualTo("20240310082400");
    assertThat(f.get("source").asText()).isEqualTo("amanda-index");
    assertThat(f.get("entries").get(0).get("path").asText()).isEqualTo(".");
    assertThat(f.get("entries").get(0).get("size").isNull()).isTrue();
    assertThat(
            run(
                "files",
                "--db",
                db.toString(),
                "--host",
                "localhost",
                "--volume",
                "coda.root",
                "--date",
                "2024-03-10"))
        .isZero();
    assertThat(out).contains("only Amanda's path index is known");
  }

  @Test
  @Order(2)
  void indexThenQueryWithTheIssuesJsonShapes() throws Exception {
    assertThat(run("catalog", "index", "--db", db.toString(), "--quiet")).as(out + err).isZero();
    assertThat(out).startsWith("Indexed 11 dump(s) (0 indexed before)");
    assertThat(run("catalog", "index", "--db", db.toString(), "--quiet")).isZero();
    assertThat(out).startsWith("Indexed 0 dump(s) (11 indexed before), 0 bytes read");

    assertThat(
            run(
                "files",
                "--db",
                db.toString(),
                "--host",
                "localhost",
                "--volume",
                "coda.root",
                "--date",
                "2024-03-09",
                "--json"))
        .as(err)
        .isZero();
    JsonNode f = new ObjectMapper().readTree(out);
    assertThat(f.get("restorePoint").asText()).isEqualTo("20240309053400");
    assertThat(f.get("source").asText()).isEqualTo("dumps");
    JsonNode root = f.get("entries").get(0);
    assertThat(fields(root)).isEqualTo(LS_ENTRY_FIELDS);
    assertThat(root.get("path").asText()).isEqualTo(".");
    assertThat(root.get("type").asText()).isEqualTo("directory");
    assertThat(root.get("mode").asText()).matches("0[0-7]{3}");
    JsonNode hard = null;
    for (JsonNode e : f.get("entries")) {
      if (!e.get("hardLinkTo").isNull()) {
        hard = e;
      }
    }
    assertThat(hard).as("a hard link names the file's first path").isNotNull();

    assertThat(
            run(
                "versions",
                "--db",
                db.toString(),
                "--host",
                "localhost",
                "--volume",
                "coda.root",
                "--path",
                "/back\\slash.md",
                "--json"))
        .as(err)
        .isZero();
    JsonNode v = new ObjectMapper().readTree(out);
    assertThat(fields(v)).containsExactly("path", "versions");
    assertThat(v.get("path").asText()).isEqualTo("back\\slash.md");
    assertThat(v.get("versions").size()).isGreaterThan(1);
    JsonNode v0 = v.get("versions").get(0);
    assertThat(fields(v0))
        .containsExactly("from", "until", "level", "size", "mtime", "restorable", "restorePoint");
    assertThat(v0.get("restorePoint").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
    JsonNode last = v.get("versions").get(v.get("versions").size() - 1);
    assertThat(last.get("until").isNull()).isTrue();
    assertThat(v0.get("from").asText()).isLessThan(last.get("from").asText());

    assertThat(run("find", "--db", db.toString(), "--json", "*.md")).as(err).isZero();
    JsonNode m = new ObjectMapper().readTree(out).get("matches");
    assertThat(m.size()).isGreaterThan(3);
    for (JsonNode x : m) {
      assertThat(x.get("path").asText()).endsWith(".md");
      assertThat(x.get("existed").size()).isPositive();
    }
    assertThat(run("find", "--db", db.toString(), "--volume", "proj.src", "*.md")).isZero();
    assertThat(out).doesNotContain("coda.root").contains("localhost:proj.src");
  }

  @Test
  @Order(3)
  void restoreOfOnePathReadsOnlyWhatHoldsIt(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("one");
    String[] oneFile = {
      "restore",
      "--db",
      db.toString(),
      "--host",
      "localhost",
      "--volume",
      "coda.root",
      "--date",
      "2024-03-09T05:34:00",
      "--path",
      "back\\slash.md",
      "--to-dir",
      dir.toString()
    };
    // the dry run says the file index serves it and which dumps it reads; it writes nothing
    String[] dryRun = append(oneFile, "--dry-run");
    assertThat(run(dryRun)).as(err).isZero();
    assertThat(out).contains("route: the file index (restore point 20240309053400)");
    assertThat(run(append(dryRun, "--json"))).as(err).isZero();
    JsonNode dry = new ObjectMapper().readTree(out);
    assertThat(dry.get("route").asText()).isEqualTo("index");
    JsonNode byIndex = dry.get("byIndex");
    assertThat(byIndex.get("files").asInt()).isEqualTo(1);
    assertThat(byIndex.get("dumpsToRead").size()).isPositive();
    assertThat(byIndex.get("bytesToRead").asLong())
        .isPositive()
        .isLessThan(byIndex.get("chainBytes").asLong());
    assertThat(java.nio.file.Files.exists(dir)).isFalse();
    assertThat(run(append(oneFile, "--json"))).as(err).isZero();
    JsonNode r = new ObjectMapper().readTree(out);
    assertThat(r.get("restorePoint").asText()).isEqualTo("20240309053400");
    assertThat(r.get("files").asInt()).isEqualTo(1);
    List<String> planned = new ArrayList<>();
    byIndex.get("dumpsToRead").forEach(d -> planned.add(d.get("datestamp").asText()));
    List<String> read = new ArrayList<>();
    r.get("dumpsRead").forEach(d -> read.add(d.asText()));
    assertThat(read).as("the dumps the dry run named").isEqualTo(planned);
    assertThat(r.get("bytesRead").asLong())
        .isLessThanOrEqualTo(byIndex.get("bytesToRead").asLong());
    assertThat(r.get("bytesRead").asLong()).isPositive().isLessThan(r.get("chainBytes").asLong());
    assertThat(java.nio.file.Files.size(dir.resolve("back\\slash.md"))).isEqualTo(2730);
    assertThat(
            run(
                "restore",
                "--db",
                db.toString(),
                "--host",
                "localhost",
                "--volume",
                "coda.root",
                "--date",
                "2024-03-09",
                "--path",
                "back\\slash.md",
                "--to-dir",
                dir.toString()))
        .isNotZero();
    assertThat(err).contains("exists");
  }

  @Test
  @Order(4)
  void aDateWithoutARestorePointIsOneClearLine() {
    assertThat(
            run(
                "files",
                "--db",
                db.toString(),
                "--host",
                "localhost",
                "--volume",
                "coda.root",
                "--date",
                "2024-03-01"))
        .isNotZero();
    assertThat(err.strip().lines().count()).isEqualTo(1);
    assertThat(err)
        .contains("coda.root")
        .contains("cannot be restored")
        .doesNotContain("Exception");
  }

  private static String[] append(String[] a, String more) {
    String[] b = java.util.Arrays.copyOf(a, a.length + 1);
    b[a.length] = more;
    return b;
  }
}
