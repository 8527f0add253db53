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

/** The Help menu (issue 16, item 18): the glossary, the log folder, the version. */
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
    assertThat(desktop.opened).containsExactly(tmp.resolve("data").resolve("workspace/runs"));

    robot.clickOn("Help").clickOn("About");
    WizardDriver.waitFor("About", () -> robot.lookup("#about-text").tryQuery().isPresent());
    var pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
    assertThat(pane.getHeaderText()).matches("Coda Restore Assistant \\d+\\.\\d+\\.\\d+.*");
    assertThat(robot.lookup("#about-text").queryAs(Label.class).getText())
        .contains(tmp.resolve("data").resolve("workspace/runs").toString());
    robot.clickOn("OK");
  }
}
