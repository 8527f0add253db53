package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
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
 * The first contact, as a measure: on a first start (empty home, nothing configured) only Enter is
 * pressed, again and again. It must walk the demo from the first page to a finished restore of the
 * newest restore point of the first volume into a new folder under the home directory, and land on
 * Summary with Finish focused; every default on the way is safe. Runs headless (Monocle) in the
 * suite and in a real window under Xvfb (see the README); the time from launch to the finished
 * restore is written to target/first-contact.txt.
 */
@ExtendWith(ApplicationExtension.class)
class FirstContactTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;
  private long launched;

  @Start
  void start(Stage stage) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    launched = System.nanoTime();
    app =
        new CodaRestoreApp(
            new AppDirectories(
                home.resolve(".config/coda-restore"),
                home.resolve(".local/share/coda-restore"),
                home));
    app.start(stage);
    stage.setWidth(1024);
    stage.setHeight(700);
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.hideStage();
    FxToolkit.cleanupStages();
    app.stop();
  }

  @Test
  void enterAloneRestoresTheNewestPointOfTheFirstVolumeIntoANewFolderAtHome(FxRobot robot)
      throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    var scene = app.window().stage().getScene();
    List<String> walked = new ArrayList<>();
    java.util.Set<String> cut = new java.util.LinkedHashSet<>();
    String firstVolume = null;
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      // Page and Next read together on the FX thread (a page can change between two reads).
      String[] state =
          WaitForAsyncUtils.asyncFx(
                  () ->
                      new String[] {
                        w.page(),
                        String.valueOf(w.next().isDisabled()),
                        String.valueOf(w.session().outcome().get() != null)
                      })
              .get();
      if (state[0].equals("Summary") && state[2].equals("true")) {
        break;
      }
      assertThat(System.nanoTime()).as("Enter walked only " + walked).isLessThan(deadline);
      assertThat(robot.listTargetWindows()).as("no dialog opens on the way").hasSize(1);
      if (!walked.contains(state[0])) {
        walked.add(state[0]);
      }
      if (state[0].equals("Volume") && firstVolume == null) {
        WizardDriver.waitFor(
            "the volume list",
            () -> !robot.lookup("#volume-table").queryTableView().getItems().isEmpty());
        Object row = robot.lookup("#volume-table").queryTableView().getItems().get(0);
        firstVolume = ((io.codarestore.ui.volume.VolumeRow) row).name();
      }
      if (state[1].equals("true")) {
        Thread.sleep(100);
        WaitForAsyncUtils.waitForFxEvents();
        continue;
      }
      Screenshots.save(scene, "first-contact-" + state[0].toLowerCase(Locale.ROOT) + "-1024x700");
      cut.addAll(CutText.in(scene.getRoot()).stream().map(c -> state[0] + ": " + c).toList());
      robot.type(KeyCode.ENTER);
      WaitForAsyncUtils.waitForFxEvents();
    }
    long millis = (System.nanoTime() - launched) / 1_000_000;
    walked.add(w.page());
    Files.writeString(
        Path.of("target", "first-contact.txt"),
        "launch to finished restore: "
            + millis
            + " ms ("
            + System.getProperty("glass.platform", "real window")
            + ")\n");
    WaitForAsyncUtils.waitForFxEvents();
    Screenshots.save(scene, "first-contact-summary-1024x700");
    cut.addAll(CutText.in(scene.getRoot()).stream().map(c -> "Summary: " + c).toList());

    assertThat(walked)
        .containsExactly("Source", "Volume", "Date", "Chain", "Target", "Run", "Summary");
    assertThat(firstVolume).isEqualTo("coda.root");
    assertThat(w.session().point().get().datestamp().digits()).isEqualTo(DemoFacts.CODA_ROOT_HEAD);
    Path out = tmp.resolve("home").resolve("coda.root-2024-03-07");
    DemoTruth.assertRestored(out, DemoTruth.manifest("coda.root@" + DemoFacts.CODA_ROOT_HEAD));
    assertThat(cut).as("texts cut short at 1024x700").isEmpty();
    Node focused = scene.getFocusOwner();
    assertThat(focused).isInstanceOf(Button.class);
    assertThat(((Button) focused).getText()).isEqualTo("F_inish");
    assertThat(robot.lookup("#wizard-cancel").query().isVisible())
        .as("no Cancel once the restore is done")
        .isFalse();
  }
}
