package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
 * Issue 16 item 16: the Target page keeps Restore disabled, with the reason, when the target cannot
 * work: a volutil that does not exist, a directory where its own dry run finds no room.
 */
@ExtendWith(ApplicationExtension.class)
class TargetFeasibilityTest {
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

  @Test
  void aMissingVolutilKeepsRestoreDisabledUntilItIsThere(FxRobot robot) throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    w.click("#target-kind-ro");
    w.fill("#target-partition", "/vicepa");
    Path missing = tmp.resolve("nowhere").resolve("volutil");
    w.fill("#target-volutil", missing.toString());
    w.assertTargetProblem("volutil command: " + missing + " is not an executable file.");
    assertThat(w.session().target().get()).isNull();
    w.fill("#target-volutil", "no-such-volutil-anywhere");
    w.assertTargetProblem(
        "volutil command: no-such-volutil-anywhere is not on the PATH; give the command's full"
            + " path.");
    Path volutil = TestPrograms.volutil(tmp);
    w.fill("#target-volutil", volutil.toString());
    String dry = w.dryRunWith(volutil + " restore -f ");
    assertThat(w.next().isDisabled()).as("Restore with a real volutil").isFalse();
    assertThat(w.targetProblem()).isEmpty();
    assertThat(dry).contains(" /vicepa\n");
  }

  @Test
  void aDirectoryWithNoRoomKeepsRestoreDisabledWithTheReason(FxRobot robot) {
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    w.click("#target-kind-dir");
    w.fill("#target-dir", "/proc/out");
    // root may write to /proc, and its own dry run finds 0 bytes free there; anyone else may not
    WizardDriver.waitFor(
        "the reason",
        () ->
            w.targetProblem().startsWith("Not enough space in /proc:")
                || w.targetProblem().equals("The folder /proc is not writable."));
    assertThat(w.targetProblem()).matches("(.*0 B free.*|The folder /proc is not writable\\.)");
    assertThat(w.next().isDisabled()).as("Restore into /proc").isTrue();
    assertThat(w.session().target().get()).isNull();
    Path fine = tmp.resolve("restored");
    w.fill("#target-dir", fine.toString());
    w.dryRunWith("coda-restore extract --to-dir " + fine);
    assertThat(w.next().isDisabled()).as("Restore into a new folder with room").isFalse();
  }
}
