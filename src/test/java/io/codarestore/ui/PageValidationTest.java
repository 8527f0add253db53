package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javafx.scene.Node;
import javafx.scene.control.DateCell;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
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

/** Each page keeps Next disabled until what it asks for is valid, and says why. */
@ExtendWith(ApplicationExtension.class)
class PageValidationTest {
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

  private Label label(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(Label.class);
  }

  @Test
  void sourceNeedsAnImportAndShowsWhyAWrongConfigurationFails(FxRobot robot) {
    WizardDriver w = new WizardDriver(robot, app);
    robot.clickOn("#source-config");
    robot.clickOn("#config-dir").write(tmp.resolve("no-such-config").toString());
    assertThat(robot.lookup("#import").queryButton().isDisabled()).isFalse();
    robot.clickOn("#import");
    WizardDriver.waitFor(
        "the error dialog", () -> robot.lookup("#error-message").tryQuery().isPresent());
    Label message = robot.lookup("#error-message").queryAs(Label.class);
    assertThat(message.getText()).contains("amanda.conf: not found").doesNotContain("Exception");
    Screenshots.save(message.getScene(), "error-dialog");
    robot.clickOn("OK");
    assertThat(w.session().catalog().get()).as("nothing imported").isNull();
    assertThat(w.page()).isEqualTo("Source");
    assertThat(label(robot, "#import-status").getText()).startsWith("Import failed");

    robot.clickOn("#config-dir").eraseText(tmp.resolve("no-such-config").toString().length());
    assertThat(robot.lookup("#import").queryButton().isDisabled())
        .as("Import without a configuration directory")
        .isTrue();
    assertThat(w.next().isDisabled()).as("Next without a configuration directory").isTrue();
  }

  @Test
  void volumeNeedsAVolumeThatCanBeRestored(FxRobot robot) {
    WizardDriver w = new WizardDriver(robot, app);
    w.importDemo();
    w.clickNext();
    w.pickVolume("u.alice");
    assertThat(w.next().isDisabled()).as("u.alice has no restore point").isTrue();
    assertThat(label(robot, "#volume-hint").getText()).contains("no point it can be restored to");

    robot.clickOn("#volume-search").write("root");
    TableView<?> table = robot.lookup("#volume-table").queryTableView();
    WizardDriver.waitFor("the filter", () -> table.getItems().size() == 1);
    w.pickVolume("coda.root");
    assertThat(w.next().isDisabled()).isFalse();
  }

  @Test
  void dateNeedsADayWithARestorePoint(FxRobot robot) {
    WizardDriver w = new WizardDriver(robot, app);
    w.importDemo();
    w.clickNext();
    w.pickVolume("coda.root");
    w.clickNext();
    w.waitForPoint();
    clickDay(robot, LocalDate.of(2024, 3, 4)); // a day of unusable dumps
    assertThat(w.next().isDisabled()).isTrue();
    assertThat(label(robot, "#date-info").getText()).contains("No restore point on this day");
    clickDay(robot, LocalDate.of(2024, 3, 6));
    assertThat(w.next().isDisabled()).isFalse();
    assertThat(w.session().point().get().datestamp().digits()).isEqualTo(DemoFacts.CODA_ROOT_BASE);
  }

  @Test
  void targetAcceptsOnlyNewOutputsSafePathsAndCompleteVolumeFields(FxRobot robot) throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    w.importDemo();
    w.clickNext();
    w.pickVolume("coda.root");
    w.clickNext();
    w.waitForPoint();
    w.clickNext();
    w.waitForChain();
    w.clickNext();
    assertThat(w.page()).isEqualTo("Target");

    Path existing = Files.createDirectories(tmp.resolve("existing"));
    w.click("#target-kind-dir");
    w.fill("#target-dir", existing.toString());
    assertProblem(robot, w, "exists already");

    w.fill("#target-dir", "relative/dir");
    assertProblem(robot, w, "absolute path");

    w.fill("#target-dir", tmp.resolve("new").toString());
    WizardDriver.waitFor("a valid directory", () -> !w.next().isDisabled());
    robot.clickOn("#target-only-paths");
    assertProblem(robot, w, "Add the paths to restore");
    robot.clickOn("#target-path-entry").write("build/../../etc");
    robot.clickOn("#target-path-add");
    WizardDriver.waitFor(
        "the path to be refused",
        () ->
            robot
                .lookup("#target-path-problem")
                .queryLabeled()
                .getText()
                .contains("may not contain"));
    assertThat(robot.lookup("#target-paths").queryListView().getItems()).isEmpty();
    assertThat(w.next().isDisabled()).as("Next with no path listed").isTrue();

    w.clickRevealed("#target-kind-ro"); // the kinds may be scrolled out of view by now
    type(robot, "#target-volutil", TestPrograms.volutil(tmp).toString());
    type(robot, "#target-partition", "vicepa");
    assertProblem(robot, w, "/vicepa");
    type(robot, "#target-partition", "/vicepb");
    WizardDriver.waitFor("a valid read-only volume", () -> !w.next().isDisabled());
    WizardDriver.waitFor(
        "the dry run of the volutil restore",
        () ->
            robot
                .lookup("#target-dry-run")
                .queryTextInputControl()
                .getText()
                .contains(".dump /vicepb\n"));

    w.click("#target-kind-rw");
    assertProblem(robot, w, "needs the volume id");
    type(robot, "#target-volname", "restored.root");
    type(robot, "#target-volid", "zz");
    assertProblem(robot, w, "not a Coda volume id");
    type(robot, "#target-volid", "1000007");
    WizardDriver.waitFor("a valid read-write volume", () -> !w.next().isDisabled());
    WizardDriver.waitFor(
        "the dry run of the read-write restore",
        () ->
            robot
                .lookup("#target-dry-run")
                .queryTextInputControl()
                .getText()
                .contains("-rw-1000007.dump /vicepb restored.root 1000007"));
    Screenshots.save(app.window().stage().getScene(), "5b-target-volume");
  }

  private static void clickDay(FxRobot robot, LocalDate day) {
    robot.clickOn((Node n) -> n instanceof DateCell c && day.equals(c.getItem()) && c.isVisible());
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Sets a field the way typing would (some fields are below the fold of a 1280×800 window). */
  private static void type(FxRobot robot, String id, String text) {
    TextInputControl f = robot.lookup(id).queryTextInputControl();
    robot.interact(() -> f.setText(text));
  }

  private static void assertProblem(FxRobot robot, WizardDriver w, String text) {
    WizardDriver.waitFor(
        "the problem '" + text + "'",
        () -> robot.lookup("#target-problem").queryLabeled().getText().contains(text));
    assertThat(w.next().isDisabled()).as("Next with: " + text).isTrue();
  }
}
