package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.ui.chain.LinkState;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
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
 * The Chain page lets the user on only with a chain whose links the dump headers prove, or whose
 * unreadable links the user accepted; a link the headers prove wrong (red) stops the restore here.
 * The demo's tapes are changed after the import, as happens when a tape is lost or relabelled.
 */
@ExtendWith(ApplicationExtension.class)
class ChainPageValidationTest {
  private static final String LINK =
      "#link-" + DemoFacts.CODA_ROOT_BASE + "-L0-to-" + DemoFacts.CODA_ROOT_HEAD + "-L1";

  @TempDir Path tmp;
  private CodaRestoreApp app;
  private AppDirectories dirs;

  @Start
  void start(Stage stage) {
    dirs = new AppDirectories(tmp.resolve("config"), tmp.resolve("data"));
    app = new CodaRestoreApp(dirs);
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

  private WizardDriver toChain(FxRobot robot, Runnable afterImport) {
    WizardDriver w = new WizardDriver(robot, app);
    w.importDemo();
    afterImport.run();
    w.clickNext();
    w.pickVolume("coda.root");
    w.clickNext();
    w.waitForPoint();
    w.clickNext();
    w.waitForChain();
    WizardDriver.waitFor(
        "the link check to end",
        () -> robot.lookup(LINK).query().getUserData() != LinkState.PENDING);
    return w;
  }

  private static String checks(FxRobot robot) {
    return robot.lookup("#chain-checks").queryLabeled().getText();
  }

  @Test
  void nextIsEnabledForARestorableChainWhoseLinksTheHeadersProve(FxRobot robot) {
    WizardDriver w = toChain(robot, () -> {});
    Node link = robot.lookup(LINK).query();
    assertThat(link.getUserData()).isEqualTo(LinkState.OK);
    assertThat(link.getStyleClass()).contains("link-ok");
    assertThat(checks(robot)).startsWith("Links checked").contains("✓");
    assertThat(robot.lookup("#chain-accept").query().isVisible()).isFalse();
    assertThat(w.next().isDisabled()).isFalse();
  }

  @Test
  void aLinkTheHeadersProveWrongIsDrawnRedAndKeepsNextDisabled(FxRobot robot) {
    DemoTapes tapes = new DemoTapes(dirs);
    WizardDriver w =
        toChain(
            robot,
            () -> {
              try {
                tapes.cacheOldIncrementalAsHead(dirs);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    Node link = robot.lookup(LINK).query();
    assertThat(link.getUserData()).as("the header check of the link").isEqualTo(LinkState.BROKEN);
    assertThat(link.getStyleClass()).contains("link-broken");
    assertThat(checks(robot))
        .contains("✗ coda.root level 1 of " + DemoFacts.CODA_ROOT_HEAD)
        .contains("This chain cannot be restored");
    assertThat(robot.lookup("#chain-checks").query().getStyleClass()).contains("problem-text");
    assertThat(robot.lookup("#chain-accept").query().isVisible())
        .as("a broken link cannot be accepted")
        .isFalse();
    assertThat(w.next().isDisabled()).as("Next with a broken link").isTrue();
    Screenshots.save(app.window().stage().getScene(), "4b-chain-broken-link");
  }

  @Test
  void aLinkWhoseHeaderCannotBeReadNeedsTheUsersAcceptance(FxRobot robot) throws Exception {
    DemoTapes tapes = new DemoTapes(dirs);
    WizardDriver w =
        toChain(
            robot,
            () -> {
              try {
                tapes.hideHead(tmp.resolve("lost-tape-file"));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    Node link = robot.lookup(LINK).query();
    assertThat(link.getUserData()).isEqualTo(LinkState.UNCHECKED);
    assertThat(link.getStyleClass()).contains("link-unchecked");
    assertThat(checks(robot)).contains("?").contains("cannot be read");
    CheckBox accept = robot.lookup("#chain-accept").queryAs(CheckBox.class);
    assertThat(accept.isVisible()).isTrue();
    assertThat(w.next().isDisabled()).as("Next before the user accepts").isTrue();
    Screenshots.save(app.window().stage().getScene(), "4c-chain-unchecked-link");

    robot.clickOn("#chain-accept");
    assertThat(w.session().acceptUnchecked().get()).isTrue();
    assertThat(w.next().isDisabled()).as("Next once accepted").isFalse();
    robot.clickOn("#chain-accept");
    assertThat(w.next().isDisabled()).as("Next once the acceptance is taken back").isTrue();
  }
}
