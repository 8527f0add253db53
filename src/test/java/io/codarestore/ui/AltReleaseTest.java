package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioButton;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16 item 3 with real key presses: after an Alt+letter shortcut the next Down goes to the
 * page and opens no menu, while Alt pressed and released alone still activates the menu bar (the
 * same Down then opens File; this control shows the checks can see a menu, and fails if {@code
 * AltRelease} swallowed every Alt release).
 *
 * <p>The case that shows the bug is Alt let go before the letter (Alt down, D down, Alt up, D up):
 * the letter's release, which would otherwise reset the menu bar's "Alt alone" flag, comes after
 * the Alt release. Without {@code AltRelease} (removed from {@code MainWindow}) this test fails
 * there with "File opened by Down after Alt+D with Alt let go before the D"; it failed the same way
 * with the earlier {@code AltRelease}, which watched the letter on the scene, where the mnemonic
 * handling had consumed it already. With the letter released first, JavaFX 21 itself lets go of the
 * menu bar, so those steps pass with or without the fix (kept as a regression guard).
 */
@ExtendWith(ApplicationExtension.class)
class AltReleaseTest {
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

  /** Alt let go before the letter, as quick hands do: Alt down, N down, Alt up, N up. */
  private static void altLetGoFirst(FxRobot robot, KeyCode key) {
    robot.press(KeyCode.ALT).press(key).release(KeyCode.ALT).release(key);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static Menu file(FxRobot robot) {
    return robot.lookup("#menu-bar").queryAs(MenuBar.class).getMenus().get(0);
  }

  private static void down(FxRobot robot) {
    robot.type(KeyCode.DOWN);
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.sleep(200, java.util.concurrent.TimeUnit.MILLISECONDS); // a menu's popup
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void assertNoMenuAfterDown(FxRobot robot, String shortcut) {
    down(robot);
    assertThat(file(robot).isShowing()).as("File opened by Down after " + shortcut).isFalse();
    assertThat(robot.lookup(".context-menu").tryQuery())
        .as("a menu popup after " + shortcut + ", Down")
        .isEmpty();
  }

  @Test
  void downAfterAnAltLetterGoesToThePageAndAltAloneStillOpensTheMenus(FxRobot robot) {
    WizardDriver.waitFor(
        "the first focus", () -> app.window().stage().getScene().getFocusOwner() != null);
    assertThat(file(robot).getText()).isEqualTo("_File");
    RadioButton config = robot.lookup("#source-config").queryAs(RadioButton.class);
    RadioButton demo = robot.lookup("#source-demo").queryAs(RadioButton.class);

    robot.clickOn(config);
    alt(robot, KeyCode.O);
    assertThat(config.isSelected()).isTrue();
    assertNoMenuAfterDown(robot, "Alt+O on the focused option");

    robot.clickOn(demo);
    alt(robot, KeyCode.D);
    assertThat(demo.isSelected()).isTrue();
    assertNoMenuAfterDown(robot, "Alt+D on the focused option");

    robot.clickOn(config);
    altLetGoFirst(robot, KeyCode.D);
    assertThat(demo.isSelected()).isTrue();
    assertNoMenuAfterDown(robot, "Alt+D with Alt let go before the D");

    // The control: Alt alone, then Down opens File (so the checks above can see a menu).
    robot.press(KeyCode.ALT).release(KeyCode.ALT);
    WaitForAsyncUtils.waitForFxEvents();
    down(robot);
    WizardDriver.waitFor("File opened by Down after Alt alone", () -> file(robot).isShowing());
    robot.type(KeyCode.ESCAPE);
    WaitForAsyncUtils.waitForFxEvents();
  }
}
