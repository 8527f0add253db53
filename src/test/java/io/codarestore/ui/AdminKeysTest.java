package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DateCell;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
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

/**
 * The wizard as an admin expects it (issue 16), with real keys and clicks at 1200x760: Enter is
 * Next and never reaches Cancel or a month arrow, an Alt+letter leaves the menus alone, finished
 * steps can be clicked, the chosen day stands out, a restore into a server is confirmed with "Go
 * back" as the default, and a missing volutil is said in words with the details folded away.
 */
@ExtendWith(ApplicationExtension.class)
class AdminKeysTest {
  private static final LocalDate SIXTH = LocalDate.of(2024, 3, 6);
  @TempDir Path tmp;
  private CodaRestoreApp app;

  @Start
  void start(Stage stage) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    app =
        new CodaRestoreApp(
            new AppDirectories(tmp.resolve("config"), tmp.resolve("data"), home),
            new TestDesktop(),
            java.util.function.UnaryOperator.identity());
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

  private static void alt(FxRobot robot, KeyCode key) {
    robot.press(KeyCode.ALT).press(key).release(key).release(KeyCode.ALT);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private Node focusOwner() {
    return app.window().stage().getScene().getFocusOwner();
  }

  @Test
  void enterIsNextTheChosenDayStaysChosenAndAltLeavesTheMenusAlone(FxRobot robot) {
    WizardDriver w = new WizardDriver(robot, app);
    WizardDriver.waitFor("the first focus", () -> focusOwner() != null);
    assertThat(focusOwner().getId()).as("focus on a first start").isEqualTo("wizard-next");
    robot.type(KeyCode.ENTER); // opens the demo, then goes on
    WizardDriver.waitFor("the Volume page", () -> w.page().equals("Volume"));
    WizardDriver.waitFor("Next on Volume", () -> !w.next().isDisabled());
    assertThat(focusOwner().getId()).isNotEqualTo("wizard-cancel");

    // 3: Alt+B, then Down: the Down goes to the page, no menu opens.
    alt(robot, KeyCode.B);
    WizardDriver.waitFor("Alt+B to go back", () -> w.page().equals("Source"));
    robot.type(KeyCode.DOWN);
    WaitForAsyncUtils.waitForFxEvents();
    MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
    assertThat(bar.getMenus()).noneMatch(m -> m.isShowing());
    assertThat(robot.lookup(".context-menu").tryQuery())
        .as("no menu open after Alt+B, Down")
        .isEmpty();
    alt(robot, KeyCode.N);
    WizardDriver.waitFor("Alt+N to Volume", () -> w.page().equals("Volume"));
    w.pickVolume("coda.root");
    robot.type(KeyCode.ENTER);
    WizardDriver.waitFor("the Date page", () -> w.page().equals("Date"));
    w.waitForPoint();

    // 2: a click on a day, then Enter: Next with that day (not the month before).
    robot.clickOn(
        (Node n) -> n instanceof DateCell c && SIXTH.equals(c.getItem()) && c.isVisible());
    WizardDriver.waitFor(
        "the 6th to be chosen",
        () ->
            w.session().point().get() != null
                && w.session().point().get().datestamp().digits().startsWith("20240306"));
    DateCell chosen =
        robot
            .lookup(
                (Node n) -> n instanceof DateCell c && SIXTH.equals(c.getItem()) && c.isVisible())
            .queryAs(DateCell.class);
    // 5: the chosen day stands out: white bold text on a dark fill with a thick outline.
    assertThat(chosen.getStyleClass()).contains("selected");
    assertThat(chosen.getTextFill()).isEqualTo(Color.WHITE);
    assertThat(chosen.getBorder()).isNotNull();
    assertThat(chosen.getBorder().getStrokes().get(0).getWidths().getTop())
        .isGreaterThanOrEqualTo(3);
    Screenshots.save(app.window().stage().getScene(), "16-date-chosen-day-1200x760");
    robot.type(KeyCode.ENTER);
    WizardDriver.waitFor("Enter to go to Chain", () -> w.page().equals("Chain"));
    assertThat(w.session().point().get().datestamp().digits()).startsWith("20240306");

    // Back shows the chosen day's month with the day chosen.
    robot.clickOn("#wizard-back");
    WizardDriver.waitFor("the Date page", () -> w.page().equals("Date"));
    assertThat(
            robot
                .lookup(
                    (Node n) ->
                        n instanceof DateCell c && SIXTH.equals(c.getItem()) && c.isVisible())
                .queryAs(DateCell.class)
                .getStyleClass())
        .as("the 6th still chosen")
        .contains("selected");
    assertThat(
            robot
                .from(robot.lookup("#date-calendar").queryParent())
                .lookup(
                    (Node n) ->
                        n instanceof Label l && "March".equals(l.getText()) && l.isVisible())
                .tryQuery())
        .as("the calendar shows March")
        .isPresent();
    assertThat(w.session().point().get().datestamp().digits()).startsWith("20240306");

    // 4: a finished step in the list takes the user back to it; a step ahead does nothing.
    robot.clickOn("#step-5");
    assertThat(w.page()).isEqualTo("Date");
    robot.clickOn("#step-2");
    WizardDriver.waitFor("the Volume page by its step", () -> w.page().equals("Volume"));
  }

  @Test
  void aRestoreIntoAServerIsConfirmedAndAMissingVolutilIsSaidInWords(FxRobot robot)
      throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    assertThat(robot.lookup("#target-dir").queryTextInputControl().getText())
        .as("the safe default: a new folder at home named after the volume and day")
        .isEqualTo(tmp.resolve("home").resolve("coda.root-2024-03-07").toString());
    // 16: a place without room is refused with the reason; ~ is the home directory.
    w.fill("#target-dir", "/proc/coda-restore-out");
    WizardDriver.waitFor(
        "the refusal", () -> !w.targetProblem().isEmpty() && w.next().isDisabled());
    assertThat(w.targetProblem()).containsAnyOf("Not enough space in /proc", "not writable");
    Screenshots.save(app.window().stage().getScene(), "16-target-no-room-1200x760");
    w.fill("#target-dir", "~/coda-restore-test-not-made");
    WizardDriver.waitFor("the ~ path", () -> !w.next().isDisabled());
    assertThat(((io.codarestore.restore.RestoreTarget.Directory) w.session().target().get()).dir())
        .isEqualTo(Path.of(System.getProperty("user.home"), "coda-restore-test-not-made"));

    // 6: every kind of target reads in full at 1024x700.
    Stage stage = app.window().stage();
    robot.interact(
        () -> {
          stage.setWidth(1024);
          stage.setHeight(700);
        });
    for (String kind : new String[] {"dir", "tar", "dump", "ro", "rw", "replica"}) {
      w.clickRevealed("#target-kind-" + kind);
      for (double v : new double[] {0, 0.5, 1}) {
        robot.interact(
            () ->
                robot
                    .lookup("#target-scroll")
                    .queryAs(javafx.scene.control.ScrollPane.class)
                    .setVvalue(v));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(CutText.in(stage.getScene().getRoot()))
            .as("cut on the Target page, " + kind)
            .isEmpty();
      }
      if (kind.equals("replica")) {
        Screenshots.save(stage.getScene(), "16-target-replica-1024x700");
      }
    }
    robot.interact(
        () -> {
          stage.setWidth(1200);
          stage.setHeight(760);
        });
    w.clickRevealed("#target-kind-ro");
    // a real volutil: the Target page refuses one that is not there (issue 16 item 16)
    Path volutil = TestPrograms.volutil(tmp);
    w.fill("#target-volutil", volutil.toString());
    try {
      WaitForAsyncUtils.waitFor(
          60,
          java.util.concurrent.TimeUnit.SECONDS,
          () ->
              robot
                  .lookup("#target-dry-run")
                  .queryTextInputControl()
                  .getText()
                  .contains("volutil "));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "dry run: "
              + robot.lookup("#target-dry-run").queryTextInputControl().getText()
              + " / problem: "
              + w.targetProblem());
    }
    // 9: the stock-server bug is shown as a warning, in full, above the commands.
    WizardDriver.waitFor(
        "the warnings",
        () ->
            !robot
                .lookup("#target-warnings")
                .queryAs(javafx.scene.layout.VBox.class)
                .getChildren()
                .isEmpty());
    Label warning =
        (Label)
            robot
                .lookup("#target-warnings")
                .queryAs(javafx.scene.layout.VBox.class)
                .getChildren()
                .stream()
                .filter(n -> ((Label) n).getText().startsWith("Stock 64-bit Coda 8 servers crash"))
                .findFirst()
                .orElseThrow();
    assertThat(warning.getText()).startsWith("Stock 64-bit Coda 8 servers crash");
    assertThat(warning.getStyleClass()).contains("warning-box");
    assertThat(warning.isWrapText()).isTrue();
    w.reveal(warning);
    Screenshots.save(app.window().stage().getScene(), "16-target-warning-1200x760");
    assertThat(CutText.in(app.window().stage().getScene().getRoot())).isEmpty();
    // 12: Restore (Enter) asks first; its default answer (Enter) goes back.
    robot.type(KeyCode.ENTER);
    WizardDriver.waitFor(
        "the question", () -> robot.lookup("#target-confirm").tryQuery().isPresent());
    Button stay = robot.lookup("Go back").queryButton();
    assertThat(stay.isDefaultButton()).isTrue();
    assertThat(robot.lookup("Restore into the server").queryButton().isDefaultButton()).isFalse();
    Screenshots.save(stay.getScene(), "16-target-confirm-1200x760");
    robot.type(KeyCode.ENTER);
    WizardDriver.waitFor(
        "the question to close", () -> robot.lookup("#target-confirm").tryQuery().isEmpty());
    assertThat(w.page()).isEqualTo("Target");

    // volutil goes away after the page accepted it: the run refuses it before reading anything
    Files.delete(volutil);
    alt(robot, KeyCode.R);
    WizardDriver.waitFor(
        "the question", () -> robot.lookup("#target-confirm").tryQuery().isPresent());
    robot.clickOn("Restore into the server");
    WizardDriver.waitFor("the Run page", () -> w.page().equals("Run"));
    // 13: volutil is not installed here: the error says so and what to do, details folded away.
    WizardDriver.waitFor("the error", () -> robot.lookup("#error-message").tryQuery().isPresent());
    Label message = robot.lookup("#error-message").queryAs(Label.class);
    assertThat(message.getText())
        .startsWith("volutil not found: install the Coda server tools")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    Screenshots.save(message.getScene(), "16-error-volutil-1200x760");
    robot.clickOn("#error-copy-details");
    String copied =
        WaitForAsyncUtils.asyncFx(
                () -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
            .get();
    assertThat(copied).contains("volutil not found").contains("at io.codarestore");
    robot.clickOn("OK");
    // 7: the page says it failed, in full; no stale rate or time left.
    assertThat(robot.lookup("#wizard-heading").queryLabeled().getText())
        .isEqualTo("The restore failed");
    assertThat(robot.lookup("#run-status").queryLabeled().getText())
        .startsWith("volutil not found")
        .endsWith("go Back to change the target.");
    assertThat(CutText.in(app.window().stage().getScene().getRoot())).isEmpty();
    Screenshots.save(app.window().stage().getScene(), "16-run-failed-1200x760");
    robot.interact(
        () -> {
          app.window().stage().setWidth(1024);
          app.window().stage().setHeight(700);
        });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(CutText.in(app.window().stage().getScene().getRoot())).isEmpty();
    Screenshots.save(app.window().stage().getScene(), "16-run-failed-1024x700");
  }
}
