package io.codarestore.ui.wizard;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * One step of the restore wizard. The frame shows {@link #view()} under {@link #heading()}, enables
 * Next only while {@link #complete()} is true, and tells the page when it is shown.
 */
public interface WizardPage {
  /**
   * The page's icon, short name and question, for a page whose heading does not change; a page that
   * gives none overrides {@link #title()} and {@link #heading()} instead.
   */
  default PageHeading pageHeading() {
    return null;
  }

  /** Short name in the step list, e.g. "Volume". */
  default String title() {
    return pageHeading().title();
  }

  /** The page's icon in the step list, or null. */
  default org.kordamp.ikonli.Ikon icon() {
    PageHeading h = pageHeading();
    return h == null ? null : h.icon();
  }

  /** The question the page asks, shown above it, e.g. "Which volume?". */
  default String heading() {
    return pageHeading().question();
  }

  /** The heading as it changes (e.g. "Restoring" then "The restore failed"); fixed by default. */
  default javafx.beans.value.ObservableValue<String> headingValue() {
    return new javafx.beans.property.ReadOnlyStringWrapper(heading());
  }

  /** False on a page where there is nothing left to cancel (the Summary): Cancel is hidden. */
  default boolean showsCancel() {
    return true;
  }

  /** The control that gets the keyboard focus when the page is shown and Next is disabled. */
  default Node initialFocus() {
    return null;
  }

  /**
   * Next (or Enter) was pressed on a complete page. A page that must do something first (open the
   * chosen source, ask before writing to a server) returns true and calls {@code proceed} once
   * done; false goes on at once.
   */
  default boolean beforeNext(Runnable proceed) {
    return false;
  }

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
