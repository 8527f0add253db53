package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.dump.RealFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.DateCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What the wizard remembers and says (issue 16): the demo is the source again on the next start and
 * Enter reopens it; a red day says why it has no restore point; "Latest" and the list of all points
 * choose the newest point in one click; the run log shows local times; Open folder says so when
 * there is no file manager; Ctrl+O asks for a dump before the browser opens.
 */
@ExtendWith(ApplicationExtension.class)
class AdminDefaultsTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;
  private final TestDesktop desktop = new TestDesktop();
  private AppDirectories dirs;

  @Start
  void start(Stage stage) throws Exception {
    dirs =
        new AppDirectories(
            tmp.resolve("config"),
            tmp.resolve("data"),
            Files.createDirectories(tmp.resolve("home")));
    app = new CodaRestoreApp(dirs, desktop, java.util.function.UnaryOperator.identity());
    app.start(stage);
    stage.setWidth(1200);
    stage.setHeight(760);
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.hideStage();
    FxToolkit.cleanupStages();
    app.stop();
  }

  private static DateCell day(FxRobot robot, int dayOfMonth) {
    LocalDate d = LocalDate.of(2024, 3, dayOfMonth);
    return robot
        .lookup((Node n) -> n instanceof DateCell c && d.equals(c.getItem()) && c.isVisible())
        .queryAs(DateCell.class);
  }

  @Test
  void theDemoIsRememberedAndARedDaySaysWhyAndLatestChoosesTheNewestPoint(FxRobot robot)
      throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    // 19: a catalog imported before is opened, not imported; "Import into" sits with the Amanda
    // sources, above the catalog choice.
    robot.clickOn("#source-catalog");
    assertThat(robot.lookup("#import").queryButton().getText()).isEqualTo("Op_en");
    double into = robot.lookup("#import-into").query().localToScene(0, 0).getY();
    assertThat(into)
        .isGreaterThan(robot.lookup("#logdir").query().localToScene(0, 0).getY())
        .isLessThan(robot.lookup("#source-catalog").query().localToScene(0, 0).getY());
    robot.clickOn("#source-demo");
    assertThat(robot.lookup("#import").queryButton().getText()).isEqualTo("_Import");
    robot.type(KeyCode.ENTER); // on the option just chosen: Next
    WizardDriver.waitFor("the Volume page", () -> w.page().equals("Volume"));
    // 10: a volume without a restore point is marked and says why (the planner's reason).
    w.pickVolume("u.alice");
    assertThat(robot.lookup("#volume-hint").queryLabeled().getText())
        .containsPattern("u.alice has no point it can be restored to: \\S.{10,}");
    javafx.scene.control.TableRow<?> alice =
        robot
            .lookup(
                (Node n) ->
                    n instanceof javafx.scene.control.TableRow<?> r
                        && r.getItem() instanceof io.codarestore.ui.volume.VolumeRow v
                        && v.name().equals("u.alice"))
            .queryAs(javafx.scene.control.TableRow.class);
    assertThat(alice.getPseudoClassStates())
        .contains(javafx.css.PseudoClass.getPseudoClass("no-restore-point"));
    assertThat(alice.getTooltip().getText()).startsWith("No restore point: ");
    Screenshots.save(app.window().stage().getScene(), "16-volume-no-point-1200x760");
    w.pickVolume("coda.root");
    robot.type(KeyCode.ENTER);
    WizardDriver.waitFor("the Date page", () -> w.page().equals("Date"));
    w.waitForPoint();

    // 10: a red day (a level 1 whose full dump's tape was overwritten) says why.
    robot.clickOn(day(robot, 5));
    Label info = robot.lookup("#date-info").queryAs(Label.class);
    WizardDriver.waitFor("the 5th", () -> info.getText().contains("5 Mar"));
    assertThat(info.getText()).containsPattern("No restore point on this day: \\S.{10,}");
    assertThat(w.next().isDisabled()).isTrue();
    Screenshots.save(app.window().stage().getScene(), "16-date-red-day-1200x760");

    // 11: Latest chooses the newest point; the list of all points is newest first.
    robot.clickOn("#date-latest");
    WizardDriver.waitFor("the newest point", () -> w.session().point().get() != null);
    assertThat(w.session().point().get().datestamp().digits()).isEqualTo(DemoFacts.CODA_ROOT_HEAD);
    @SuppressWarnings("unchecked")
    ListView<io.codarestore.plan.RestorePoint> all =
        robot.lookup("#date-all-points").queryAs(ListView.class);
    assertThat(all.getItems().get(0).datestamp().digits()).isEqualTo(DemoFacts.CODA_ROOT_HEAD);
    assertThat(all.getItems())
        .extracting(p -> p.datestamp())
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
    robot.clickOn(
        (Node n) ->
            n instanceof javafx.scene.control.ListCell<?> c
                && c.getText() != null
                && c.getText().contains("6 Mar")
                && c.isVisible()
                && c.getListView() == all);
    WizardDriver.waitFor(
        "the point of the 6th",
        () -> w.session().point().get().datestamp().digits().equals(DemoFacts.CODA_ROOT_BASE));
    assertThat(day(robot, 6).getStyleClass()).contains("selected");
    Screenshots.save(app.window().stage().getScene(), "16-date-points-1200x760");
    assertThat(CutText.in(app.window().stage().getScene().getRoot())).isEmpty();

    // 14: the next start opens on the demo, and Enter reopens it.
    Stage[] second = new Stage[1];
    CodaRestoreApp[] next = new CodaRestoreApp[1];
    robot.interact(
        () -> {
          second[0] = new Stage();
          next[0] =
              new CodaRestoreApp(
                  dirs, new TestDesktop(), java.util.function.UnaryOperator.identity());
          next[0].start(second[0]);
        });
    try {
      Label status =
          robot.from(second[0].getScene().getRoot()).lookup("#import-status").queryAs(Label.class);
      assertThat(status.getText()).isEqualTo("Press Enter (Next) to open the built-in demo again.");
      robot.interact(second[0]::requestFocus);
      WizardDriver.waitFor("the second window's focus", () -> second[0].isFocused());
      robot.type(KeyCode.ENTER);
      WizardDriver.waitFor(
          "the demo reopened",
          () -> next[0].window().wizard().currentPage().title().equals("Volume"));
    } finally {
      robot.interact(second[0]::close);
      next[0].stop();
    }
  }

  @Test
  void theRunLogIsInLocalTimeOpenFolderSaysWhenNothingCanShowItAndCtrlOAsksForADump(FxRobot robot)
      throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    WizardDriver.waitFor("the default target", () -> !w.next().isDisabled());
    robot.type(KeyCode.ENTER); // Restore, into the default folder at home
    WizardDriver.waitFor("the restore", () -> w.session().outcome().get() != null);
    @SuppressWarnings("unchecked")
    List<String> log = List.copyOf(robot.lookup("#run-log").queryAs(ListView.class).getItems());
    assertThat(log)
        .as("every line in local time to the second")
        .isNotEmpty()
        .allMatch(l -> l.matches("\\d{2}:\\d{2}:\\d{2} \\S.*"))
        .anyMatch(l -> l.matches("\\d{2}:\\d{2}:\\d{2} INFO .*"));
    robot.type(KeyCode.ENTER);
    WizardDriver.waitFor("the Summary", () -> w.page().equals("Summary"));

    desktop.fileManager = false;
    robot.clickOn("#summary-open");
    assertThat(robot.lookup("#summary-note").queryLabeled().getText())
        .startsWith("No file manager was found to show the folder: the files are in ")
        .contains(tmp.resolve("home").resolve("coda.root-2024-03-07").toString());
    robot.clickOn("#summary-copy");
    assertThat(robot.lookup("#summary-log-file").queryLabeled().getText())
        .as("the run log line stays after Copy runbook")
        .startsWith("Run log kept in ");

    Path dump = RealFixtures.dump("dumpfix-B0-full.dump");
    assumeTrue(Files.isRegularFile(dump), "the real Coda fixtures are not here");
    desktop.openAs = dump;
    robot.press(KeyCode.CONTROL).press(KeyCode.O).release(KeyCode.O).release(KeyCode.CONTROL);
    WizardDriver.waitFor(
        "the browser", () -> robot.lookup("#browser-status").tryQuery().isPresent());
    Label status = robot.lookup("#browser-status").queryAs(Label.class);
    WizardDriver.waitFor("the dump read", () -> status.getText().contains("volume dumpfix,"));
    Window browser = status.getScene().getWindow();
    Screenshots.save(status.getScene(), "16-browser-1200x760");
    assertThat(CutText.in(status.getScene().getRoot())).isEmpty();
    robot.type(KeyCode.ESCAPE);
    WizardDriver.waitFor("Escape to close the browser", () -> !browser.isShowing());
  }
}
