package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.ui.common.Glossary;
import io.codarestore.ui.common.JargonTips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import javafx.stage.Window;
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
 * Issue 16 item 18: every jargon word a page shows (level, uniquifier, SCM, createvol_rep,
 * "promoted (type 4)", bldvldb.sh) has the glossary's line in a tooltip on the very node that shows
 * it. The wizard is walked with the demo from Source to Target, every target kind is chosen, and on
 * each page every label, button, cell, text and field of every window is checked.
 */
@ExtendWith(ApplicationExtension.class)
class JargonHelpTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;
  private final Set<String> seen = new TreeSet<>();

  @Start
  void start(Stage stage) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    app =
        new CodaRestoreApp(
            new AppDirectories(tmp.resolve("config"), tmp.resolve("data"), home),
            new TestDesktop(),
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

  /** Every node of every showing window that shows a jargon word without its glossary line. */
  private List<String> withoutHelp() throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () -> {
              List<String> out = new ArrayList<>();
              for (Window w : Window.getWindows()) {
                if (w.isShowing() && w.getScene() != null) {
                  walk(w.getScene().getRoot(), out);
                }
              }
              return out;
            })
        .get(10, TimeUnit.SECONDS);
  }

  private void walk(Node n, List<String> out) {
    String text = JargonTips.textOf(n);
    if (text != null && n.isVisible()) {
      Tooltip tip = JargonTips.tooltipOf(n);
      for (String line : JargonTips.linesFor(text)) {
        seen.add(line.substring(0, line.indexOf(':')));
        if (tip == null || tip.getText() == null || !tip.getText().contains(line)) {
          out.add(n.getClass().getSimpleName() + " '" + text + "' lacks \"" + line + "\"");
        }
      }
    }
    if (n instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        walk(c, out);
      }
    }
  }

  private void assertHelpEverywhere(String where) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> withoutHelp().isEmpty());
    } catch (java.util.concurrent.TimeoutException e) {
      // fall through to the assertion, which names what lacks help
    }
    assertThat(withoutHelp()).as("jargon without help on " + where).isEmpty();
  }

  @Test
  void everyJargonWordOnEveryPageHasItsGlossaryLine(FxRobot robot) throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    assertHelpEverywhere("Source");
    w.importDemo();
    assertHelpEverywhere("Source after the import");
    w.clickNext();
    w.pickVolume("coda.root");
    assertHelpEverywhere("Volume");
    w.clickNext();
    w.waitForPoint();
    assertHelpEverywhere("Date");
    w.clickNext();
    w.waitForChain();
    assertHelpEverywhere("Chain");
    w.clickNext();
    assertThat(w.page()).isEqualTo("Target");
    for (String kind :
        List.of(
            "#target-kind-dir",
            "#target-kind-tar",
            "#target-kind-dump",
            "#target-kind-ro",
            "#target-kind-rw",
            "#target-kind-replica",
            "#target-kind-copyin")) {
      w.click(kind);
      assertHelpEverywhere("Target, " + kind);
    }
    assertThat(seen)
        .as("the walk met the words (else it proves nothing)")
        .contains("Level", "SCM", "createvol_rep", "Promoted (type 4)");
    for (String term : seen) {
      assertThat(Glossary.line(term)).as("in the glossary").startsWith(term + ": ");
    }
  }
}
