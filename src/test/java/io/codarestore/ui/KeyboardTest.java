package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
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
 * The wizard by keyboard: Alt+N, Alt+B and Alt+C do what Next, Back and Cancel do, the main
 * controls of a page answer their Alt+letter, and no page has two controls on one letter.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;
  private final RunGate gate = new RunGate("extract", 2);

  @Start
  void start(Stage stage) {
    app =
        new CodaRestoreApp(
            new AppDirectories(tmp.resolve("config"), tmp.resolve("data")),
            new TestDesktop(),
            gate);
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

  private static void alt(FxRobot robot, KeyCode key) {
    robot.press(KeyCode.ALT).press(key).release(key).release(KeyCode.ALT);
  }

  /** Every letter of a visible control's mnemonic on the current page, with its owners. */
  private Map<Character, List<String>> mnemonics() {
    Scene scene = app.window().stage().getScene();
    Map<Character, List<String>> found = new TreeMap<>();
    collect(scene.getRoot(), found);
    for (Node n : scene.getRoot().lookupAll(".menu-bar")) {
      for (Menu m : ((MenuBar) n).getMenus()) {
        add(found, m.getText(), "menu " + m.getText());
      }
    }
    return found;
  }

  private static void collect(Node n, Map<Character, List<String>> found) {
    // Disabled controls count: they share the letter once enabled (Next, the path buttons).
    if (!n.isVisible() || n instanceof MenuBar) {
      return; // the menus are counted once, from the menu bar's model
    }
    if (n instanceof Labeled l && l.isMnemonicParsing()) {
      add(found, l.getText(), l.getClass().getSimpleName() + " '" + l.getText() + "'");
    }
    if (n instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        collect(c, found);
      }
    }
  }

  private static void add(Map<Character, List<String>> found, String text, String who) {
    if (text == null) {
      return;
    }
    int i = text.indexOf('_');
    if (i >= 0 && i + 1 < text.length()) {
      char c = Character.toLowerCase(text.charAt(i + 1));
      found.computeIfAbsent(c, k -> new ArrayList<>()).add(who);
    }
  }

  private void assertNoSharedMnemonic(FxRobot robot, String where) {
    Map<Character, List<String>> m = mnemonics();
    assertThat(m.values())
        .as("controls sharing an Alt+letter on " + where + ": " + m)
        .allMatch(owners -> owners.size() == 1);
    assertThat(m).as("Back on " + where).containsKeys('b');
    if (robot.lookup("#wizard-cancel").query().isVisible()) {
      assertThat(m).as("Cancel on " + where).containsKeys('c');
    }
  }

  @Test
  void theWizardAnswersAltLettersAndNoPageSharesOne(FxRobot robot) throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    assertNoSharedMnemonic(robot, "Source");
    javafx.scene.control.RadioButton config =
        robot.lookup("#source-config").queryAs(javafx.scene.control.RadioButton.class);
    alt(robot, KeyCode.O); // An Amanda c_onfiguration
    WizardDriver.waitFor("Alt+O to choose a configuration", config::isSelected);
    alt(robot, KeyCode.D); // The built-in _demo
    WizardDriver.waitFor(
        "Alt+D to choose the demo",
        () ->
            robot
                .lookup("#source-demo")
                .queryAs(javafx.scene.control.RadioButton.class)
                .isSelected());
    w.importDemo();
    assertNoSharedMnemonic(robot, "Source");
    alt(robot, KeyCode.N);
    WizardDriver.waitFor("Alt+N to go to Volume", () -> w.page().equals("Volume"));
    alt(robot, KeyCode.B);
    WizardDriver.waitFor("Alt+B to go back to Source", () -> w.page().equals("Source"));
    alt(robot, KeyCode.N);
    WizardDriver.waitFor("the Volume page", () -> w.page().equals("Volume"));
    w.pickVolume("coda.root");
    assertNoSharedMnemonic(robot, "Volume");
    alt(robot, KeyCode.N);
    WizardDriver.waitFor("the Date page", () -> w.page().equals("Date"));
    w.waitForPoint();
    assertNoSharedMnemonic(robot, "Date");
    alt(robot, KeyCode.N);
    WizardDriver.waitFor("the Chain page", () -> w.page().equals("Chain"));
    w.waitForChain();
    assertNoSharedMnemonic(robot, "Chain");
    alt(robot, KeyCode.N);
    WizardDriver.waitFor("the Target page", () -> w.page().equals("Target"));

    for (String kind : List.of("dir", "tar", "dump", "ro", "rw", "replica", "copyin")) {
      robot.clickOn("#target-kind-" + kind);
      assertNoSharedMnemonic(robot, "Target (" + kind + ")");
    }
    alt(robot, KeyCode.D); // A _directory
    WizardDriver.waitFor(
        "Alt+D to choose a directory", () -> robot.lookup("#target-dir").tryQuery().isPresent());
    CheckBox only = robot.lookup("#target-only-paths").queryAs(CheckBox.class);
    alt(robot, KeyCode.L); // Only the _listed files and folders
    WizardDriver.waitFor("Alt+L to tick the path list", only::isSelected);
    assertNoSharedMnemonic(robot, "Target (paths)"); // the path list's own letters count too
    alt(robot, KeyCode.L);
    WizardDriver.waitFor("Alt+L to untick it", () -> !only.isSelected());
    Path out = tmp.resolve("restored");
    w.fill("#target-dir", out.toString());
    w.dryRunWith("--to-dir");
    alt(robot, KeyCode.R); // _Restore
    WizardDriver.waitFor("Alt+R to start the restore", () -> w.page().equals("Run"));
    gate.awaitHeld();
    assertNoSharedMnemonic(robot, "Run");
    alt(robot, KeyCode.C); // _Cancel asks whether to stop the run
    WizardDriver.waitFor(
        "the question", () -> robot.lookup("#run-stop-dialog").tryQuery().isPresent());
    robot.clickOn("Stop the restore");
    gate.release();
    WizardDriver.waitFor(
        "Alt+C to cancel the run",
        () -> robot.lookup("#run-status").queryLabeled().getText().startsWith("Cancelled"));
    assertThat(out).doesNotExist();
    alt(robot, KeyCode.G); // Try a_gain
    WizardDriver.waitFor("the second run", () -> w.session().outcome().get() != null);
    alt(robot, KeyCode.N);
    WizardDriver.waitFor("the Summary page", () -> w.page().equals("Summary"));
    assertNoSharedMnemonic(robot, "Summary");
    assertThat(Files.isDirectory(out)).isTrue();
    alt(robot, KeyCode.S); // _Start over
    WizardDriver.waitFor("Alt+S to start over", () -> w.page().equals("Source"));
    assertThat(w.session().outcome().get()).isNull();
    assertThat(w.page().toLowerCase(Locale.ROOT)).isEqualTo("source");
  }
}
