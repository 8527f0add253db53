package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.plan.ChainLink;
import io.codarestore.ui.chain.LinkState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
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
 * A first start with nothing configured, clicked through like a user: the demo is offered and
 * imported, coda.root is restored as of its newest point (a full dump and an incremental) to a
 * directory, and the directory is compared with coda-dumpgen's truth. Every page is photographed on
 * the way.
 */
@ExtendWith(ApplicationExtension.class)
class RestoreWizardTest {
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
  void aFirstStartRestoresTheDemoToADirectoryExactlyAsTheTruth(FxRobot robot) throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    var scene = app.window().stage().getScene();
    assertThat(app.window().stage().getTitle()).startsWith("Coda Restore");
    assertThat(w.next().isDisabled())
        .as("Next opens the demo before anything is imported")
        .isFalse();
    assertThat(
            robot
                .lookup("#source-demo")
                .queryAs(javafx.scene.control.RadioButton.class)
                .isSelected())
        .as("the demo is offered on a first start")
        .isTrue();

    w.importDemo();
    assertThat(robot.lookup("#import-summary").queryLabeled().getText())
        .contains("3 volumes")
        .contains("built-in demo");
    Screenshots.save(scene, "1-source");
    w.clickNext();

    w.pickVolume("coda.root");
    Screenshots.save(scene, "2-volume");
    w.clickNext();

    w.waitForPoint();
    assertThat(w.session().point().get().datestamp().digits()).isEqualTo(DemoFacts.CODA_ROOT_HEAD);
    Screenshots.save(scene, "3-date");
    w.clickNext();

    w.waitForChain();
    List<ChainLink> chain = w.session().plan().get().chain();
    assertThat(chain)
        .extracting(l -> l.datestamp().digits())
        .containsExactly(DemoFacts.CODA_ROOT_BASE, DemoFacts.CODA_ROOT_HEAD);
    Node link =
        w.lookup(
            "#link-" + DemoFacts.CODA_ROOT_BASE + "-L0-to-" + DemoFacts.CODA_ROOT_HEAD + "-L1");
    assertThat(link.getUserData()).as("the uniquifier check of the link").isEqualTo(LinkState.OK);
    assertThat(((Label) w.lookup("#chain-explanation")).getText()).contains("full dump (level 0)");
    Screenshots.save(scene, "4-chain");
    Stage stage = app.window().stage();
    robot.interact(
        () -> {
          stage.setWidth(1920);
          stage.setHeight(1080);
        });
    Screenshots.save(scene, "4-chain-1920x1080");
    robot.interact(
        () -> {
          stage.setWidth(1280);
          stage.setHeight(800);
        });
    w.clickNext();

    Path out = tmp.resolve("restored");
    w.click("#target-kind-dir");
    w.fill("#target-dir", out.toString());
    WizardDriver.waitFor("the target to be accepted", () -> !w.next().isDisabled());
    WizardDriver.waitFor(
        "the dry run",
        () ->
            ((javafx.scene.control.TextArea) w.lookup("#target-dry-run"))
                .getText()
                .contains("# tapes"));
    assertThat(((javafx.scene.control.TextArea) w.lookup("#target-dry-run")).getText())
        .contains(
            "amfetchdump -p --exact-match codademo localhost coda.root " + DemoFacts.CODA_ROOT_BASE)
        .contains("coda-restore merge")
        .contains(out.toString())
        .contains("CODA-04, CODA-05");
    Screenshots.save(scene, "5-target");
    w.clickNext();

    WizardDriver.waitFor("the restore", () -> w.session().outcome().get() != null);
    Screenshots.save(scene, "6-run");
    w.clickNext();

    assertThat(w.page()).isEqualTo("Summary");
    assertThat(((Label) w.lookup("#summary-what")).getText()).contains("coda.root");
    Screenshots.save(scene, "7-summary");

    DemoTruth.assertRestored(out, DemoTruth.manifest("coda.root@" + DemoFacts.CODA_ROOT_HEAD));
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("config")))
          .as("no temporary output left beside the target")
          .containsExactlyInAnyOrder("data", "restored");
    }
  }
}
