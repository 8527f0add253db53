package io.codarestore.ui.wizard;

import io.codarestore.ui.common.Icons;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The wizard's frame: the list of steps on the left, the current page with its heading in the
 * middle, and Back / Next / Cancel at the bottom. Next is the default button (Enter) and is
 * disabled until the page is complete; every button has a mnemonic (Alt+B, Alt+N, Alt+C).
 *
 * <p>Enter means Next on every page: after each page change the focus goes to Next (or, while Next
 * is disabled, to the page's first control, never to Cancel), and a node marked with {@link
 * #ENTER_IS_NEXT} (the calendar) passes Enter on as Next. A finished step in the list on the left
 * can be clicked to go back to it.
 */
public final class WizardFrame extends BorderPane {
  /** What Cancel does when no page has work to stop. */
  public interface CancelHandler {
    void abandon();
  }

  /** Node property: Enter pressed inside this node means Next (the node would consume it). */
  public static final String ENTER_IS_NEXT = "wizard.enterIsNext";

  private final List<WizardPage> pages;
  private final IntegerProperty index = new SimpleIntegerProperty(-1);
  private final StackPane content = new StackPane();
  private final Label heading = new Label();
  private final List<Label> steps = new ArrayList<>();
  private final Button back = new Button("_Back");
  private final Button next = new Button("_Next");
  private final Button cancel = new Button("_Cancel");
  private Runnable onFinish = () -> {};
  private CancelHandler onCancel = () -> {};

  public WizardFrame(List<WizardPage> pages) {
    if (pages.isEmpty()) {
      throw new IllegalArgumentException("a wizard needs pages");
    }
    this.pages = List.copyOf(pages);
    getStyleClass().add("wizard");
    setLeft(stepList());
    heading.getStyleClass().addAll("wizard-heading", "title-2");
    heading.setId("wizard-heading");
    content.getStyleClass().add("wizard-content");
    VBox center = new VBox(12, heading, content);
    VBox.setVgrow(content, Priority.ALWAYS);
    center.setPadding(new Insets(20, 24, 12, 24));
    setCenter(center);
    setBottom(buttons());
    addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, this::enterInMarkedNode);
    next.disabledProperty().addListener((o, was, now) -> nextEnabledChanged(now));
    show(0, true);
  }

  private void enterInMarkedNode(javafx.scene.input.KeyEvent e) {
    if (e.getCode() != javafx.scene.input.KeyCode.ENTER || e.isAltDown() || e.isControlDown()) {
      return;
    }
    if (e.getTarget() instanceof javafx.scene.control.ToggleButton
        || e.getTarget() instanceof javafx.scene.control.CheckBox) {
      e.consume(); // a choice just made (a radio button, a tick) is not pressed again: Next
      goNext();
      return;
    }
    for (javafx.scene.Node n = e.getTarget() instanceof javafx.scene.Node t ? t : null;
        n != null;
        n = n.getParent()) {
      if (Boolean.TRUE.equals(n.getProperties().get(ENTER_IS_NEXT))) {
        e.consume();
        goNext();
        return;
      }
    }
  }

  /** Keeps the focus off Cancel when Next is disabled under it, and on Next once it is enabled. */
  private void nextEnabledChanged(boolean disabled) {
    if (getScene() == null) {
      return;
    }
    javafx.scene.Node owner = getScene().getFocusOwner();
    if (disabled && (owner == next || owner == cancel || owner == back)) {
      javafx.application.Platform.runLater(this::focusPage);
    } else if (!disabled
        && (owner == null
            || owner == content
            || owner == cancel
            || owner == back
            || owner.isDisabled())) {
      next.requestFocus();
    }
  }

  private void focusPage() {
    if (!next.isDisabled()) {
      next.requestFocus();
      return;
    }
    javafx.scene.Node first = currentPage().initialFocus();
    if (first != null) {
      first.requestFocus();
    } else {
      content.requestFocus();
    }
  }

  private VBox stepList() {
    VBox list = new VBox(4);
    list.getStyleClass().add("wizard-steps");
    list.setPadding(new Insets(20, 12, 20, 12));
    list.setPrefWidth(190);
    list.setMinWidth(170);
    Label app = new Label("Restore");
    app.getStyleClass().add("wizard-steps-title");
    list.getChildren().add(app);
    for (int i = 0; i < pages.size(); i++) {
      Label step = new Label((i + 1) + "   " + pages.get(i).title());
      if (pages.get(i).icon() != null) {
        step.setGraphic(Icons.of(pages.get(i).icon()));
        step.setGraphicTextGap(10);
        step.setText(pages.get(i).title());
      }
      step.getStyleClass().add("wizard-step");
      step.setMaxWidth(Double.MAX_VALUE);
      step.setId("step-" + (i + 1));
      int target = i;
      step.setOnMouseClicked(e -> goBackTo(target));
      steps.add(step);
      list.getChildren().add(step);
    }
    return list;
  }

  private HBox buttons() {
    back.setId("wizard-back");
    next.setId("wizard-next");
    cancel.setId("wizard-cancel");
    Icons.on(back, MaterialDesignA.ARROW_LEFT, false);
    Icons.on(next, MaterialDesignA.ARROW_RIGHT, true);
    Icons.on(cancel, MaterialDesignC.CLOSE, false);
    next.setDefaultButton(true);
    next.getStyleClass().add("accent");
    for (Button b : List.of(back, next, cancel)) {
      b.setMnemonicParsing(true);
      b.setMinWidth(96);
    }
    back.setOnAction(e -> goBack());
    next.setOnAction(e -> goNext());
    cancel.setOnAction(e -> cancel());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    content.setFocusTraversable(false);
    cancel.managedProperty().bind(cancel.visibleProperty());
    HBox bar = new HBox(10, spacer, back, next, cancel);
    bar.setAlignment(Pos.CENTER_RIGHT);
    bar.setPadding(new Insets(12, 24, 16, 24));
    bar.getStyleClass().add("wizard-buttons");
    return bar;
  }

  /** Called when Next is pressed on the last page. */
  public void setOnFinish(Runnable onFinish) {
    this.onFinish = onFinish;
  }

  public void setOnCancel(CancelHandler onCancel) {
    this.onCancel = onCancel;
  }

  public WizardPage currentPage() {
    return pages.get(index.get());
  }

  public int currentIndex() {
    return index.get();
  }

  public IntegerProperty indexProperty() {
    return index;
  }

  public List<WizardPage> pages() {
    return pages;
  }

  public void goNext() {
    if (next.isDisabled()) {
      return;
    }
    int at = index.get();
    if (currentPage().beforeNext(() -> proceedFrom(at))) {
      return;
    }
    proceedFrom(at);
  }

  private void proceedFrom(int at) {
    if (index.get() != at) {
      return; // the user moved on (or back) meanwhile
    }
    if (index.get() == pages.size() - 1) {
      onFinish.run();
    } else {
      show(index.get() + 1, true);
    }
  }

  public void goBack() {
    if (!back.isDisabled()) {
      show(index.get() - 1, false);
    }
  }

  /** Back to a finished step (a click in the step list), when the current page may be left. */
  public void goBackTo(int step) {
    if (step < index.get() && !back.isDisabled()) {
      show(step, false);
    }
  }

  /** Back to the first page, e.g. after "Start over". */
  public void restart() {
    show(0, false);
  }

  private void cancel() {
    if (!currentPage().cancelWork()) {
      onCancel.abandon();
    }
  }

  private void show(int i, boolean forward) {
    WizardPage page = pages.get(i);
    index.set(i);
    heading.textProperty().bind(page.headingValue());
    content.getChildren().setAll(page.view());
    next.setText(page.nextText());
    next.disableProperty().bind(Bindings.not(page.complete()));
    back.disableProperty().bind(Bindings.not(page.canGoBack()).or(index.isEqualTo(0)));
    for (int s = 0; s < steps.size(); s++) {
      Label step = steps.get(s);
      step.getStyleClass().removeAll("current", "done");
      if (s == i) {
        step.getStyleClass().add("current");
      } else if (s < i) {
        step.getStyleClass().add("done");
      }
    }
    cancel.setVisible(page.showsCancel());
    page.entered(forward);
    javafx.application.Platform.runLater(this::focusPage);
  }
}
