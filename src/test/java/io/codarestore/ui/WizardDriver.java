package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Clicks through the wizard the way a user does; shared by the wizard tests. */
final class WizardDriver {
  private final FxRobot robot;
  private final CodaRestoreApp app;

  WizardDriver(FxRobot robot, CodaRestoreApp app) {
    this.robot = robot;
    this.app = app;
  }

  RestoreSession session() {
    return app.window().session();
  }

  Button next() {
    return robot.lookup("#wizard-next").queryButton();
  }

  void clickNext() {
    assertThat(next().isDisabled()).as("Next is enabled on " + page()).isFalse();
    int before = app.window().wizard().currentIndex();
    robot.clickOn("#wizard-next");
    waitFor("the next page", () -> app.window().wizard().currentIndex() != before);
  }

  /** Clicks a node once it is shown (pages swap their content on the FX thread). */
  void click(String query) {
    waitFor(
        query + " to be shown",
        () -> robot.lookup(query).match(Node::isVisible).tryQuery().isPresent());
    robot.clickOn(query);
  }

  String page() {
    return app.window().wizard().currentPage().title();
  }

  static void waitFor(String what, Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition);
    } catch (Exception e) {
      throw new AssertionError("timed out waiting for " + what, e);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Source page: imports the built-in demo (offered first on a first start). */
  void importDemo() {
    assertThat(page()).isEqualTo("Source");
    robot.clickOn("#source-demo");
    robot.clickOn("#import");
    waitFor("the demo import", () -> session().catalog().get() != null);
  }

  /** Volume page: selects a volume by clicking its name in the table. */
  void pickVolume(String name) {
    assertThat(page()).isEqualTo("Volume");
    waitFor(
        "the volume list",
        () -> robot.lookup("#volume-table").queryTableView().getItems().size() > 0);
    robot.clickOn(
        (Node n) -> n instanceof TableCell<?, ?> c && name.equals(c.getText()) && c.isVisible());
    waitFor(
        "the volume " + name + " to be chosen",
        () -> session().volume().get() != null && session().volume().get().volume().equals(name));
  }

  /** Date page: waits for the calendar to be filled and a restore point chosen. */
  void waitForPoint() {
    waitFor("a restore point", () -> session().point().get() != null);
  }

  /** Chain page: waits for the plan and the header check. */
  void waitForChain() {
    waitFor("the plan", () -> session().plan().get() != null);
    waitFor(
        "the link check",
        () ->
            !next().isDisabled()
                || robot
                    .lookup("#chain-checks")
                    .queryLabeled()
                    .getText()
                    .startsWith("Links checked"));
  }

  Node lookup(String query) {
    return robot.lookup(query).query();
  }
}
