package io.codarestore.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.ImportSource;
import io.codarestore.catalog.IndexSnapshot;
import io.codarestore.catalog.IndexedEntry;
import io.codarestore.core.Cancellation;
import io.codarestore.core.Datestamp;
import io.codarestore.core.ExternalProgram;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.RestorePoint;
import io.codarestore.testing.AmandaFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file index of the real Amanda fixture against the generator's truth of every restore point:
 * trees, versions, name search, and a second run that finds nothing new.
 */
class FileIndexFixtureTest {
  static AmandaFixture fixture;
  static Catalog catalog;
  static DumpIndexer.Summary first;

  /** volume -> datestamp of each restorable point -> path -> content. */
  static final Map<String, Map<String, Map<String, String>>> truth = new TreeMap<>();

  @BeforeAll
  static void index(@TempDir Path dir) {
    fixture = AmandaFixture.get();
    ImportSource src = ImportSource.of(AmandaConfig.read(fixture.configDir()));
    catalog = Catalog.open(dir.resolve("catalog.db"));
    new CatalogImporter(catalog).importFrom(src);
    first =
        new DumpIndexer(catalog, new VtapeFetcher(src.vtapeRoot()))
            .run(null, null, null, ProgressListener.NONE, Cancellation.none());
    for (CatalogVolume v : catalog.volumes(null)) {
      Map<String, Map<String, String>> days = new LinkedHashMap<>();
      for (RestorePoint p : new ChainPlanner().restorablePoints(catalog, v.host(), v.volume())) {
        days.put(p.datestamp().digits(), truthOf(v.volume(), p.datestamp().digits()));
      }
      truth.put(v.volume(), days);
    }
  }

  @AfterAll
  static void close() {
    if (catalog != null) {
      catalog.close();
    }
  }

  /** path -> "type size mtime mode fid" from coda-dumpgen's manifest as of the dump. */
  static Map<String, String> truthOf(String volume, String datestamp) {
    return truthOf(fixture, volume, datestamp);
  }

  static Map<String, String> truthOf(AmandaFixture fixture, String volume, String datestamp) {
    String iso =
        datestamp.substring(0, 4)
            + "-"
            + datestamp.substring(4, 6)
            + "-"
            + datestamp.substring(6, 8)
            + "T"
            + datestamp.substring(8, 10)
            + ":"
            + datestamp.substring(10, 12)
            + ":"
            + datestamp.substring(12, 14)
            + "Z";
    StringBuilder json = new StringBuilder();
    ExternalProgram.of(
            List.of(
                AmandaFixture.sharedDir().resolve("tools/coda-dumpgen").toString(),
                "manifest",
                "--state",
                fixture.outdir().resolve("coda/genstate/" + volume).toString(),
                "--as-of",
                iso))
        .onLine(l -> json.append(l).append('\n'))
        .runChecked();
    Map<String, String> out = new TreeMap<>();
    try {
      for (JsonNode e : new ObjectMapper().readTree(json.toString()).get("entries")) {
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
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  static String content(IndexedEntry e) {
    return e.typeName()
        + " "
        + e.size()
        + " "
        + e.mtime()
        + " "
        + e.mode()
        + " "
        + e.vnode()
        + "."
        + e.uniquifier();
  }

  @Test
  void everyRestorablePointIsIndexedAndItsTreeIsTheTruth() {
    assertThat(first.problems()).isEmpty();
    FileQueries q = new FileQueries(catalog);
    int points = 0;
    for (var vol : truth.entrySet()) {
      for (var day : vol.getValue().entrySet()) {
        FileQueries.Files f =
            q.files("localhost", vol.getKey(), Datestamp.parse(day.getKey()).target(), null);
        assertThat(f.restorePoint().digits()).isEqualTo(day.getKey());
        assertThat(f.source()).isEqualTo(IndexSnapshot.DUMPS);
        Map<String, String> got = new TreeMap<>();
        f.entries().forEach(e -> got.put(e.path(), content(e)));
        assertThat(got).as(vol.getKey() + " " + day.getKey()).isEqualTo(day.getValue());
        points++;
      }
    }
    assertThat(points).isEqualTo(first.indexed()).isGreaterThan(5);
  }

  @Test
  void versionsOfEveryPathFollowTheTruthOfEveryDay() {
    FileQueries q = new FileQueries(catalog);
    int changed = 0;
    int hardLinked = 0;
    for (var vol : truth.entrySet()) {
      List<String> days = new ArrayList<>(vol.getValue().keySet());
      TreeSet<String> paths = new TreeSet<>();
      vol.getValue().values().forEach(t -> paths.addAll(t.keySet()));
      for (String path : paths) {
        List<String> expected = new ArrayList<>();
        String last = null;
        String from = null;
        for (String day : days) {
          String now = vol.getValue().get(day).get(path);
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
        List<String> got = new ArrayList<>();
        for (FileQueries.Version v : q.versions("localhost", vol.getKey(), path)) {
          got.add(v.from() + ".." + v.until());
          assertThat(v.restorable()).isTrue();
          assertThat(v.restorePoint()).isEqualTo(v.from().target());
        }
        assertThat(got).as(vol.getKey() + " " + path).isEqualTo(expected);
        changed += expected.size() > 1 ? 1 : 0;
      }
      for (Map<String, String> day : vol.getValue().values()) {
        Map<String, Integer> perFid = new HashMap<>();
        day.values().stream()
            .filter(c -> c.startsWith("file"))
            .forEach(c -> perFid.merge(c, 1, Integer::sum));
        hardLinked += (int) perFid.values().stream().filter(n -> n > 1).count();
      }
    }
    // The fixture's volumes change, rename and hard-link files (a deletion and re-creation between
    // two restore points does not occur in it; FileIndexStoreTest covers that case).
    assertThat(changed).isGreaterThan(0);
    assertThat(renamed()).isGreaterThan(0);
    assertThat(hardLinked).isGreaterThan(0);
  }

  /** Vnodes that had a name on one day that they no longer had on the next. */
  private static int renamed() {
    int n = 0;
    for (Map<String, Map<String, String>> days : truth.values()) {
      Map<String, String> prev = null;
      for (Map<String, String> day : days.values()) {
        if (prev != null) {
          Map<String, TreeSet<String>> before = pathsByFid(prev);
          Map<String, TreeSet<String>> after = pathsByFid(day);
          for (var e : after.entrySet()) {
            TreeSet<String> was = before.get(e.getKey());
            n += was != null && !was.equals(e.getValue()) ? 1 : 0;
          }
        }
        prev = day;
      }
    }
    return n;
  }

  private static Map<String, TreeSet<String>> pathsByFid(Map<String, String> day) {
    Map<String, TreeSet<String>> out = new HashMap<>();
    day.forEach(
        (p, c) ->
            out.computeIfAbsent(c.substring(c.lastIndexOf(' ') + 1), k -> new TreeSet<>()).add(p));
    return out;
  }

  @Test
  void findMatchesGlobsAndOddNamesInEveryVolume() {
    FileQueries q = new FileQueries(catalog);
    TreeSet<String> names = new TreeSet<>();
    truth
        .values()
        .forEach(
            d ->
                d.values()
                    .forEach(
                        t ->
                            t.keySet()
                                .forEach(p -> names.add(p.substring(p.lastIndexOf('/') + 1)))));
    String spaced = names.stream().filter(n -> n.contains(" ")).findFirst().orElseThrow();
    String utf8 =
        names.stream().filter(n -> n.chars().anyMatch(ch -> ch > 127)).findFirst().orElseThrow();
    for (String pattern :
        List.of(
            "*.md",
            "*[0-9]",
            "?????",
            spaced,
            utf8,
            "*" + utf8.substring(utf8.offsetByCodePoints(0, 1)))) {
      Pattern re = globToRegex(pattern);
      TreeSet<String> expected = new TreeSet<>();
      truth.forEach(
          (vol, days) ->
              days.values()
                  .forEach(
                      t ->
                          t.keySet()
                              .forEach(
                                  p -> {
                                    if (!p.equals(".")
                                        && re.matcher(p.substring(p.lastIndexOf('/') + 1))
                                            .matches()) {
                                      expected.add(vol + ":" + p);
                                    }
                                  })));
      TreeSet<String> got = new TreeSet<>();
      q.find(null, null, pattern, 100_000).forEach(f -> got.add(f.volume() + ":" + f.path()));
      assertThat(got).as(pattern).isEqualTo(expected).isNotEmpty();
    }
  }

  static Pattern globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    boolean inClass = false;
    for (int ch : glob.codePoints().toArray()) {
      if (inClass) {
        re.appendCodePoint(ch);
        inClass = ch != ']';
      } else if (ch == '*') {
        re.append(".*");
      } else if (ch == '?') {
        re.append('.');
      } else if (ch == '[') {
        re.append('[');
        inClass = true;
      } else {
        re.append(Pattern.quote(new String(Character.toChars(ch))));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  @Test
  void aSecondRunWithNothingNewChangesNothing() throws Exception {
    long before = rows();
    DumpIndexer.Summary again =
        new DumpIndexer(
                catalog,
                new VtapeFetcher(
                    ImportSource.of(AmandaConfig.read(fixture.configDir())).vtapeRoot()))
            .run(null, null, null, ProgressListener.NONE, Cancellation.none());
    assertThat(again.indexed()).isZero();
    assertThat(again.bytesRead()).isZero();
    assertThat(again.alreadyIndexed()).isEqualTo(first.indexed());
    assertThat(rows()).isEqualTo(before);
  }

  private static long rows() throws Exception {
    long n = 0;
    for (CatalogVolume v : catalog.volumes(null)) {
      for (IndexSnapshot s : catalog.fileIndex().snapshots(v.id(), IndexSnapshot.DUMPS)) {
        n = n * 31 + s.id() + s.entryCount();
        n = n * 31 + catalog.fileIndexReads().treeAt(v.id(), s.id(), null).hashCode();
      }
    }
    return n;
  }
}
