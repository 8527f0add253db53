package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.ExtractReport;
import io.codarestore.index.DumpIndexer;
import io.codarestore.plan.PlanTarget;
import io.codarestore.ui.demo.DemoInstaller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes that used to bypass the restore service, now its entry points, on the built-in demo:
 * the rule of when the file index serves a restore of chosen paths, that restore itself (the same
 * files as merging the whole chain, from fewer bytes), and the extraction of paths of a dump file.
 */
class RestoreServiceRoutesTest {
  private static final PlanTarget WHEN = PlanTarget.parse("2024-03-07T06:45:00");

  @TempDir Path tmp;
  private Catalog catalog;
  private RestoreService.Source source;
  private RestoreService service;

  @BeforeEach
  void demo() {
    var d =
        new DemoInstaller()
            .install(tmp.resolve("demo"), ProgressListener.NONE, Cancellation.none());
    catalog = Catalog.open(tmp.resolve("catalog.db"));
    new CatalogImporter(catalog).importFrom(ImportSource.of(AmandaConfig.read(d.configDir())));
    source = new RestoreService.Source(catalog, catalog.file(), MediaChoice.FROM_CATALOG);
    service = new RestoreService(() -> tmp.resolve("ws"), Phrases.NEUTRAL, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  private void indexTheDumps() {
    new DumpIndexer(
            catalog,
            MediaChoice.FROM_CATALOG.fetcher(catalog, catalog.file(), true, Phrases.NEUTRAL))
        .run(null, null, null, ProgressListener.NONE, Cancellation.none());
  }

  private static RestoreRequest request(RestoreTarget t) {
    return new RestoreRequest("localhost", "coda.root", WHEN, t, null, false);
  }

  /** The whole chain merged into a directory: the truth the other routes are compared with. */
  private Path chainRestore() {
    Path truth = tmp.resolve("truth");
    service.run(
        source,
        request(new RestoreTarget.Directory(truth, List.of(), false)),
        ProgressListener.NONE,
        Cancellation.none());
    return truth;
  }

  /**
   * Relative path of every file and symbolic link under {@code root} -> its bytes as text, or "->"
   * and the link's target.
   */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String name = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(name, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p)) {
          out.put(name, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return out;
  }

  /** The distinct regular files under {@code root} (hard links once). */
  private static long distinctFiles(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .map(RestoreServiceRoutesTest::fileKey)
          .distinct()
          .count();
    }
  }

  private static Object fileKey(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long symlinks(Map<String, String> files) {
    return files.values().stream().filter(v -> v.startsWith("-> ")).count();
  }

  @Test
  void theIndexServesChosenPathsIntoANewDirectoryOnlyOnceItKnowsThePointFromTheDumps() {
    RestoreTarget paths = new RestoreTarget.Directory(tmp.resolve("out"), List.of("build"), false);
    assertThat(service.indexRoute(source, request(paths)))
        .as("before 'catalog index': the chain is merged")
        .isEmpty();
    indexTheDumps();
    Optional<PathsRequest> route = service.indexRoute(source, request(paths));
    assertThat(route)
        .contains(
            new PathsRequest("localhost", "coda.root", WHEN, List.of("build"), tmp.resolve("out")));
    assertThat(
            service.indexRoute(
                source,
                request(new RestoreTarget.Directory(tmp.resolve("out"), List.of("build"), true))))
        .as("replacing a directory is the chain route's")
        .isEmpty();
    assertThat(
            service.indexRoute(
                source, request(new RestoreTarget.Directory(tmp.resolve("o"), List.of(), false))))
        .as("the whole tree")
        .isEmpty();
    assertThat(
            service.indexRoute(
                source,
                request(new RestoreTarget.TarFile(tmp.resolve("t"), List.of("build"), false))))
        .isEmpty();
    RestoreRequest before =
        new RestoreRequest(
            "localhost", "coda.root", PlanTarget.parse("2000-01-01"), paths, null, false);
    assertThat(service.indexRoute(source, before)).as("nothing to restore then").isEmpty();
  }

  @Test
  void chosenPathsThroughTheIndexAreTheChainsFilesReadFromLessThanTheChain() throws Exception {
    Path truthDir = chainRestore().resolve("build");
    Map<String, String> truth = files(truthDir);
    assertThat(truth).isNotEmpty();
    indexTheDumps();
    Path out = tmp.resolve("paths");
    PathsRequest req =
        service
            .indexRoute(source, request(new RestoreTarget.Directory(out, List.of("build"), false)))
            .orElseThrow();
    PathsOutcome r = service.restorePaths(source, req, ProgressListener.NONE, Cancellation.none());
    assertThat(files(out.resolve("build"))).isEqualTo(truth);
    assertThat(r.dir()).isEqualTo(out);
    assertThat(r.files())
        .as("one per file (hard links once) and symbolic link")
        .isEqualTo(distinctFiles(truthDir) + symlinks(truth));
    assertThat(r.directories()).isPositive();
    assertThat(r.dumpsRead()).isNotEmpty();
    assertThat(r.restorePoint()).startsWith("20240307");
    assertThat(r.bytesRead()).isPositive().isLessThanOrEqualTo(r.chainBytes());
    assertThat(r.percentOfChainRead())
        .isEqualTo(Math.round(100.0 * r.bytesRead() / r.chainBytes()));
    // the run folder in the workspace, as for a whole-chain run: its log says what was read
    assertThat(r.runDirectory().getParent()).isEqualTo(tmp.resolve("ws").resolve("runs"));
    String log = Files.readString(r.runDirectory().resolve("run.log"));
    assertThat(log)
        .contains("restore localhost:coda.root as of ")
        .contains(": build into " + out + ", through the file index (restore point ")
        .contains("reads: level ")
        .contains("restored " + r.files() + " files and " + r.directories() + " directories")
        .contains("read " + r.bytesRead() + " bytes off the media, against " + r.chainBytes())
        .contains("restore finished");
  }

  /**
   * The index route's dry run names, from the index alone, exactly the dumps the run then reads,
   * and the chosen files; nothing is written by it. Without the index there is none (the whole
   * chain's preview stands), nor for a target the index does not serve.
   */
  @Test
  void theIndexRoutesDryRunNamesTheDumpsTheRunReads() throws Exception {
    Path out = tmp.resolve("paths");
    RestoreRequest req = request(new RestoreTarget.Directory(out, List.of("build", "x"), false));
    assertThat(service.previewPaths(source, req)).as("not indexed yet").isEmpty();
    indexTheDumps();
    PathsPreview p = service.previewPaths(source, req).orElseThrow();
    assertThat(Files.exists(out)).as("a dry run writes nothing").isFalse();
    assertThat(p.toRead()).isNotEmpty();
    assertThat(p.bytesToRead()).isLessThanOrEqualTo(p.chainBytes());
    assertThat(p.bytesToRead())
        .isEqualTo(p.toRead().stream().mapToLong(l -> l.dump().bytes()).sum());
    Routed done = service.restore(source, req, ProgressListener.NONE, Cancellation.none());
    PathsOutcome o = ((Routed.ByIndex) done).outcome();
    assertThat(p.toRead().stream().map(l -> l.datestamp().digits()).toList())
        .isEqualTo(o.dumpsRead());
    assertThat(p.restorePoint().digits()).isEqualTo(o.restorePoint());
    assertThat(p.files()).isEqualTo(o.files());
    assertThat(p.directories()).isEqualTo(o.directories());
    assertThat(p.chainBytes()).isEqualTo(o.chainBytes());
    assertThat(o.bytesRead()).isLessThanOrEqualTo(p.bytesToRead());
    RestoreRequest whole =
        request(new RestoreTarget.Directory(tmp.resolve("whole"), List.of(), false));
    assertThat(service.previewPaths(source, whole)).as("the whole tree: the chain").isEmpty();
  }

  @Test
  void restoreRunsTheRouteItsOneRulePicks() throws Exception {
    RestoreTarget before = new RestoreTarget.Directory(tmp.resolve("before"), List.of("x"), false);
    Routed chain =
        service.restore(source, request(before), ProgressListener.NONE, Cancellation.none());
    assertThat(chain).as("not indexed: the whole chain").isInstanceOf(Routed.WholeChain.class);
    RestoreJob.Outcome o = ((Routed.WholeChain) chain).outcome();
    assertThat(o.restored()).isInstanceOf(Restored.Directory.class);
    assertThat(o.fetched()).hasSize(2);

    indexTheDumps();
    RestoreTarget after = new RestoreTarget.Directory(tmp.resolve("after"), List.of("x"), false);
    assertThat(service.indexRoute(source, request(after))).isPresent();
    Routed byIndex =
        service.restore(source, request(after), ProgressListener.NONE, Cancellation.none());
    assertThat(byIndex).as("indexed: the file index").isInstanceOf(Routed.ByIndex.class);
    PathsOutcome p = ((Routed.ByIndex) byIndex).outcome();
    assertThat(p.dir()).isEqualTo(tmp.resolve("after"));
    assertThat(p.files()).isEqualTo(1);
    assertThat(Files.readAllBytes(tmp.resolve("after").resolve("x")))
        .as("the same bytes as the chain's")
        .isEqualTo(Files.readAllBytes(tmp.resolve("before").resolve("x")));

    RestoreTarget whole = new RestoreTarget.Directory(tmp.resolve("whole"), List.of(), false);
    assertThat(service.restore(source, request(whole), ProgressListener.NONE, Cancellation.none()))
        .as("indexed, but the whole tree: the chain")
        .isInstanceOf(Routed.WholeChain.class);
  }

  @Test
  void chosenPathsAreRefusedWithTheReasonWhenTheIndexDoesNotKnowThePoint() {
    Path out = tmp.resolve("paths");
    PathsRequest req = new PathsRequest("localhost", "coda.root", WHEN, List.of("build"), out);
    assertThatThrownBy(
            () -> service.restorePaths(source, req, ProgressListener.NONE, Cancellation.none()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("catalog index");
    assertThat(out).doesNotExist();
    assertThat(tmp.resolve("ws/runs")).as("a refusal makes no run folder").doesNotExist();
  }

  @Test
  void pathsOfADumpFileAreExtractedAsTheChainRestoresThem() throws Exception {
    Path truthDir = chainRestore().resolve("build");
    Map<String, String> truth = files(truthDir);
    Path merged = tmp.resolve("merged.dump");
    service.run(
        source,
        request(new RestoreTarget.DumpFile(merged, false)),
        ProgressListener.NONE,
        Cancellation.none());
    Path out = tmp.resolve("extracted");
    ExtractReport r =
        service.extractPaths(
            merged, List.of("build"), out, ProgressListener.NONE, Cancellation.none());
    assertThat(files(out.resolve("build"))).isEqualTo(truth);
    assertThat(r.files()).isEqualTo(distinctFiles(truthDir));
    assertThat(r.symlinks()).isEqualTo(symlinks(truth));
    assertThat(out.resolve("etc")).as("only the chosen path").doesNotExist();
  }
}
