package io.codarestore.ui.wizard;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * One step of the restore wizard. The frame shows {@link #view()} under {@link #heading()}, enables
 * Next only while {@link #complete()} is true, and tells the page when it is shown.
 */
public interface WizardPage {
  /** Short name in the step list, e.g. "Volume". */
  String title();

  /** The page's icon in the step list, or null. */
  default org.kordamp.ikonli.Ikon icon() {
    return null;
  }

  /** The question the page asks, shown above it, e.g. "Which volume?". */
  String heading();

  Node view();

  /** True when the user may go on; the frame disables Next otherwise. */
  ObservableBooleanValue complete();

  /** Called each time the page is shown, after the user moved forward or back to it. */
  default void entered(boolean forward) {}

  /** False while the page must not be left backwards (e.g. a restore is running). */
  default ObservableBooleanValue canGoBack() {
    return javafx.beans.binding.Bindings.createBooleanBinding(() -> true);
  }

  /** The Next button's text on this page (with a mnemonic). */
  default String nextText() {
    return "_Next";
  }

  /**
   * The user pressed Cancel. A page with work in progress stops it and returns true; otherwise
   * false lets the frame ask whether to abandon the restore.
   */
  default boolean cancelWork() {
    return false;
  }
}
