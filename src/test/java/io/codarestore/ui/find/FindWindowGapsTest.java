package io.codarestore.ui.find;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.ImportSource;
import io.codarestore.catalog.IndexSnapshot;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.index.DumpIndexer;
import io.codarestore.index.FileQueries;
import io.codarestore.testing.AmandaFixture;
import io.codarestore.ui.CutText;
import io.codarestore.ui.Theme;
import io.codarestore.ui.common.Background;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.Button;
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

/**
 * "Find a file" on the real Amanda fixture: nothing cut at the window's default size (dates in the
 * tables, the versions timeline), the timeline drawn with the chain page's boxes and arrows, and
 * "Index the dumps" cancelled in the middle of a dump: it stops within a second and the next run
 * continues where it stopped, ending with the same index as one uninterrupted run.
 */
@ExtendWith(ApplicationExtension.class)
class FindWindowGapsTest {
  static Catalog indexed;
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
    src = ImportSource.of(AmandaConfig.read(AmandaFixture.get().configDir()));
    indexed = Catalog.open(dir.resolve("catalog.db"));
    new CatalogImporter(indexed).importFrom(src);
    new DumpIndexer(indexed, new VtapeFetcher(src.vtapeRoot()))
        .run(null, null, null, ProgressListener.NONE, Cancellation.none());
  }

  @AfterAll
  static void closeCatalog() {
    if (indexed != null) {
      indexed.close();
    }
  }

  @Start
  void start(Stage stage) {
    Theme.installBase();
    window = new FindWindow(background, service(), indexed, src.vtapeRoot(), null);
    window.show();
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
    background.close();
  }

  private static void waitFor(java.util.concurrent.Callable<Boolean> c) throws Exception {
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, c);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void atTheDefaultSizeNoDateIsCutAndTheTimelineIsDrawnLikeTheChain(FxRobot robot)
      throws Exception {
    robot.clickOn("#find-search").write("*.md");
    waitFor(() -> !window.results().getItems().isEmpty());
    FileQueries.Found pick = null;
    int most = 0;
    for (FileQueries.Found f : window.results().getItems()) {
      int n = new FileQueries(indexed).versions(f.host(), f.volume(), f.path()).size();
      if (n > most) {
        most = n;
        pick = f;
      }
    }
    assertThat(most).as("a .md file with several versions").isGreaterThan(1);
    FileQueries.Found chosen = pick;
    int versions = most;
    robot.interact(() -> window.results().getSelectionModel().select(chosen));
    waitFor(() -> window.versions().getItems().size() == versions);
    robot.interact(() -> window.versions().getSelectionModel().select(versions - 1));

    assertThat(CutText.in(window.stage().getScene().getRoot())).isEmpty();

    List<javafx.scene.layout.VBox> boxes = window.timeline().boxes();
    assertThat(boxes).hasSize(versions).allMatch(b -> b.getStyleClass().contains("dump-box"));
    assertThat(boxes.get(versions - 1).getStyleClass()).contains("in-chain");
    assertThat(boxes.subList(0, versions - 1))
        .noneMatch(b -> b.getStyleClass().contains("in-chain"));
    assertThat(window.timeline().lookupAll(".chain-link")).hasSize(versions - 1);
    assertThat(window.timeline().lookupAll(".chain-arrow")).hasSize(versions - 1);
    // boxes left to right, oldest first, none overlapping
    for (int i = 1; i < versions; i++) {
      assertThat(boxes.get(i).getBoundsInParent().getMinX())
          .isGreaterThan(boxes.get(i - 1).getBoundsInParent().getMaxX());
    }
    robot.interact(() -> window.versions().getSelectionModel().select(0));
    assertThat(boxes.get(0).getStyleClass()).contains("in-chain");
    assertThat(boxes.get(versions - 1).getStyleClass()).doesNotContain("in-chain");
  }

  @Test
  void cancellingTheIndexStopsWithinASecondAndTheNextRunContinues(FxRobot robot) throws Exception {
    try (Catalog fresh = Catalog.open(tmp.resolve("fresh.db"))) {
      new CatalogImporter(fresh).importFrom(src);
      CountDownLatch reached = new CountDownLatch(1);
      CountDownLatch go = new CountDownLatch(1);
      AtomicInteger started = new AtomicInteger();
      FindWindow w =
          WaitForAsyncUtils.asyncFx(
                  () -> {
                    FindWindow f =
                        new FindWindow(background, service(), fresh, src.vtapeRoot(), null);
                    f.show();
                    return f;
                  })
              .get(10, TimeUnit.SECONDS);
      w.observeIndexing(
          new ProgressListener() {
            @Override
            public void stageStarted(String stage, long total) {
              if (started.incrementAndGet() == 4) {
                // the fourth dump is being read when the user clicks Cancel
                reached.countDown();
                await(go);
              }
            }
          });
      Task<DumpIndexer.Summary> run =
          WaitForAsyncUtils.asyncFx(w::indexDumps).get(10, TimeUnit.SECONDS);
      assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
      Node root = w.stage().getScene().getRoot();
      Node cancel = robot.from(root).lookup("#find-index-cancel").query();
      assertThat(cancel.isVisible()).isTrue();
      robot.clickOn(cancel);
      long t0 = System.nanoTime();
      go.countDown();
      while (!run.isDone() && System.nanoTime() - t0 < 10_000_000_000L) {
        Thread.sleep(5);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("indexing stopped " + ms + " ms after Cancel");
      assertThat(ms).isLessThan(1000);
      WaitForAsyncUtils.waitForFxEvents();
      assertThat(fx(run::getException)).isInstanceOf(Cancellation.CancelledException.class);
      assertThat(
              ((org.controlsfx.control.StatusBar) robot.from(root).lookup("#find-status").query())
                  .getText())
          .contains("cancelled");
      assertThat(cancel.isVisible()).isFalse();
      assertThat(robot.from(root).lookup("#find-index").queryAs(Button.class).isDisabled())
          .isFalse();
      assertThat(snapshots(fresh)).isEqualTo(3);

      w.observeIndexing(ProgressListener.NONE);
      Task<DumpIndexer.Summary> again =
          WaitForAsyncUtils.asyncFx(w::indexDumps).get(10, TimeUnit.SECONDS);
      waitFor(again::isDone);
      assertThat(fx(again::getException)).isNull();
      DumpIndexer.Summary rest = fx(again::getValue);
      assertThat(rest.alreadyIndexed()).isEqualTo(3);
      assertThat(rest.problems()).isEmpty();
      assertSameIndex(fresh);
    }
  }

  private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
  }

  private static void await(CountDownLatch l) {
    try {
      l.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static int snapshots(Catalog c) {
    int n = 0;
    for (CatalogVolume v : c.volumes(null)) {
      n += c.fileIndex().snapshots(v.id(), IndexSnapshot.DUMPS).size();
    }
    return n;
  }

  /** Every volume's trees in {@code c} equal those of the uninterrupted index. */
  static void assertSameIndex(Catalog c) {
    for (CatalogVolume v : indexed.volumes(null)) {
      CatalogVolume w = c.volume(v.host(), v.volume()).orElseThrow();
      var a = indexed.fileIndex().snapshots(v.id(), IndexSnapshot.DUMPS);
      var b = c.fileIndex().snapshots(w.id(), IndexSnapshot.DUMPS);
      assertThat(b).hasSameSizeAs(a).isNotEmpty();
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i).datestamp()).isEqualTo(a.get(i).datestamp());
        assertThat(c.fileIndexReads().treeAt(w.id(), b.get(i).id(), null))
            .isEqualTo(indexed.fileIndexReads().treeAt(v.id(), a.get(i).id(), null));
      }
    }
  }
}
