package io.codarestore.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.dump.DumpHeader;
import io.codarestore.dump.ListingEntry;
import io.codarestore.dump.RealFixtures;
import io.codarestore.ui.Screenshots;
import io.codarestore.ui.Theme;
import io.codarestore.ui.common.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The dump browser on a dump written by a real Coda 8 server. */
@ExtendWith(ApplicationExtension.class)
class DumpBrowserTest {
  @TempDir Path tmp;

  /** The restore service the window's restores go through. */
  private io.codarestore.restore.RestoreService service() {
    return new io.codarestore.restore.RestoreService(
        () -> tmp.resolve("ws"),
        io.codarestore.ui.common.WizardPhrases.INSTANCE,
        java.time.Clock.systemUTC());
  }

  private final Background background = new Background();
  private DumpBrowser browser;

  @Start
  void start(Stage stage) {
    Theme.installBase();
    browser = new DumpBrowser(background, service(), null);
    browser.show();
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
    background.close();
  }

  private static TreeItem<ListingEntry> child(TreeItem<ListingEntry> parent, String name) {
    return parent.getChildren().stream()
        .filter(i -> name.equals(i.getValue().name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " under " + parent.getValue().path()));
  }

  @Test
  void showsTheTreeWithAclsAndExtractsTheSelectedFolder(FxRobot robot) throws Exception {
    Path dump = RealFixtures.dump("dumpfix-B0-full.dump");
    assumeTrue(Files.isRegularFile(dump), "the real Coda fixtures are not here");

    WaitForAsyncUtils.asyncFx(() -> browser.open(dump))
        .get(10, TimeUnit.SECONDS)
        .get(30, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    TreeItem<ListingEntry> root = browser.tree().getRoot();
    assertThat(root.getValue().path()).isEqualTo(".");
    TreeItem<ListingEntry> docs = child(root, "docs");
    TreeItem<ListingEntry> file = child(child(child(docs, "sub"), "deep"), "file.txt");
    assertThat(file.getValue().size()).isEqualTo(300);
    assertThat(browser.tree().getColumns().get(5).getCellData(root))
        .as("the root's ACL")
        .asString()
        .contains("System:Administrators");
    robot.interact(
        () -> {
          docs.setExpanded(true);
          browser.tree().getSelectionModel().select(docs);
        });
    Screenshots.save(browser.stage().getScene(), "8-dump-browser");

    WaitForAsyncUtils.asyncFx(() -> browser.extract(List.of("docs"), tmp))
        .get(10, TimeUnit.SECONDS)
        .get(30, TimeUnit.SECONDS);
    Path out;
    try (var s = Files.list(tmp)) {
      List<Path> made = s.toList();
      assertThat(made).as("one folder named after the volume, no staging folders left").hasSize(1);
      out = made.get(0);
    }
    assertThat(DumpHeader.read(dump).name()).as("the dump's own name").endsWith(".backup");
    assertThat(out.getFileName().toString())
        .as("named after the volume, not its backup clone")
        .isEqualTo(DumpBrowser.volumeShown(DumpHeader.read(dump).name()))
        .doesNotEndWith(".backup");
    assertThat(browser.stage().isShowing()).isTrue();
    robot.type(javafx.scene.input.KeyCode.ESCAPE);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(browser.stage().isShowing()).as("Escape closes the browser").isFalse();
    assertThat(out.resolve("docs/a.txt")).hasSize(1000);
    assertThat(out.resolve("docs/sub/deep/file.txt")).hasSize(300);
    assertThat(out.resolve("README.txt")).as("only the selection").doesNotExist();
  }

  @Test
  void theCrumbsShowTheSelectedPathAndAClickOnOneSelectsThatFolder(FxRobot robot) throws Exception {
    Path dump = RealFixtures.dump("dumpfix-B0-full.dump");
    assumeTrue(Files.isRegularFile(dump), "the real Coda fixtures are not here");
    WaitForAsyncUtils.asyncFx(() -> browser.open(dump))
        .get(10, TimeUnit.SECONDS)
        .get(30, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    TreeItem<ListingEntry> root = browser.tree().getRoot();
    TreeItem<ListingEntry> sub = child(child(root, "docs"), "sub");
    TreeItem<ListingEntry> file = child(child(sub, "deep"), "file.txt");
    robot.interact(
        () -> {
          for (TreeItem<ListingEntry> up = file.getParent(); up != null; up = up.getParent()) {
            up.setExpanded(true);
          }
          browser.tree().getSelectionModel().select(file);
        });
    assertThat(crumbTexts(robot)).containsExactly("/", "docs", "sub", "deep", "file.txt");

    robot.clickOn(crumb(robot, "sub"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(browser.tree().getSelectionModel().getSelectedItem()).isSameAs(sub);
    assertThat(crumbTexts(robot)).containsExactly("/", "docs", "sub");
    robot.clickOn(crumb(robot, "/"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(browser.tree().getSelectionModel().getSelectedItem()).isSameAs(root);
    assertThat(child(root, "docs").isExpanded()).as("folders below the crumb fold").isFalse();
  }

  private List<String> crumbTexts(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    return WaitForAsyncUtils.asyncFx(() -> List.copyOf(browser.crumbs().getChildrenUnmodifiable()))
        .get(10, TimeUnit.SECONDS)
        .stream()
        .filter(javafx.scene.control.Button.class::isInstance)
        .map(javafx.scene.control.Button.class::cast)
        .map(javafx.scene.control.Button::getText)
        .toList();
  }

  private static javafx.scene.Node crumb(FxRobot robot, String text) {
    return robot
        .lookup("#browser-crumbs .button")
        .match((javafx.scene.control.Button b) -> text.equals(b.getText()))
        .query();
  }
}
