package io.codarestore.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.catalog.Catalog;
import io.codarestore.cli.Cli;
import io.codarestore.core.ExternalProgram;
import io.codarestore.dump.DumpIndex;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.Truth;
import io.codarestore.testing.AmandaFixture;
import io.codarestore.testing.AmcodaFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on real Amanda 3.5.1: {@code amanda-fixture --application} runs ten nightly amdump
 * runs of three simulated Coda volumes through amcoda's launcher (written by {@code amcoda
 * install}); then every good dump's index is compared with what the dump holds, the installation is
 * imported and every restorable (volume, day) restored and compared with the fixture's truth, and
 * the volutil calls are checked for their order.
 */
class AmandaApplicationLoopTest {
  static String config;
  static AmandaFixture fixture;
  static Path db;
  @TempDir static Path shared;
  @TempDir Path tmp;

  /** The shared amcoda-made installation ({@link AmcodaFixture}), imported into a catalog. */
  @BeforeAll
  static void tenNights() throws Exception {
    AmcodaFixture.Built built = AmcodaFixture.get();
    fixture = built.fixture();
    config = built.config();
    db = shared.resolve("catalog.db");
    StringWriter err = new StringWriter();
    int rc =
        Cli.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "catalog",
            "import",
            "--db",
            db.toString(),
            "--config",
            fixture.configDir().toString());
    assertThat(rc).as(err.toString()).isZero();
  }

  static List<JsonNode> goodDumps() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(fixture.catalogDir().resolve("ground-truth.jsonl"))) {
      JsonNode n = json.readTree(line);
      if (n.path("status").asText().startsWith("OK") && !n.path("stream").isMissingNode()) {
        out.add(n);
      }
    }
    return out;
  }

  @Test
  void everyKeptDumpIsGoodAndItsChainMergesToTheTruth() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> statuses = new ArrayList<>();
    for (String line : Files.readAllLines(fixture.catalogDir().resolve("ground-truth.jsonl"))) {
      statuses.add(json.readTree(line).path("status").asText());
    }
    // no STRANGE dump: nothing on stderr, no warning; the injected failure is not kept
    assertThat(statuses).hasSizeGreaterThanOrEqualTo(25).allMatch("OK"::equals);
    List<String> checks =
        Files.readAllLines(fixture.catalogDir().resolve("chain-check.txt")).stream()
            .filter(l -> !l.startsWith("volume"))
            .toList();
    assertThat(checks).hasSize(statuses.size()).allMatch(l -> l.endsWith(" match"));
  }

  @Test
  void everyGoodDumpsIndexListsExactlyThePathsItsDumpHolds() throws Exception {
    List<JsonNode> dumps = goodDumps();
    assertThat(dumps).hasSizeGreaterThanOrEqualTo(20);
    int incrementals = 0;
    int checked = 0;
    for (JsonNode d : dumps) {
      Path stream = fixture.outdir().resolve(d.get("stream").asText());
      Set<String> held = heldFids(stream);
      Set<String> expected = new TreeSet<>(List.of("/"));
      for (JsonNode e :
          new ObjectMapper()
              .readTree(fixture.catalogDir().resolve(d.get("truth").asText()).toFile())
              .get("entries")) {
        String path = Truth.safe(e.get("path").asText());
        if (path.equals(".")) {
          continue;
        }
        if (e.get("type").asText().equals("dir")) {
          expected.add("/" + path + "/");
        } else if (held.contains(e.get("fid").asText())) {
          expected.add("/" + path);
        }
      }
      Set<String> index =
          indexLines(d.get("disk").asText(), d.get("datestamp").asText(), d.get("level").asInt());
      if (index == null) {
        continue; // amtrmidx removed it: the dump's tapes were overwritten
      }
      assertThat(index).as(d.toString()).isEqualTo(expected);
      checked++;
      incrementals += d.get("level").asInt() > 0 ? 1 : 0;
    }
    assertThat(checked).isGreaterThanOrEqualTo(15);
    assertThat(incrementals).isGreaterThanOrEqualTo(5);
  }

  /** The fids of the vnodes a dump holds, read by coda-dumpgen (an independent reader). */
  static Set<String> heldFids(Path stream) {
    Path dumpgen = AmandaFixture.sharedDir().resolve("tools/coda-dumpgen");
    ExternalProgram.Result r =
        ExternalProgram.of(List.of(dumpgen.toString(), "ls", stream.toString()))
            .onLine(l -> {})
            .run();
    assertThat(r.exitStatus()).isZero();
    return fidsOf(stream, dumpgen);
  }

  private static final Pattern VNODE = Pattern.compile("(?:vnode )?\\b(\\d+\\.\\d+)\\b");

  private static Set<String> fidsOf(Path stream, Path dumpgen) {
    Set<String> fids = new HashSet<>();
    ExternalProgram.of(List.of(dumpgen.toString(), "ls", stream.toString()))
        .onLine(
            l -> {
              if (l.matches("^\\s*[-dl] .*")) {
                Matcher m = Pattern.compile("vnode (\\d+\\.\\d+)").matcher(l);
                if (m.find()) {
                  fids.add(m.group(1));
                } else {
                  String[] w = l.strip().split("\\s+");
                  fids.add(w[5]);
                }
              }
            })
        .run();
    return fids;
  }

  /** Amanda's index of a dump, unescaped; null when Amanda no longer keeps it. */
  static Set<String> indexLines(String disk, String datestamp, int level) throws IOException {
    Path dir = fixture.outdir().resolve("state/index/localhost").resolve(disk);
    Path file = null;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(datestamp + "_" + level) && n.endsWith(".gz")) {
          file = p;
        }
      }
    }
    if (file == null) {
      return null;
    }
    Set<String> lines = new TreeSet<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isEmpty()) {
          lines.add(DumpIndex.unescape(l));
        }
      }
    }
    return lines;
  }

  @Test
  void everyRestorableDayRestoredFromTheImportedCatalogEqualsTheTruth() throws Exception {
    Map<String, JsonNode> byDump = new HashMap<>();
    for (JsonNode d : goodDumps()) {
      byDump.put(d.get("disk").asText() + "@" + d.get("datestamp").asText(), d);
    }
    List<String> checked = new ArrayList<>();
    try (Catalog c = Catalog.openExisting(db)) {
      for (String volume : List.of("coda.root", "u.alice", "proj.src")) {
        for (int day = 1; day <= 10; day++) {
          String date = String.format("2024-03-%02d", day);
          RestorePlan plan =
              new ChainPlanner().plan(c, "localhost", volume, PlanTarget.parse(date));
          if (!plan.restorable()) {
            continue;
          }
          String head = plan.chain().get(plan.chain().size() - 1).datestamp().digits();
          Path out = tmp.resolve(volume + "-" + date);
          StringWriter err = new StringWriter();
          int rc =
              Cli.run(
                  new PrintWriter(new StringWriter()),
                  new PrintWriter(err),
                  "restore",
                  "--db",
                  db.toString(),
                  "--host",
                  "localhost",
                  "--volume",
                  volume,
                  "--date",
                  date,
                  "--to-dir",
                  out.toString(),
                  "--workspace",
                  tmp.resolve("ws").toString());
          assertThat(rc).as(volume + " " + date + ": " + err).isZero();
          JsonNode d = byDump.get(volume + "@" + head);
          assertThat(d).as("ground truth of " + volume + " " + head).isNotNull();
          Map<String, Truth.Node> truth =
              Truth.fromJson(fixture.catalogDir().resolve(d.get("truth").asText()));
          assertThat(Truth.diff(truth, Truth.directory(out))).as(volume + " at " + date).isEmpty();
          checked.add(volume + "@" + date);
        }
      }
    }
    // the vtapes keep at least the last days of each volume restorable
    assertThat(checked).hasSizeGreaterThanOrEqualTo(9);
  }

  @Test
  void volutilStepsAreLockBackupDumpAncientWithNegativeLevels() throws IOException {
    List<String[]> calls = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(fixture.outdir().resolve("coda/server/calls.log"))) {
      JsonNode n = json.readTree(line);
      if (n.path("event").asText().equals("call") && !n.path("sim").asBoolean(false)) {
        List<String> w = new ArrayList<>();
        n.path("argv").forEach(a -> w.add(a.asText()));
        calls.add(w.toArray(String[]::new));
      }
    }
    assertThat(calls).noneMatch(c -> c[0].equals("dumpestimate"));
    assertThat(calls)
        .filteredOn(c -> c[0].equals("dump") && c[1].equals("-i"))
        .isNotEmpty()
        .allMatch(c -> c[2].matches("-[1-9]") && c.length == 4);
    // per backup id: before each ancient, a dump of it; since the previous ancient, lock and backup
    Map<String, List<String>> sinceAncient = new HashMap<>();
    int ancients = 0;
    for (String[] c : calls) {
      String id = c[c.length - 1];
      if (c[0].equals("lock") || c[0].equals("backup")) {
        sinceAncient.computeIfAbsent("rw" + id, k -> new ArrayList<>()).add(c[0]);
      } else if (c[0].equals("dump")) {
        sinceAncient.computeIfAbsent(id, k -> new ArrayList<>()).add("dump");
      } else if (c[0].equals("ancient")) {
        List<String> before = sinceAncient.getOrDefault(id, List.of());
        assertThat(before).as("calls before ancient " + id).isNotEmpty().endsWith("dump");
        sinceAncient.remove(id);
        ancients++;
      }
    }
    assertThat(ancients).isGreaterThanOrEqualTo(20);
    // per read-write id: every backup right after a lock of that volume
    Map<String, String> lastOfVolume = new HashMap<>();
    int backups = 0;
    for (String[] c : calls) {
      if (c[0].equals("lock") || c[0].equals("backup") || c[0].equals("unlock")) {
        String id = c[c.length - 1];
        if (c[0].equals("backup")) {
          assertThat(lastOfVolume.get(id)).as("call before backup " + id).isEqualTo("lock");
          backups++;
        }
        lastOfVolume.put(id, c[0]);
      }
    }
    assertThat(backups).isGreaterThanOrEqualTo(ancients);
  }

  /** A volume, a date and the paths amrecover is asked for, with the truth as of that date. */
  record Choice(
      String volume, String date, String dir, String file, Map<String, Truth.Node> truth) {}

  /**
   * An incremental date (a chain of several dumps still on the vtapes) and a directory and a file
   * of it whose files all appear under the same path in the chain's indexes. amrecover asks each
   * dump for the paths its index names, so a directory moved after the chain's full dump is not
   * found in the older dumps (README); the fixture's volumes move directories a lot.
   */
  static Choice choose() throws IOException {
    Choice best = null;
    int bestScore = 0;
    List<JsonNode> good = goodDumps();
    for (JsonNode head : good) {
      String vol = head.get("disk").asText();
      if (head.get("level").asInt() == 0) {
        continue;
      }
      List<JsonNode> chain = new ArrayList<>();
      for (JsonNode d : good) {
        if (d.get("disk").asText().equals(vol)
            && d.get("datestamp").asText().compareTo(head.get("datestamp").asText()) <= 0) {
          if (d.get("level").asInt() == 0) {
            chain.clear();
          }
          chain.add(d);
        }
      }
      Set<String> union = new HashSet<>();
      boolean indexed = chain.get(0).get("level").asInt() == 0;
      for (JsonNode d : chain) {
        Set<String> ix = indexLines(vol, d.get("datestamp").asText(), d.get("level").asInt());
        if (ix == null) {
          indexed = false;
          break;
        }
        ix.forEach(
            l -> union.add(l.endsWith("/") && l.length() > 1 ? l.substring(0, l.length() - 1) : l));
      }
      if (!indexed) {
        continue;
      }
      Map<String, Truth.Node> truth =
          Truth.fromJson(fixture.catalogDir().resolve(head.get("truth").asText()));
      String dir = null;
      String file = null;
      int files = 0;
      for (Map.Entry<String, Truth.Node> e : truth.entrySet()) {
        String p = e.getKey();
        if (p.equals(".") || !p.matches("[^\"\\\\\\p{Cntrl}]+")) {
          continue;
        }
        if (e.getValue().type().equals("dir")) {
          List<String> under = truth.keySet().stream().filter(k -> k.startsWith(p + "/")).toList();
          long n = under.stream().filter(k -> !truth.get(k).type().equals("dir")).count();
          if (n > files && under.stream().allMatch(k -> union.contains("/" + k))) {
            dir = p;
            files = (int) n;
          }
        } else if (file == null && union.contains("/" + p)) {
          file = p;
        }
      }
      int score = dir == null || file == null ? 0 : files * 10 + chain.size();
      if (score > bestScore && (dir == null || !file.startsWith(dir + "/"))) {
        bestScore = score;
        best = new Choice(vol, head.get("date").asText().substring(0, 10), dir, file, truth);
      }
    }
    return best;
  }

  @Test
  void amrecoverRestoresAFileAndADirectoryOfAChosenDateThroughAmcodaRestore() throws Exception {
    Choice c = choose();
    assertThat(c).as("a chain with a directory amrecover can find").isNotNull();
    String date = c.date();
    String dir = c.dir();
    String file = c.file();
    Map<String, Truth.Node> truth = c.truth();
    Path out = Files.createDirectories(tmp.resolve("amrecover-out"));
    Path script = tmp.resolve("amrecover.in");
    Files.writeString(
        script,
        "sethost localhost\nsetdisk "
            + c.volume()
            + "\nsetdate "
            + date
            + "\nadd \""
            + file
            + "\"\nadd \""
            + dir
            + "\""
            + "\nlcd "
            + out
            + "\nextract\nY\nY\nY\nY\nY\nY\nY\nY\nquit\n");
    ExternalProgram.Result r =
        ExternalProgram.of(
                List.of(
                    "sh", "-c", "exec amrecover \"$1\" < \"$2\"", "sh", config, script.toString()))
            .directory(tmp)
            .timeout(java.time.Duration.ofMinutes(10))
            .run();
    String said = String.join("\n", r.stdout()) + String.join("\n", r.stderr());
    assertThat(said).as(said).contains("amcoda restore:");
    Map<String, Truth.Node> got = Truth.directory(out);
    Map<String, Truth.Node> want = new java.util.TreeMap<>();
    String d0 = dir;
    String f0 = file;
    truth.forEach(
        (k, v) -> {
          if (k.equals(f0) || k.equals(d0) || k.startsWith(d0 + "/")) {
            want.put(k, v);
          }
        });
    Map<String, Truth.Node> restored = new java.util.TreeMap<>();
    got.forEach(
        (k, v) -> {
          if (k.equals(f0) || k.equals(d0) || k.startsWith(d0 + "/")) {
            restored.put(k, v);
          }
        });
    assertThat(Truth.diff(want, restored))
        .as("amrecover of " + c.volume() + " " + dir + " and " + file + " at " + date)
        .isEmpty();
    // nothing else, but the directories leading to the two
    assertThat(got.keySet())
        .allMatch(
            k ->
                k.equals(".")
                    || want.containsKey(k)
                    || f0.startsWith(k + "/")
                    || d0.startsWith(k + "/"));
    // one amcoda restore per dump of the chain, the full dump and at least one incremental
    assertThat(said.split("amcoda restore: ", -1).length - 1).as(said).isGreaterThanOrEqualTo(2);
  }

  @Test
  void amcheckdumpValidatesTheLastRunThroughAmcodaValidate() throws Exception {
    ExternalProgram.Result r =
        ExternalProgram.of(List.of("runuser", "-u", "backup", "--", "amcheckdump", config))
            .directory(Path.of("/tmp"))
            .timeout(java.time.Duration.ofMinutes(10))
            .run();
    assertThat(r.exitStatus()).as(String.join("\n", r.stdout())).isZero();
    assertThat(r.stdout()).anyMatch(l -> l.contains("successfully validated"));
    Path logs = Path.of("/var/log/amanda/server", config);
    boolean validated = false;
    try (Stream<Path> s = Files.list(logs)) {
      for (Path p : s.filter(f -> f.getFileName().toString().startsWith("amcheckdump")).toList()) {
        validated |= Files.readString(p).contains("amcoda' 'validate'");
      }
    }
    assertThat(validated).as("amcheckdump ran amcoda validate").isTrue();
  }
}
