package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
 * The Help menu (issue 16, item 18; issue 15): the glossary, the application log's and the run
 * logs' folders (and what it says without a file manager), a README section shown offline, the
 * version and where the files are.
 */
@ExtendWith(ApplicationExtension.class)
class HelpMenuTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;
  private final TestDesktop desktop = new TestDesktop();

  @Start
  void start(Stage stage) {
    app =
        new CodaRestoreApp(
            new AppDirectories(tmp.resolve("config"), tmp.resolve("data"), tmp),
            desktop,
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

  @Test
  void theHelpMenuExplainsTheWordsShowsTheLogFolderAndTheVersion(FxRobot robot) {
    robot.clickOn("Help").clickOn("Glossary");
    WizardDriver.waitFor(
        "the glossary", () -> robot.lookup("#glossary-text").tryQuery().isPresent());
    String text = robot.lookup("#glossary-text").queryAs(Label.class).getText();
    for (String term :
        new String[] {
          "Level", "Uniquifier", "SCM", "createvol_rep", "Promoted (type 4)", "bldvldb.sh"
        }) {
      assertThat(text).contains(term + ": ");
    }
    Screenshots.save(robot.lookup("#glossary-text").query().getScene(), "16-help-glossary");
    robot.clickOn("OK");

    robot.clickOn("Help").clickOn("Open the log folder");
    assertThat(desktop.opened).containsExactly(tmp.resolve("data").resolve("log"));
    assertThat(tmp.resolve("data/log")).isDirectory();
    robot.clickOn("Help").clickOn("Open the run logs folder");
    assertThat(desktop.opened)
        .containsExactly(tmp.resolve("data/log"), tmp.resolve("data/workspace/runs"));

    // Without a file manager the same words as the Summary's Open folder, in a dialog.
    desktop.fileManager = false;
    robot.clickOn("Help").clickOn("Open the log folder");
    WizardDriver.waitFor(
        "the no-file-manager note", () -> robot.lookup("#no-file-manager").tryQuery().isPresent());
    assertThat(
            robot
                .lookup("#no-file-manager")
                .queryAs(javafx.scene.control.DialogPane.class)
                .getContentText())
        .isEqualTo(
            "No file manager was found to show the folder: the logs are in "
                + tmp.resolve("data/log")
                + ".");
    robot.clickOn("OK");

    // A README section, offline, from the copy inside the program.
    robot.clickOn("Help").clickOn("README");
    WizardDriver.waitFor(
        "the README's sections",
        () -> robot.lookup("Settings, catalog and logs").tryQuery().isPresent());
    javafx.scene.Node section = robot.lookup("Settings, catalog and logs").query();
    // Across to the submenu first, then down it (a diagonal would leave README and close it).
    javafx.geometry.Point2D at = robot.point("README").query();
    robot.moveTo(new javafx.geometry.Point2D(robot.point(section).query().getX(), at.getY()));
    robot.clickOn(section);
    WizardDriver.waitFor("the README", () -> robot.lookup("#readme-text").tryQuery().isPresent());
    String readme =
        robot.lookup("#readme-text").queryAs(javafx.scene.control.TextArea.class).getText();
    assertThat(readme).startsWith("### Settings, catalog and logs").contains("catalog.lastOpened");
    assertThat(readme).doesNotContain("## Command reference");
    Screenshots.save(robot.lookup("#readme-text").query().getScene(), "15-help-readme");
    robot.type(javafx.scene.input.KeyCode.ESCAPE);
    WizardDriver.waitFor(
        "the README closed", () -> robot.lookup("#readme-text").tryQuery().isEmpty());

    robot.clickOn("Help").clickOn("About");
    WizardDriver.waitFor("About", () -> robot.lookup("#about-text").tryQuery().isPresent());
    var pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
    assertThat(pane.getHeaderText()).matches("Coda Restore Assistant \\d+\\.\\d+\\.\\d+.*");
    assertThat(robot.lookup("#about-text").queryAs(Label.class).getText())
        .contains(tmp.resolve("data").resolve("workspace/runs").toString())
        .contains(
            "Catalog (also the command line's default --db): " + tmp.resolve("data/catalog.db"))
        .contains("Application log: " + tmp.resolve("data/log"));
    robot.clickOn("OK");
  }
}
