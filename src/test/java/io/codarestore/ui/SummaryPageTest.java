package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.ui.summary.SummaryModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
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
 * The Summary page after a real restore of the demo: what was restored, the checks, the commands
 * and the steps left; Open folder shows the restored directory, Copy runbook puts the commands on
 * the clipboard, Save log writes the run log where the user chose.
 */
@ExtendWith(ApplicationExtension.class)
class SummaryPageTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;
  private final TestDesktop desktop = new TestDesktop();

  @Start
  void start(Stage stage) {
    app =
        new CodaRestoreApp(
            new AppDirectories(tmp.resolve("config"), tmp.resolve("data")),
            desktop,
            UnaryOperator.identity());
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

  private String text(FxRobot robot, String id) {
    return robot.lookup(id).queryLabeled().getText();
  }

  @Test
  void theSummaryShowsWhatWasRestoredAndItsButtonsDoWhatTheySay(FxRobot robot) throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    Path out = tmp.resolve("restored");
    w.click("#target-kind-dir");
    w.fill("#target-dir", out.toString());
    w.dryRunWith("--to-dir");
    w.clickNext();
    WizardDriver.waitFor("the restore", () -> w.session().outcome().get() != null);
    w.clickNext();
    assertThat(w.page()).isEqualTo("Summary");
    SummaryModel outcome = w.session().outcome().get();

    assertThat(text(robot, "#summary-what"))
        .startsWith("Restored localhost:coda.root as of 2024-03-07")
        .contains("the whole tree into the directory " + out);
    assertThat(robot.lookup("#summary-verification").queryListView().getItems())
        .map(Object::toString)
        .anyMatch(l -> l.startsWith("link OK: coda.root level 1 of " + DemoFacts.CODA_ROOT_HEAD))
        .anyMatch(
            l ->
                l.startsWith("coda.root level 0 of " + DemoFacts.CODA_ROOT_BASE)
                    && l.contains("bytes from CODA-04"))
        .anyMatch(l -> l.contains("files"));
    String commands = robot.lookup("#summary-commands").queryTextInputControl().getText();
    assertThat(commands)
        .contains(
            "amfetchdump -p --exact-match codademo localhost coda.root " + DemoFacts.CODA_ROOT_BASE)
        .contains("coda-restore merge")
        .contains("coda-restore extract --to-dir " + out);
    assertThat(text(robot, "#summary-follow-up"))
        .startsWith("1. Check the restored files")
        .contains("2. Directory ACLs are in .coda-acls.json");
    assertThat(text(robot, "#summary-log-file")).contains(outcome.logFile().toString());
    Screenshots.save(app.window().stage().getScene(), "7-summary");

    robot.clickOn("#summary-open");
    assertThat(desktop.opened)
        .as("the file manager shows the restored directory")
        .containsExactly(out);

    robot.clickOn("#summary-copy");
    String clip =
        WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString())
            .get(10, TimeUnit.SECONDS);
    assertThat(clip).isEqualTo(commands + "\n");
    assertThat(text(robot, "#summary-note")).isEqualTo("Runbook copied to the clipboard.");

    desktop.saveAs = null; // the user cancels the save dialog
    robot.clickOn("#summary-save");
    assertThat(text(robot, "#summary-note")).isEqualTo("Runbook copied to the clipboard.");

    Path saved = tmp.resolve("saved").resolve("restore.log");
    Files.createDirectories(saved.getParent());
    desktop.saveAs = saved;
    robot.clickOn("#summary-save");
    WizardDriver.waitFor("the log file", () -> Files.exists(saved));
    List<String> lines = Files.readAllLines(saved, StandardCharsets.UTF_8);
    assertThat(lines).isEqualTo(Files.readAllLines(outcome.logFile(), StandardCharsets.UTF_8));
    assertThat(String.join("\n", lines))
        .contains("restore localhost:coda.root as of 2024-03-07T06:45:00")
        .contains("link check OK")
        .contains("restore finished");
    assertThat(((Label) w.lookup("#summary-note")).getText()).isEqualTo("Log saved to " + saved);
    try (var s = Files.list(saved.getParent())) {
      assertThat(s).as("no temporary file left beside the log").containsExactly(saved);
    }
    assertThat(desktop.saveTitles).hasSize(2).allMatch(t -> t.contains("coda-restore.log"));
  }
}
