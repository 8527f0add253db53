package io.codarestore.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds the texts a window shows cut short: every visible label, button, cell or header whose drawn
 * text is not its whole text (JavaFX draws an ellipsis, "…", in place of what did not fit).
 */
public final class CutText {
  private CutText() {}

  /** One line per cut text: the control, its whole text and what is drawn. */
  public static List<String> in(Parent root) {
    try {
      // On the FX thread, after a layout pass (a label added a moment ago has no text drawn yet).
      return org.testfx.util.WaitForAsyncUtils.asyncFx(
              () -> {
                root.applyCss();
                root.layout();
                List<String> cut = new ArrayList<>();
                collect(root, cut);
                return cut;
              })
          .get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot look for cut texts", e);
    }
  }

  private static void collect(Node n, List<String> cut) {
    if (!n.isVisible()) {
      return;
    }
    if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
      String whole = l.isMnemonicParsing() ? l.getText().replaceFirst("_", "") : l.getText();
      whole = whole.replace("\u200B", "");
      for (Node c : l.getChildrenUnmodifiable()) {
        if (c instanceof Text t
            && c.getClass().getSimpleName().equals("LabeledText")
            && c.isVisible()
            && !whole.equals(t.getText().replace("\u200B", ""))) {
          cut.add(
              l.getClass().getSimpleName()
                  + (l.getId() == null ? "" : " #" + l.getId())
                  + ": '"
                  + whole
                  + "' drawn as '"
                  + t.getText()
                  + "'");
        }
      }
    }
    if (n instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        collect(c, cut);
      }
    }
  }
}
