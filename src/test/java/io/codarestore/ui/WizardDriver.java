package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
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

  /** Restore on the Target page for a server target: confirms the question it asks first. */
  void restoreIntoServer() {
    assertThat(next().isDisabled()).as("Restore is enabled on " + page()).isFalse();
    int before = app.window().wizard().currentIndex();
    robot.clickOn("#wizard-next");
    waitFor("the question", () -> robot.lookup("#target-confirm").tryQuery().isPresent());
    robot.clickOn("Restore into the server");
    waitFor("the Run page", () -> app.window().wizard().currentIndex() != before);
  }

  /** Clicks a node once it is shown (pages swap their content on the FX thread). */
  void click(String query) {
    waitFor(
        query + " to be shown",
        () -> robot.lookup(query).match(Node::isVisible).tryQuery().isPresent());
    reveal(robot.lookup(query).match(Node::isVisible).query()); // scrolled into view first
    robot.clickOn(query);
  }

  String page() {
    return app.window().wizard().currentPage().title();
  }

  /**
   * Waits until {@code condition} holds, asking it on the FX thread: controls change there, and a
   * text area read from the test thread while the page rewrites it can throw (seen:
   * StringIndexOutOfBoundsException from {@code TextArea.getText()} during a dry run's update).
   */
  static void waitFor(String what, Callable<Boolean> condition) {
    Callable<Boolean> onFx = () -> WaitForAsyncUtils.asyncFx(condition).get(30, TimeUnit.SECONDS);
    try {
      WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, onFx);
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

  /** From the first start to the Target page: the demo, coda.root, its newest point, its chain. */
  void toTarget() {
    importDemo();
    clickNext();
    pickVolume("coda.root");
    clickNext();
    waitForPoint();
    clickNext();
    waitForChain();
    clickNext();
    assertThat(page()).isEqualTo("Target");
  }

  /** Scrolls the page so that {@code n} is on screen (as a user scrolls to a field). */
  void reveal(Node n) {
    robot.interact(
        () -> {
          for (Parent p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp) {
              Node content = sp.getContent();
              Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
              double extra =
                  content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
              if (extra > 0) {
                sp.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 40) / extra)));
              }
              return;
            }
          }
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Clicks into a text field and types {@code text} over what it holds. */
  void fill(String query, String text) {
    TextInputControl f = robot.lookup(query).queryTextInputControl();
    reveal(f);
    robot.clickOn(f);
    robot.interact(f::selectAll);
    if (text.isEmpty()) {
      robot.type(KeyCode.BACK_SPACE);
    } else {
      robot.write(text);
    }
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(f.getText()).as(query).isEqualTo(text);
  }

  /** Clicks a control after scrolling it into view. */
  void clickRevealed(String query) {
    Node n = robot.lookup(query).query();
    reveal(n);
    robot.clickOn(n);
    WaitForAsyncUtils.waitForFxEvents();
  }

  String targetProblem() {
    return robot.lookup("#target-problem").queryLabeled().getText();
  }

  /** Waits until the Target page names {@code text} as the problem; Next must be disabled. */
  void assertTargetProblem(String text) {
    waitFor("the problem '" + text + "'", () -> targetProblem().contains(text));
    assertThat(next().isDisabled()).as("Next with: " + text).isTrue();
  }

  /** Waits until the target is valid and the dry run holds {@code text}; returns the dry run. */
  String dryRunWith(String text) {
    waitFor("a valid target (problem: " + targetProblem() + ")", () -> !next().isDisabled());
    waitFor(
        "the dry run with " + text,
        () -> robot.lookup("#target-dry-run").queryTextInputControl().getText().contains(text));
    return onFx(() -> robot.lookup("#target-dry-run").queryTextInputControl().getText());
  }

  /** A value read on the FX thread. */
  static <T> T onFx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("cannot read the window on the FX thread", e);
    }
  }
}
