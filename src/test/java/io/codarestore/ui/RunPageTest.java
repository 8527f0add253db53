package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.restore.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
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
 * The Run page while a real restore of the demo runs: Back and Next are blocked while it runs, Next
 * opens only after success; a failure is a dialog with the message (no stack trace) and can be
 * tried again; Cancel, clicked while the run is writing, stops it and removes what it wrote and
 * fetched. A {@link RunGate} holds the run at a known point so that the clicks land mid-run.
 */
@ExtendWith(ApplicationExtension.class)
class RunPageTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;
  private AppDirectories dirs;

  /** Holds the run at its third file written (the demo's root has several). */
  private final RunGate gate = new RunGate("extract", 3);

  @Start
  void start(Stage stage) {
    dirs = new AppDirectories(tmp.resolve("config"), tmp.resolve("data"));
    app = new CodaRestoreApp(dirs, new TestDesktop(), gate);
    app.start(stage);
    stage.setWidth(1280);
    stage.setHeight(800);
  }

  @AfterEach
  void close() throws Exception {
    gate.release();
    FxToolkit.hideStage();
    FxToolkit.cleanupStages();
    app.stop();
  }

  private Button button(FxRobot robot, String id) {
    return robot.lookup(id).queryButton();
  }

  private String status(FxRobot robot) {
    return robot.lookup("#run-status").queryLabeled().getText();
  }

  /** Target page: a new directory, accepted with its dry run. */
  private WizardDriver chooseDirectory(FxRobot robot, Path out) {
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    w.click("#target-kind-dir");
    w.fill("#target-dir", out.toString());
    w.dryRunWith("--to-dir");
    return w;
  }

  private List<Path> cachedDumps() throws Exception {
    Path cache = new Workspace(dirs.defaultWorkspace()).root().resolve("cache");
    if (!Files.exists(cache)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(cache)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  private List<String> besideTarget() throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.contains("restored")).toList();
    }
  }

  @Test
  void backAndNextAreBlockedWhileTheRestoreRunsAndNextOpensOnlyAfterSuccess(FxRobot robot)
      throws Exception {
    Path out = tmp.resolve("restored");
    WizardDriver w = chooseDirectory(robot, out);
    w.clickNext();
    assertThat(w.page()).isEqualTo("Run");
    gate.awaitHeld();
    WizardDriver.waitFor("the stages to show", () -> !w.lookup("#run-stages").isDisabled());
    assertThat(status(robot)).startsWith("Restoring localhost:coda.root");
    assertThat(button(robot, "#wizard-back").isDisabled()).as("Back while running").isTrue();
    assertThat(button(robot, "#wizard-next").isDisabled()).as("Next while running").isTrue();
    assertThat(button(robot, "#wizard-cancel").isDisabled()).as("Cancel while running").isFalse();
    assertThat(!robot.lookup("#run-retry").query().isDisabled()).isFalse();
    Screenshots.save(app.window().stage().getScene(), "6a-run-running");

    gate.release();
    WizardDriver.waitFor("the restore to end", () -> status(robot).startsWith("Finished"));
    assertThat(button(robot, "#wizard-next").isDisabled()).as("Next after success").isFalse();
    assertThat(button(robot, "#wizard-back").isDisabled()).as("Back after success").isFalse();
    assertThat(
            robot
                .lookup("#run-overall")
                .queryAs(javafx.scene.control.ProgressBar.class)
                .getProgress())
        .isEqualTo(1.0);
    assertThat(robot.lookup("#run-log").queryListView().getItems())
        .anyMatch(l -> l.toString().contains("restore finished"));
    DemoTruth.assertRestored(out, DemoTruth.manifest("coda.root@" + DemoFacts.CODA_ROOT_HEAD));
    w.clickNext();
    assertThat(w.page()).isEqualTo("Summary");
  }

  @Test
  void aFailedRunShowsItsMessageWithTheDetailsFoldedAwayAndCanBeTriedAgain(FxRobot robot)
      throws Exception {
    gate.release(); // this run is not held
    Path out = tmp.resolve("restored");
    WizardDriver w = chooseDirectory(robot, out);
    DemoTapes tapes = new DemoTapes(dirs);
    Path copy = tapes.damageBase(tmp.resolve("part-copy"));
    w.clickNext();

    WizardDriver.waitFor(
        "the error dialog", () -> robot.lookup("#error-message").tryQuery().isPresent());
    Label message = robot.lookup("#error-message").queryAs(Label.class);
    assertThat(message.getText())
        .contains("cut short")
        .contains("00003.localhost.coda.root.0")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    DialogPane pane = (DialogPane) message.getScene().getRoot();
    assertThat(pane.getExpandableContent())
        .as("an actionable error is its one line: the stack trace goes to the log file only")
        .isNull();
    assertThat(robot.lookup("Show Details").tryQuery()).isEmpty();
    Screenshots.save(message.getScene(), "6b-run-failed-dialog");
    robot.clickOn("OK");

    assertThat(robot.lookup("#wizard-heading").queryLabeled().getText())
        .isEqualTo("The restore failed");
    assertThat(status(robot)).contains("cut short").endsWith("go Back to change the target.");
    assertThat(runLog(robot))
        .last()
        .asString()
        .matches("\\d\\d:\\d\\d:\\d\\d failed: .*cut short.*");
    assertThat(button(robot, "#wizard-next").isDisabled()).as("Next after a failure").isTrue();
    assertThat(button(robot, "#wizard-back").isDisabled()).as("Back after a failure").isFalse();
    assertThat(!robot.lookup("#run-retry").query().isDisabled()).as("Try again").isTrue();
    assertThat(besideTarget()).as("nothing written at the target").isEmpty();
    Screenshots.save(app.window().stage().getScene(), "6c-run-failed");

    tapes.repairBase(copy);
    Files.delete(copy);
    robot.clickOn("#run-retry");
    try {
      WizardDriver.waitFor("the second try to end", () -> status(robot).startsWith("Finished"));
    } catch (AssertionError e) {
      Screenshots.save(app.window().stage().getScene(), "debug-run-retry");
      throw new AssertionError(e.getMessage() + "; status: " + status(robot), e);
    }
    assertThat(!robot.lookup("#run-retry").query().isDisabled()).isFalse();
    assertThat(button(robot, "#wizard-next").isDisabled()).isFalse();
    DemoTruth.assertRestored(out, DemoTruth.manifest("coda.root@" + DemoFacts.CODA_ROOT_HEAD));
  }

  @Test
  void cancelClickedMidRunLeavesNoOutputRemovesTheFetchedDumpsAndLetsTheUserGoBack(FxRobot robot)
      throws Exception {
    Path out = tmp.resolve("restored");
    WizardDriver w = chooseDirectory(robot, out);
    assertThat(cachedDumps()).as("nothing fetched before the run").isEmpty();
    w.clickNext();
    gate.awaitHeld();
    // Mid-run for real: both dumps fetched into the cache, the tree half written beside the target.
    assertThat(cachedDumps()).as("the run's fetched dumps and their checksums").hasSize(4);
    assertThat(besideTarget())
        .as("the half-written output")
        .singleElement()
        .asString()
        .startsWith(".restored.part-");
    assertThat(out).doesNotExist();

    robot.clickOn("#wizard-cancel");
    // Cancel during a run asks first; its default answer (Enter) keeps the run going.
    WizardDriver.waitFor(
        "the question", () -> robot.lookup("#run-stop-dialog").tryQuery().isPresent());
    javafx.scene.control.Button keep = robot.lookup("Keep restoring").queryButton();
    assertThat(keep.isDefaultButton()).isTrue();
    assertThat(robot.lookup("Stop the restore").queryButton().isDefaultButton()).isFalse();
    robot.clickOn("Stop the restore");
    WizardDriver.waitFor("Cancelling", () -> status(robot).startsWith("Cancelling"));
    gate.release();
    WizardDriver.waitFor("the run to stop", () -> status(robot).startsWith("Cancelled"));

    assertThat(out).as("no output at the target").doesNotExist();
    assertThat(besideTarget()).as("no half-written temporary left").isEmpty();
    assertThat(cachedDumps()).as("this run's fetched dumps removed").isEmpty();
    assertThat(w.session().outcome().get()).isNull();
    assertThat(button(robot, "#wizard-next").isDisabled()).as("Next after a cancel").isTrue();
    assertThat(button(robot, "#wizard-back").isDisabled()).as("Back after a cancel").isFalse();
    assertThat(!robot.lookup("#run-retry").query().isDisabled()).isTrue();
    assertThat(runLog(robot)).last().asString().matches("\\d\\d:\\d\\d:\\d\\d cancelled: .*");
    Screenshots.save(app.window().stage().getScene(), "6d-run-cancelled");

    robot.clickOn("#wizard-back");
    WizardDriver.waitFor("the Target page", () -> w.page().equals("Target"));
    Node problem = robot.lookup("#target-problem").query();
    assertThat(((Label) problem).getText()).as("the same target is still valid").isEmpty();
    assertThat(w.next().isDisabled()).isFalse();
  }

  @SuppressWarnings("unchecked")
  private static List<String> runLog(FxRobot robot) {
    return List.copyOf(
        robot.lookup("#run-log").queryAs(javafx.scene.control.ListView.class).getItems());
  }
}
