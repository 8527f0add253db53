package io.codarestore.ui.find;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.ImportSource;
import io.codarestore.catalog.IndexedEntry;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.index.DumpIndexer;
import io.codarestore.index.FileQueries;
import io.codarestore.plan.RestorePoint;
import io.codarestore.restore.PathsOutcome;
import io.codarestore.testing.AmandaFixture;
import io.codarestore.ui.Theme;
import io.codarestore.ui.common.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** "Find a file" on the real Amanda fixture: search, pick a version, restore it; browse a point. */
@ExtendWith(ApplicationExtension.class)
class FindWindowTest {
  static Catalog catalog;
  static ImportSource src;
  @TempDir Path tmp;

  /** The restore service the window's restores go through. */
  private io.codarestore.restore.RestoreService service() {
    return new io.codarestore.restore.RestoreService(
        () -> tmp.resolve("ws"),
        io.codarestore.ui.common.WizardPhrases.INSTANCE,
        java.time.Clock.systemUTC());
  }

  private final Background background = new Background();
  private FindWindow window;

  @BeforeAll
  static void index(@TempDir Path dir) {
    AmandaFixture fixture = AmandaFixture.get();
    src = ImportSource.of(AmandaConfig.read(fixture.configDir()));
    catalog = Catalog.open(dir.resolve("catalog.db"));
    new CatalogImporter(catalog).importFrom(src);
    new DumpIndexer(catalog, new VtapeFetcher(src.vtapeRoot()))
        .run(null, null, null, ProgressListener.NONE, Cancellation.none());
  }

  @AfterAll
  static void closeCatalog() {
    if (catalog != null) {
      catalog.close();
    }
  }

  @Start
  void start(Stage stage) {
    Theme.installBase();
    window = new FindWindow(background, service(), catalog, src.vtapeRoot(), null);
    window.show();
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
    background.close();
  }

  private static void waitFor(java.util.concurrent.Callable<Boolean> c) throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, c);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void searchAsYouTypePickAVersionAndRestoreIt(FxRobot robot) throws Exception {
    robot.clickOn("#find-search").write("*.md");
    Set<String> expected =
        new FileQueries(catalog)
            .find(null, null, "*.md", 500).stream()
                .map(f -> f.volume() + ":" + f.path())
                .collect(Collectors.toCollection(TreeSet::new));
    waitFor(() -> window.results().getItems().size() == expected.size());
    Set<String> shown =
        window.results().getItems().stream()
            .map(f -> f.volume() + ":" + f.path())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(shown).isEqualTo(expected);

    FileQueries.Found changed = null;
    for (FileQueries.Found f : window.results().getItems()) {
      if (new FileQueries(catalog).versions(f.host(), f.volume(), f.path()).size() > 1) {
        changed = f;
        break;
      }
    }
    assertThat(changed).as("a .md file with several versions").isNotNull();
    FileQueries.Found pick = changed;
    robot.interact(() -> window.results().getSelectionModel().select(pick));
    List<FileQueries.Version> versions =
        new FileQueries(catalog).versions(pick.host(), pick.volume(), pick.path());
    waitFor(() -> window.versions().getItems().size() == versions.size());
    assertThat(window.timeline().boxCount()).isEqualTo(versions.size());
    io.codarestore.ui.Screenshots.save(window.stage().getScene(), "9-find");

    robot.interact(() -> window.versions().getSelectionModel().select(0));
    PathsOutcome r =
        WaitForAsyncUtils.asyncFx(() -> window.restoreSelected(tmp))
            .get(10, TimeUnit.SECONDS)
            .get(60, TimeUnit.SECONDS);
    Path file = tmp.resolve(pick.volume() + "-" + versions.get(0).from()).resolve(pick.path());
    assertThat(Files.size(file)).isEqualTo(versions.get(0).entry().size());
    assertThat(Files.getLastModifiedTime(file).toMillis() / 1000)
        .isEqualTo(versions.get(0).entry().mtime());
    assertThat(r.bytesRead()).isPositive().isLessThanOrEqualTo(r.chainBytes());
  }

  @Test
  void aRestorePointsTreeIsShownBeforeAnythingIsFetched(FxRobot robot) throws Exception {
    // Media that do not exist: any fetch would fail, so what is shown comes from the index alone.
    FindWindow offline =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  FindWindow w =
                      new FindWindow(
                          background, service(), catalog, tmp.resolve("no-vtapes"), null);
                  w.show();
                  return w;
                })
            .get(10, TimeUnit.SECONDS);
    RestorePointBrowser b = offline.browser();
    waitFor(() -> !b.volume().getItems().isEmpty());
    CatalogVolume alice =
        b.volume().getItems().stream()
            .filter(v -> v.volume().equals("u.alice"))
            .findFirst()
            .orElseThrow();
    robot.interact(() -> b.volume().setValue(alice));
    waitFor(() -> !b.point().getItems().isEmpty() && b.tree().getRoot() != null);
    RestorePoint first = b.point().getItems().get(0);
    robot.interact(() -> b.point().setValue(first));
    List<IndexedEntry> truth =
        new FileQueries(catalog).files("localhost", "u.alice", first.target(), null).entries();
    waitFor(() -> b.tree().getRoot() != null && count(b.tree().getRoot()) == truth.size());
    TreeItem<IndexedEntry> root = b.tree().getRoot();
    robot.interact(
        () ->
            ((javafx.scene.control.TabPane) offline.stage().getScene().getRoot())
                .getSelectionModel()
                .select(1));
    io.codarestore.ui.Screenshots.save(offline.stage().getScene(), "9b-find-browse");
    assertThat(root.getValue().path()).isEqualTo(".");
    assertThat(root.getChildren())
        .extracting(i -> i.getValue().path())
        .containsExactlyElementsOf(
            truth.stream()
                .map(IndexedEntry::path)
                .filter(p -> !p.equals(".") && !p.contains("/"))
                .toList());
    assertThat(Files.exists(tmp.resolve("no-vtapes"))).isFalse();
  }

  @Test
  void theSearchFieldsClearButtonEmptiesTheSearchAndItsResults(FxRobot robot) throws Exception {
    robot.clickOn("#find-search").write("*.md");
    waitFor(() -> !window.results().getItems().isEmpty());
    assertThat(window.status().getText()).contains("match(es) for *.md");
    javafx.scene.Node clear = robot.lookup("#find-search .clear-button").query();
    waitFor(() -> clear.getOpacity() > 0.99); // it fades in once there is text
    robot.clickOn(clear);
    waitFor(() -> window.results().getItems().isEmpty());
    assertThat(window.search().getText()).isEmpty();
    assertThat(window.status().getText()).isEqualTo(FindWindow.HINT);
    robot.write("notes");
    waitFor(() -> window.status().getText().contains("*notes*"));
    assertThat(window.search().getText())
        .as("the field keeps the focus after a clear, so typing goes on")
        .isEqualTo("notes");
  }

  private static int count(TreeItem<IndexedEntry> i) {
    int n = 1;
    for (TreeItem<IndexedEntry> c : i.getChildren()) {
      n += count(c);
    }
    return n;
  }
}
