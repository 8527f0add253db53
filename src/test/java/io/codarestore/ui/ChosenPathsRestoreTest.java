package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.cell.CheckBoxTreeCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A directory restore of chosen paths, clicked through: paths typed into the list (checked as they
 * are added, overlaps refused), or ticked in the volume's tree once the chain's dumps are in the
 * workspace; exactly those subtrees come out, as coda-dumpgen's truth has them.
 */
@ExtendWith(ApplicationExtension.class)
class ChosenPathsRestoreTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;

  @Start
  void start(Stage stage) {
    app = new CodaRestoreApp(new AppDirectories(tmp.resolve("config"), tmp.resolve("data")));
    app.start(stage);
    stage.setWidth(1280);
    stage.setHeight(800);
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.hideStage();
    FxToolkit.cleanupStages();
    app.stop();
  }

  private static ListView<String> list(FxRobot robot) {
    return robot.lookup("#target-paths").queryListView();
  }

  private static String pathProblem(FxRobot robot) {
    return robot.lookup("#target-path-problem").queryLabeled().getText();
  }

  private static void add(WizardDriver w, FxRobot robot, String path) {
    w.fill("#target-path-entry", path);
    robot.clickOn("#target-path-add");
  }

  private void restoreAndCheck(WizardDriver w, Path out, List<String> chosen) throws Exception {
    w.clickNext();
    WizardDriver.waitFor("the restore", () -> w.session().outcome().get() != null);
    w.clickNext();
    assertThat(w.page()).isEqualTo("Summary");
    DemoTruth.assertRestored(
        out, DemoTruth.manifest("coda.root@" + DemoFacts.CODA_ROOT_HEAD), chosen);
  }

  @Test
  void twoTypedPathsComeOutExactlyAsTheirSubtreesInTheTruth(FxRobot robot) throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    Path out = tmp.resolve("two-paths");
    w.click("#target-kind-dir");
    w.fill("#target-dir", out.toString());
    robot.clickOn("#target-only-paths");
    w.assertTargetProblem("Add the paths to restore");
    assertThat(robot.lookup("#target-tree-note").queryLabeled().getText())
        .contains("known once the chain's dumps are in the workspace");
    assertThat(robot.lookup("#target-path-tree").queryButton().isDisabled())
        .as("no tree to tick before the chain is in the workspace")
        .isTrue();

    add(w, robot, "build/");
    w.fill("#target-path-entry", "./notes");
    robot.type(KeyCode.ENTER); // adds the path; does not start the restore
    assertThat(w.page()).isEqualTo("Target");
    assertThat(list(robot).getItems()).containsExactly("build", "notes");

    add(w, robot, "build");
    assertThat(pathProblem(robot)).isEqualTo("build is in the list already.");
    add(w, robot, "../etc");
    assertThat(pathProblem(robot)).contains("may not contain");
    assertThat(list(robot).getItems()).containsExactly("build", "notes");

    add(w, robot, "build/x.md");
    w.assertTargetProblem("build/x.md is inside build");
    robot.interact(() -> list(robot).scrollTo("build/x.md"));
    robot.clickOn((Node n) -> n instanceof ListCell<?> c && "build/x.md".equals(c.getText()));
    assertThat(list(robot).getSelectionModel().getSelectedItems()).containsExactly("build/x.md");
    robot.clickOn("#target-path-remove");
    assertThat(list(robot).getItems()).containsExactly("build", "notes");

    String dry = w.dryRunWith("--path build --path notes");
    assertThat(dry).contains("coda-restore extract --to-dir " + out + " --path build --path notes");
    Screenshots.save(app.window().stage().getScene(), "5d-target-paths");
    restoreAndCheck(w, out, List.of("build", "notes"));
  }

  /**
   * On a catalog whose file index knows the restore point from the dumps, the dry run of chosen
   * paths says the file index serves them and which dumps it reads (build/lnk: only the chain's
   * level 1), before the whole chain's figures; the run then restores them as the truth has them.
   */
  @Test
  void onAnIndexedCatalogTheDryRunNamesTheDumpsTheIndexReads(FxRobot robot) throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    io.codarestore.ui.source.OpenedCatalog c = w.session().catalog().get();
    new io.codarestore.index.DumpIndexer(
            c.catalog(), new io.codarestore.amanda.VtapeFetcher(c.vtapeRoot()))
        .run(
            null,
            null,
            null,
            io.codarestore.core.ProgressListener.NONE,
            io.codarestore.core.Cancellation.none());
    Path out = tmp.resolve("indexed");
    w.click("#target-kind-dir");
    w.fill("#target-dir", out.toString());
    robot.clickOn("#target-only-paths");
    add(w, robot, "build/lnk");
    String dry = w.dryRunWith("# served by the file index");
    assertThat(dry)
        .contains("only the dumps holding the chosen files are read")
        .containsPattern(
            "# dumps to read: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d level 1 \\(CODA-[^)]+\\);")
        .contains("# chosen: 1 file, 0 directories")
        .contains("--path build/lnk");
    assertThat(dry).doesNotContain("level 0 (");
    Screenshots.save(app.window().stage().getScene(), "5f-target-index-route");
    restoreAndCheck(w, out, List.of("build/lnk"));
    Screenshots.save(app.window().stage().getScene(), "7b-summary-index-route");
  }

  @Test
  void onceTheChainIsInTheWorkspacePathsAreCheckedAgainstItsTreeAndCanBeTicked(FxRobot robot)
      throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    Path first = tmp.resolve("whole");
    w.click("#target-kind-dir");
    w.fill("#target-dir", first.toString());
    w.dryRunWith("--to-dir");
    restoreAndCheck(w, first, List.of());

    robot.clickOn("#summary-start-over"); // the catalog stays, the chain's dumps too
    WizardDriver.waitFor("the Source page", () -> w.page().equals("Source"));
    w.clickNext();
    w.pickVolume("coda.root");
    w.clickNext();
    w.waitForPoint();
    w.clickNext();
    w.waitForChain();
    w.clickNext();
    Path out = tmp.resolve("ticked");
    w.click("#target-kind-dir");
    w.fill("#target-dir", out.toString());
    robot.clickOn("#target-only-paths");
    WizardDriver.waitFor(
        "the volume's tree", () -> !robot.lookup("#target-path-tree").queryButton().isDisabled());
    assertThat(robot.lookup("#target-tree-note").queryLabeled().getText())
        .contains("checked against the volume's tree");

    add(w, robot, "build/nosuch");
    assertThat(pathProblem(robot)).contains("build/nosuch is not in the volume");
    assertThat(list(robot).getItems()).isEmpty();

    robot.clickOn("#target-path-tree");
    WizardDriver.waitFor(
        "the tree dialog", () -> robot.lookup("#volume-tree").tryQuery().isPresent());
    assertThat((Object) robot.lookup("#volume-tree").query())
        .as("ControlsFX's tree with check boxes")
        .isInstanceOf(org.controlsfx.control.CheckTreeView.class);
    robot.clickOn(child(cell(robot, "build/"), ".tree-disclosure-node"));
    robot.clickOn(child(cell(robot, "lnk"), ".check-box"));
    robot.clickOn(child(cell(robot, "x"), ".check-box"));
    Screenshots.save(robot.lookup("#volume-tree").query().getScene(), "5e-target-tree");
    robot.clickOn("OK");
    assertThat(list(robot).getItems()).containsExactly("build/lnk", "x");
    w.dryRunWith("--path build/lnk --path x");
    restoreAndCheck(w, out, List.of("build/lnk", "x"));
  }

  private static org.testfx.service.query.NodeQuery cell(FxRobot robot, String text) {
    Node found =
        robot
            .lookup((Node n) -> n instanceof CheckBoxTreeCell<?> c && text.equals(c.getText()))
            .query();
    return robot.from(List.of(found));
  }

  private static Node child(org.testfx.service.query.NodeQuery cell, String style) {
    return cell.lookup(style).query();
  }
}
