package io.codarestore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.core.Cancellation;
import io.codarestore.core.Datestamp;
import io.codarestore.core.ExternalProgram;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.testing.AmandaFixture;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code restore --path} of one version through the file index, against the truth of its day. */
class PathRestoreTest {
  static AmandaFixture fixture;
  static Catalog catalog;
  static VtapeFetcher fetcher;

  @BeforeAll
  static void index(@TempDir Path dir) {
    fixture = AmandaFixture.get();
    ImportSource src = ImportSource.of(AmandaConfig.read(fixture.configDir()));
    catalog = Catalog.open(dir.resolve("catalog.db"));
    new CatalogImporter(catalog).importFrom(src);
    fetcher = new VtapeFetcher(src.vtapeRoot());
    new DumpIndexer(catalog, fetcher)
        .run(null, null, null, ProgressListener.NONE, Cancellation.none());
  }

  @AfterAll
  static void close() {
    if (catalog != null) {
      catalog.close();
    }
  }

  /** path -> sha256 (files) of the generator's truth as of a datestamp. */
  static Map<String, String> sha(String volume, String datestamp) throws Exception {
    String iso = Datestamp.parse(datestamp).target() + "Z";
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
    for (JsonNode e : new ObjectMapper().readTree(json.toString()).get("entries")) {
      if (e.has("sha256")) {
        out.put(e.get("path").asText(), e.get("sha256").asText());
      }
    }
    return out;
  }

  static String sha(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void everyVersionOfAChangedFileComesBackAsItWasReadingLessThanTheChain(@TempDir Path out)
      throws Exception {
    FileQueries q = new FileQueries(catalog);
    int restored = 0;
    for (String volume : List.of("coda.root", "u.alice", "proj.src")) {
      String newest = q.files("localhost", volume, "2024-03-10", null).restorePoint().digits();
      for (var e : q.files("localhost", volume, "2024-03-10", null).entries()) {
        List<FileQueries.Version> vs = q.versions("localhost", volume, e.path());
        if (!e.typeName().equals("file") || vs.size() < 2) {
          continue;
        }
        for (FileQueries.Version v : vs) {
          Path dir = out.resolve(volume + "-" + restored++);
          PathRestore.Result r =
              new PathRestore(catalog, fetcher)
                  .restore(
                      "localhost",
                      volume,
                      v.restorePoint(),
                      List.of(e.path()),
                      dir,
                      ProgressListener.NONE,
                      Cancellation.none());
          Path file = dir.resolve(e.path());
          assertThat(sha(file))
              .as(volume + " " + e.path() + " " + v.from())
              .isEqualTo(sha(volume, v.from().digits()).get(e.path()));
          assertThat(Files.getLastModifiedTime(file).toMillis() / 1000)
              .isEqualTo(v.entry().mtime());
          assertThat(Files.size(file)).isEqualTo(v.entry().size());
          assertThat(r.bytesRead()).isPositive().isLessThanOrEqualTo(r.chainBytes());
          if (!v.restorePoint().equals(Datestamp.parse(fullOf(volume, v)).target())) {
            assertThat(r.bytesRead()).isLessThan(r.chainBytes());
          }
          assertThat(r.dumpsRead()).hasSize(1);
        }
        assertThat(newest).isNotNull();
        break; // one changed file per volume
      }
    }
    assertThat(restored).isGreaterThanOrEqualTo(4);
  }

  /** The datestamp of the chain's full dump for a version's restore point. */
  static String fullOf(String volume, FileQueries.Version v) {
    return new io.codarestore.plan.ChainPlanner()
        .plan(catalog, "localhost", volume, io.codarestore.plan.PlanTarget.parse(v.restorePoint()))
        .chain()
        .get(0)
        .datestamp()
        .digits();
  }

  @Test
  void aSubtreeEqualsTheTruthAndBadRequestsLeaveNothing(@TempDir Path out) throws Exception {
    FileQueries q = new FileQueries(catalog);
    FileQueries.Files f = q.files("localhost", "u.alice", "2024-03-10", null);
    String sub =
        f.entries().stream()
            .filter(e -> e.isDirectory() && !e.path().equals("."))
            .findFirst()
            .orElseThrow()
            .path();
    Path dir = out.resolve("sub");
    new PathRestore(catalog, fetcher)
        .restore(
            "localhost",
            "u.alice",
            "2024-03-10",
            List.of(sub),
            dir,
            ProgressListener.NONE,
            Cancellation.none());
    Map<String, String> truth = sha("u.alice", f.restorePoint().digits());
    int files = 0;
    for (var e : f.entries()) {
      if (e.path().startsWith(sub + "/") && e.typeName().equals("file")) {
        assertThat(sha(dir.resolve(e.path()))).as(e.path()).isEqualTo(truth.get(e.path()));
        files++;
      } else if (e.path().startsWith(sub + "/") && e.typeName().equals("symlink")) {
        assertThat(Files.isSymbolicLink(dir.resolve(e.path()))).isTrue();
      }
    }
    assertThat(files).isPositive();

    assertThatThrownBy(
            () ->
                new PathRestore(catalog, fetcher)
                    .restore(
                        "localhost",
                        "u.alice",
                        "2024-03-10",
                        List.of("no/such/file"),
                        out.resolve("x"),
                        ProgressListener.NONE,
                        Cancellation.none()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("no/such/file");
    assertThat(out.resolve("x")).doesNotExist();
    Files.writeString(out.resolve("taken"), "mine");
    assertThatThrownBy(
            () ->
                new PathRestore(catalog, fetcher)
                    .restore(
                        "localhost",
                        "u.alice",
                        "2024-03-10",
                        List.of(sub),
                        out.resolve("taken"),
                        ProgressListener.NONE,
                        Cancellation.none()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("exists");
    assertThat(Files.readString(out.resolve("taken"))).isEqualTo("mine");
    try (var s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
    }
    assertThat(Files.exists(dir, LinkOption.NOFOLLOW_LINKS)).isTrue();
  }
}
