package io.codarestore.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.cli.Cli;
import io.codarestore.core.Datestamp;
import io.codarestore.core.ExternalProgram;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePoint;
import io.codarestore.testing.AmandaFixture;
import io.codarestore.testing.AmcodaFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file index of the Amanda installation amcoda made (real Amanda 3.5.1, ten nights, shared with
 * {@code AmandaApplicationLoopTest} through {@link AmcodaFixture}), through the command line,
 * against the truth of every dump: Amanda's own index files imported by {@code catalog import},
 * then {@code catalog index}, {@code versions} and {@code restore --path}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AmcodaFileIndexTest {
  static AmandaFixture fixture;
  static Path db;

  /** volume -> datestamp -> the ground-truth line of that dump (only dumps Amanda kept). */
  static final Map<String, Map<String, JsonNode>> dumps = new TreeMap<>();

  /** volume -> datestamp of each restorable point, oldest first -> path -> content. */
  static final Map<String, Map<String, Map<String, String>>> truth = new TreeMap<>();

  String out;
  String err;

  @BeforeAll
  static void importIt(@TempDir Path dir) throws Exception {
    fixture = AmcodaFixture.get().fixture();
    db = dir.resolve("catalog.db");
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc =
        Cli.run(
            new PrintWriter(o),
            new PrintWriter(e),
            "catalog",
            "import",
            "--db",
            db.toString(),
            "--config",
            fixture.configDir().toString());
    assertThat(rc).as(o + "\n" + e).isZero();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(fixture.catalogDir().resolve("ground-truth.jsonl"))) {
      JsonNode n = json.readTree(line);
      if (n.path("status").asText().startsWith("OK") && n.has("truth")) {
        dumps
            .computeIfAbsent(n.get("disk").asText(), k -> new TreeMap<>())
            .put(n.get("datestamp").asText(), n);
      }
    }
    try (Catalog c = Catalog.openExisting(db)) {
      for (CatalogVolume v : c.volumes(null)) {
        Map<String, Map<String, String>> days = new LinkedHashMap<>();
        for (RestorePoint p : new ChainPlanner().restorablePoints(c, v.host(), v.volume())) {
          days.put(p.datestamp().digits(), truthOf(v.volume(), p.datestamp().digits()));
        }
        truth.put(v.volume(), days);
      }
    }
  }

  /** path -> "type size mtime mode fid" of the dump's truth ({@code volutil-sim truth}). */
  static Map<String, String> truthOf(String volume, String datestamp) throws Exception {
    JsonNode d = dumps.get(volume).get(datestamp);
    assertThat(d).as("ground truth of " + volume + " " + datestamp).isNotNull();
    Map<String, String> out = new TreeMap<>();
    for (JsonNode e :
        new ObjectMapper()
            .readTree(fixture.catalogDir().resolve(d.get("truth").asText()).toFile())
            .get("entries")) {
      String type = e.get("type").asText().equals("dir") ? "directory" : e.get("type").asText();
      out.put(
          e.get("path").asText(),
          type
              + " "
              + e.get("size").asLong()
              + " "
              + e.get("mtime").asLong()
              + " "
              + Integer.parseInt(e.get("mode").asText(), 8)
              + " "
              + e.get("fid").asText());
    }
    return out;
  }

  /** path -> "owner target" ("-" for no target) of the dump's truth. */
  static Map<String, String> ownersOf(String volume, String datestamp) throws Exception {
    JsonNode d = dumps.get(volume).get(datestamp);
    Map<String, String> out = new TreeMap<>();
    for (JsonNode e :
        new ObjectMapper()
            .readTree(fixture.catalogDir().resolve(d.get("truth").asText()).toFile())
            .get("entries")) {
      out.put(
          e.get("path").asText(),
          e.get("owner").asText() + " " + (e.has("target") ? e.get("target").asText() : "-"));
    }
    return out;
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Cli.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
    out = o.toString();
    err = e.toString();
    return rc;
  }

  JsonNode files(String volume, String datestamp) throws Exception {
    String date = Datestamp.parse(datestamp).target();
    int rc =
        run(
            "files",
            "--db",
            db.toString(),
            "--host",
            "localhost",
            "--volume",
            volume,
            "--date",
            date,
            "--json");
    assertThat(rc).as(volume + " " + date + ": " + err).isZero();
    JsonNode f = new ObjectMapper().readTree(out);
    assertThat(f.get("restorePoint").asText()).isEqualTo(datestamp);
    return f;
  }

  @Test
  @Order(1)
  void importedAmandaIndexFilesGiveEveryRestorablePointsPaths() throws Exception {
    int points = 0;
    int incrementals = 0;
    int differ = 0;
    for (var vol : truth.entrySet()) {
      for (var day : vol.getValue().entrySet()) {
        JsonNode f = files(vol.getKey(), day.getKey());
        assertThat(f.get("source").asText()).isEqualTo("amanda-index");
        TreeSet<String> got = new TreeSet<>();
        f.get("entries").forEach(e -> got.add(e.get("path").asText()));
        // amindexd's answer: the union of the chain's index files, each the dump's directories
        // and the files whose data it holds
        TreeSet<String> expected = new TreeSet<>();
        List<ChainLink> chain = chainOf(vol.getKey(), day.getKey());
        for (ChainLink l : chain) {
          expected.addAll(indexedPaths(vol.getKey(), l.datestamp().digits()));
        }
        assertThat(got).as(vol.getKey() + " " + day.getKey()).isEqualTo(expected);
        if (chain.size() == 1) {
          assertThat(got).isEqualTo(day.getValue().keySet());
        } else {
          // Amanda's index cannot say what an incremental deleted, nor where the unchanged files
          // of a directory moved since the full dump are now: the union differs from the truth
          // there (catalog index, from the dumps, has the truth: the next test)
          incrementals++;
          differ += got.equals(day.getValue().keySet()) ? 0 : 1;
        }
        points++;
      }
    }
    System.out.println(
        "amanda-index: "
            + points
            + " restore points, "
            + incrementals
            + " of them incrementals, "
            + differ
            + " of these not the truth");
    assertThat(points).isGreaterThanOrEqualTo(9);
    assertThat(incrementals).isPositive();
  }

  static List<ChainLink> chainOf(String volume, String datestamp) {
    try (Catalog c = Catalog.openExisting(db)) {
      return new ChainPlanner()
          .plan(c, "localhost", volume, PlanTarget.parse(Datestamp.parse(datestamp).target()))
          .chain();
    }
  }

  /** The truth's directories and the files whose vnode the dump holds (coda-dumpgen ls). */
  static Set<String> indexedPaths(String volume, String datestamp) throws Exception {
    JsonNode d = dumps.get(volume).get(datestamp);
    Set<String> held = heldFids(fixture.outdir().resolve(d.get("stream").asText()));
    Set<String> out = new TreeSet<>();
    truthOf(volume, datestamp)
        .forEach(
            (p, c) -> {
              String fid = c.substring(c.lastIndexOf(' ') + 1);
              if (c.startsWith("directory") || held.contains(fid)) {
                out.add(p);
              }
            });
    return out;
  }

  static Set<String> heldFids(Path stream) {
    Set<String> fids = new HashSet<>();
    Pattern vnode = Pattern.compile("vnode (\\d+\\.\\d+)");
    ExternalProgram.of(
            List.of(
                AmandaFixture.sharedDir().resolve("tools/coda-dumpgen").toString(),
                "ls",
                stream.toString()))
        .onLine(
            l -> {
              if (l.matches("^\\s*[-dl] .*")) {
                Matcher m = vnode.matcher(l);
                fids.add(m.find() ? m.group(1) : l.strip().split("\\s+")[5]);
              }
            })
        .runChecked();
    assertThat(fids).isNotEmpty();
    return fids;
  }

  @Test
  @Order(2)
  void afterCatalogIndexEveryPointsTreeHasTheTruthsSizesMtimesAndModes() throws Exception {
    assertThat(run("catalog", "index", "--db", db.toString(), "--quiet")).as(out + err).isZero();
    assertThat(out).contains("0 problem(s)");
    int points = 0;
    int symlinks = 0;
    for (var vol : truth.entrySet()) {
      for (var day : vol.getValue().entrySet()) {
        JsonNode f = files(vol.getKey(), day.getKey());
        assertThat(f.get("source").asText()).isEqualTo("dumps");
        Map<String, String> got = new TreeMap<>();
        for (JsonNode e : f.get("entries")) {
          got.put(
              e.get("path").asText(),
              e.get("type").asText()
                  + " "
                  + e.get("size").asLong()
                  + " "
                  + e.get("mtime").asLong()
                  + " "
                  + Integer.parseInt(e.get("mode").asText(), 8)
                  + " "
                  + e.get("fid").asText());
        }
        assertThat(got).as(vol.getKey() + " " + day.getKey()).isEqualTo(day.getValue());
        Map<String, String> owners = new TreeMap<>();
        for (JsonNode e : f.get("entries")) {
          owners.put(
              e.get("path").asText(), e.get("owner").asText() + " " + e.get("target").asText("-"));
          symlinks += e.get("type").asText().equals("symlink") ? 1 : 0;
        }
        assertThat(owners)
            .as(vol.getKey() + " " + day.getKey() + " owners and link targets")
            .isEqualTo(ownersOf(vol.getKey(), day.getKey()));
        points++;
      }
    }
    assertThat(points).isGreaterThanOrEqualTo(9);
    assertThat(symlinks).isPositive();
    // again: nothing new to read
    assertThat(run("catalog", "index", "--db", db.toString(), "--quiet")).isZero();
    assertThat(out).startsWith("Indexed 0 dump(s) (").contains(" 0 bytes read");
  }

  @Test
  @Order(3)
  void versionsOfChangedRecreatedRenamedAndHardLinkedFilesFollowEveryDaysTruth() throws Exception {
    Map<String, Integer> seen = new TreeMap<>();
    for (var vol : truth.entrySet()) {
      List<String> days = new ArrayList<>(vol.getValue().keySet());
      TreeSet<String> paths = new TreeSet<>();
      vol.getValue().values().forEach(t -> paths.addAll(t.keySet()));
      for (String path : paths) {
        List<String> expected = expectedVersions(vol.getValue(), days, path);
        int rc =
            run(
                "versions",
                "--db",
                db.toString(),
                "--host",
                "localhost",
                "--volume",
                vol.getKey(),
                "--path",
                path,
                "--json");
        assertThat(rc).as(err).isZero();
        List<String> got = new ArrayList<>();
        for (JsonNode v : new ObjectMapper().readTree(out).get("versions")) {
          got.add(v.get("from").asText() + ".." + v.get("until").asText(null));
          assertThat(v.get("restorable").asBoolean()).isTrue();
          assertThat(v.get("restorePoint").asText())
              .isEqualTo(Datestamp.parse(v.get("from").asText()).target());
        }
        assertThat(got).as(vol.getKey() + " " + path).isEqualTo(expected);
        classify(vol.getValue(), days, path, seen);
      }
    }
    System.out.println("amcoda fixture, versions checked: " + seen);
    assertThat(seen.getOrDefault("changed", 0)).isPositive();
    assertThat(seen.getOrDefault("renamed", 0)).isPositive();
    assertThat(seen.getOrDefault("hard-linked", 0)).isPositive();
  }

  /** "from..until" of each run of equal content of a path over the restorable points. */
  static List<String> expectedVersions(
      Map<String, Map<String, String>> byDay, List<String> days, String path) {
    List<String> expected = new ArrayList<>();
    String last = null;
    String from = null;
    for (String day : days) {
      String now = byDay.get(day).get(path);
      if (!Objects.equals(now, last)) {
        if (last != null) {
          expected.add(from + ".." + day);
        }
        from = day;
      }
      last = now;
    }
    if (last != null) {
      expected.add(from + "..null");
    }
    return expected;
  }

  /** Counts the kinds of history a path has: changed, deleted and recreated, renamed, linked. */
  static void classify(
      Map<String, Map<String, String>> byDay,
      List<String> days,
      String path,
      Map<String, Integer> seen) {
    String prevContent = null;
    Map<String, String> prevDay = null;
    boolean gone = false;
    for (String day : days) {
      Map<String, String> t = byDay.get(day);
      String c = t.get(path);
      if (c != null && c.startsWith("file")) {
        String fid = c.substring(c.lastIndexOf(' ') + 1);
        if (prevContent != null && !c.equals(prevContent)) {
          seen.merge("changed", 1, Integer::sum);
        }
        if (gone) {
          seen.merge("deleted and recreated", 1, Integer::sum);
        }
        if (t.values().stream().filter(c::equals).count() > 1) {
          seen.merge("hard-linked", 1, Integer::sum);
        }
        if (prevDay != null && !prevDay.containsKey(path) && prevDay.containsValue(c)) {
          seen.merge("renamed", 1, Integer::sum);
        }
        gone = false;
        assertThat(fid).isNotEmpty();
      } else if (c == null && prevContent != null) {
        gone = true;
      }
      prevContent = c != null ? c : prevContent;
      prevDay = t;
    }
  }

  @Test
  @Order(4)
  void oneVersionRestoredByPathIsThatDaysFileReadingLessThanTheChain(@TempDir Path dir)
      throws Exception {
    int restored = 0;
    for (var vol : truth.entrySet()) {
      List<String> days = new ArrayList<>(vol.getValue().keySet());
      String pick = changedFileOfAnIncremental(vol.getKey(), vol.getValue(), days);
      if (pick == null) {
        continue;
      }
      String day = pick.substring(0, 14);
      String path = pick.substring(15);
      Path to = dir.resolve(vol.getKey());
      int rc =
          run(
              "restore",
              "--db",
              db.toString(),
              "--host",
              "localhost",
              "--volume",
              vol.getKey(),
              "--date",
              Datestamp.parse(day).target(),
              "--path",
              path,
              "--to-dir",
              to.toString(),
              "--workspace",
              dir.resolve("ws").toString(),
              "--json");
      assertThat(rc).as(err).isZero();
      JsonNode r = new ObjectMapper().readTree(out);
      assertThat(r.get("restorePoint").asText()).isEqualTo(day);
      assertThat(r.get("bytesRead").asLong()).isPositive().isLessThan(r.get("chainBytes").asLong());
      assertThat(sha(to.resolve(path)))
          .as(vol.getKey() + " " + path + " of " + day)
          .isEqualTo(sha256Of(vol.getKey(), day, path));
      String[] c = vol.getValue().get(day).get(path).split(" ");
      assertThat(Files.size(to.resolve(path))).isEqualTo(Long.parseLong(c[1]));
      assertThat(Files.getLastModifiedTime(to.resolve(path)).toMillis() / 1000)
          .isEqualTo(Long.parseLong(c[2]));
      try (var s = Files.walk(to)) {
        assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(1);
      }
      restored++;
    }
    assertThat(restored).isGreaterThanOrEqualTo(2);
  }

  /** "DATESTAMP PATH" of a file that changed at an incremental restore point, or null. */
  static String changedFileOfAnIncremental(
      String volume, Map<String, Map<String, String>> byDay, List<String> days) {
    for (int i = days.size() - 1; i > 0; i--) {
      if (chainOf(volume, days.get(i)).size() < 2) {
        continue;
      }
      Map<String, String> before = byDay.get(days.get(i - 1));
      for (var e : byDay.get(days.get(i)).entrySet()) {
        String was = before.get(e.getKey());
        if (e.getValue().startsWith("file")
            && was != null
            && !was.equals(e.getValue())
            && !e.getValue().startsWith("file 0 ")) {
          return days.get(i) + " " + e.getKey();
        }
      }
    }
    return null;
  }

  static String sha256Of(String volume, String datestamp, String path) throws Exception {
    JsonNode d = dumps.get(volume).get(datestamp);
    for (JsonNode e :
        new ObjectMapper()
            .readTree(fixture.catalogDir().resolve(d.get("truth").asText()).toFile())
            .get("entries")) {
      if (e.get("path").asText().equals(path)) {
        return e.get("sha256").asText();
      }
    }
    throw new AssertionError(path + " not in the truth of " + volume + " " + datestamp);
  }

  static String sha(Path file) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
