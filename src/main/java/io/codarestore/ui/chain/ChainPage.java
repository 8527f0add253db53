package io.codarestore.ui.chain;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.core.Cancellation;
import io.codarestore.plan.RestorePlan;
import io.codarestore.plan.RestorePoint;
import io.codarestore.restore.LinkCheck;
import io.codarestore.ui.AppContext;
import io.codarestore.ui.RestoreSession;
import io.codarestore.ui.common.ErrorDialog;
import io.codarestore.ui.common.Icons;
import io.codarestore.ui.common.Mnemonics;
import io.codarestore.ui.run.CoreRestore;
import io.codarestore.ui.wizard.PageHeading;
import io.codarestore.ui.wizard.WizardPage;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

/**
 * Page 4: the chain. The planner's chain for the chosen point drawn as a timeline among every dump
 * of the volume around it, then each link checked from the dump headers (green when the uniquifiers
 * continue, red when they prove the link wrong), the plan in plain words, and the space the restore
 * needs against the space free.
 */
public final class ChainPage implements WizardPage {
  private static final PageHeading HEADING =
      new PageHeading(
          org.kordamp.ikonli.materialdesign2.MaterialDesignL.LINK_VARIANT,
          "Chain",
          "What will be read");

  private final AppContext app;
  private final RestoreSession session;
  private final Supplier<CoreRestore> core;
  private final ChainTimeline timeline = new ChainTimeline();
  private final Label explanation = new Label();
  private final Label checks = new Label();
  private final Label space = new Label();
  private final CheckBox acceptUnchecked =
      Mnemonics.checkBox("_I accept that some links could not be checked");
  private final ObjectProperty<List<LinkState>> states = new SimpleObjectProperty<>(List.of());
  private final BooleanProperty checking = new SimpleBooleanProperty();
  private final BooleanBinding complete;
  private final VBox view;
  private ChainModel.Chain data;
  private Task<List<LinkCheck.Link>> checkTask;
  private Cancellation checkCancel;

  public ChainPage(AppContext app, RestoreSession session, Supplier<CoreRestore> core) {
    this.app = app;
    this.session = session;
    this.core = core;
    explanation.setId("chain-explanation");
    explanation.setWrapText(true);
    checks.setId("chain-checks");
    checks.setWrapText(true);
    space.setId("chain-space");
    space.setWrapText(true);
    acceptUnchecked.setId("chain-accept");
    acceptUnchecked
        .selectedProperty()
        .addListener((o, a, now) -> session.acceptUnchecked().set(now));
    acceptUnchecked.setVisible(false);
    acceptUnchecked.managedProperty().bind(acceptUnchecked.visibleProperty());
    ScrollPane drawing = new ScrollPane(timeline);
    drawing.setId("chain-scroll");
    drawing.getStyleClass().add("chain-drawing");
    drawing.setPrefViewportHeight(300);
    VBox words = new VBox(8, explanation, checks, acceptUnchecked, space);
    ScrollPane wordsScroll = new ScrollPane(words);
    wordsScroll.setFitToWidth(true);
    SplitPane split = new SplitPane(drawing, wordsScroll);
    split.setOrientation(javafx.geometry.Orientation.VERTICAL);
    split.setDividerPositions(0.64);
    view = new VBox(8, legend(), split);
    VBox.setVgrow(split, Priority.ALWAYS);
    complete =
        Bindings.createBooleanBinding(
            () ->
                ChainModel.complete(
                    session.plan().get(),
                    checking.get(),
                    states.get(),
                    acceptUnchecked.isSelected()),
            session.plan(),
            states,
            checking,
            acceptUnchecked.selectedProperty());
  }

  /** What the drawing's boxes and arrows mean, with a sample of each. */
  private static Node legend() {
    Label intro =
        new Label(
            "Every dump of the volume by day (columns) and level (rows); arrows go from a base to"
                + " the increment taken against it.");
    intro.setWrapText(true);
    intro.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    intro.getStyleClass().add("hint");
    FlowPane items = new FlowPane(18, 6);
    items.setId("chain-legend");
    items
        .getChildren()
        .addAll(
            box("in-chain", "the chain to restore"),
            box("", "another dump"),
            box("unreadable", "tape overwritten or missing"),
            box("failed", "failed"),
            box("partial", "partial"),
            mark(MaterialDesignC.CHECK_CIRCLE, LinkState.OK, "headers prove the link"),
            mark(MaterialDesignC.CLOSE_CIRCLE, LinkState.BROKEN, "headers prove it wrong"),
            mark(MaterialDesignH.HELP_CIRCLE, LinkState.UNCHECKED, "a header could not be read"));
    return new VBox(6, intro, items);
  }

  private static Node box(String style, String text) {
    Region sample = new Region();
    sample.getStyleClass().add("dump-box");
    if (!style.isEmpty()) {
      sample.getStyleClass().add(style);
    }
    sample.setMinSize(22, 14);
    sample.setPrefSize(22, 14);
    sample.setMaxSize(22, 14);
    Label l = new Label(text, sample);
    l.setGraphicTextGap(6);
    l.getStyleClass().add("legend-item");
    return l;
  }

  private static Node mark(Ikon icon, LinkState state, String text) {
    FontIcon i = Icons.of(icon);
    i.getStyleClass().addAll("legend-mark", state.styleClass());
    Label l = new Label(text, i);
    l.setGraphicTextGap(6);
    l.getStyleClass().add("legend-item");
    return l;
  }

  @Override
  public void entered(boolean forward) {
    RestorePoint point = session.point().get();
    RestorePlan current = session.plan().get();
    if (point == null || current != null && data != null && data.plan() == current) {
      return;
    }
    cancelCheck();
    CatalogVolume volume = session.volume().get();
    Catalog catalog = session.catalog().get().catalog();
    ChainModel model = ChainModel.forService(core.get().service());
    explanation.setText("Computing the chain …");
    checks.setText("");
    checks.getStyleClass().remove("problem-text");
    space.setText("");
    states.set(List.of());
    acceptUnchecked.setSelected(false);
    acceptUnchecked.setVisible(false);
    Task<ChainModel.Chain> task =
        new Task<>() {
          @Override
          protected ChainModel.Chain call() throws Exception {
            return model.load(catalog, volume, point);
          }
        };
    task.setOnSucceeded(e -> shown(task.getValue()));
    task.setOnFailed(
        e -> {
          explanation.setText(
              "The chain could not be computed: " + ErrorDialog.userText(task.getException()));
          ErrorDialog.show(
              view.getScene().getWindow(), "Cannot compute the chain", task.getException());
        });
    app.background().catalog(task);
  }

  private void shown(ChainModel.Chain d) {
    data = d;
    session.plan().set(d.plan());
    timeline.show(d.plan(), d.dumps(), List.of());
    explanation.setText(ChainExplanation.of(d.plan()));
    space.setText(ChainModel.spaceText(d));
    space.getStyleClass().removeAll("problem-text");
    if (!d.free().enough()) {
      space.getStyleClass().add("problem-text");
    }
    if (ChainModel.hasLinks(d.plan())) {
      startCheck(d);
    } else if (d.plan().restorable()) {
      checks.setText("A chain of one full dump has no links to check.");
    }
  }

  private void startCheck(ChainModel.Chain d) {
    states.set(ChainModel.all(d.plan(), LinkState.PENDING));
    checking.set(true);
    checks.setText("Reading the dump headers to check each link …");
    var opened = session.catalog().get();
    Cancellation cancel = new Cancellation();
    checkCancel = cancel;
    CoreRestore restore = core.get();
    checkTask =
        new Task<>() {
          @Override
          protected List<LinkCheck.Link> call() {
            return restore.checkLinks(
                opened.catalog(), d.plan(), opened.vtapeRoot(), opened.config(), cancel);
          }
        };
    Task<List<LinkCheck.Link>> t = checkTask;
    t.setOnSucceeded(
        e -> {
          checking.set(false);
          checked(d, ChainModel.checked(t.getValue()));
        });
    t.setOnFailed(
        e -> {
          checking.set(false);
          checked(d, ChainModel.unreadable(d.plan(), ErrorDialog.userText(t.getException())));
        });
    t.setOnCancelled(e -> checking.set(false));
    app.background().catalog(t);
  }

  private void checked(ChainModel.Chain d, ChainModel.Checked c) {
    states.set(c.states());
    checks.setText(c.text());
    checks.getStyleClass().remove("problem-text");
    if (c.broken()) {
      checks.getStyleClass().add("problem-text");
    }
    acceptUnchecked.setVisible(c.needsAcceptance());
    timeline.show(d.plan(), d.dumps(), c.states());
  }

  private void cancelCheck() {
    if (checkTask != null && checkTask.isRunning()) {
      checkCancel.cancel();
      checkTask.cancel();
    }
    checking.set(false);
  }

  /** The timeline, for tests. */
  ChainTimeline timeline() {
    return timeline;
  }

  @Override
  public boolean cancelWork() {
    if (checkTask != null && checkTask.isRunning()) {
      cancelCheck();
      return true;
    }
    return false;
  }

  @Override
  public PageHeading pageHeading() {
    return HEADING;
  }

  @Override
  public Node view() {
    return view;
  }

  @Override
  public ObservableBooleanValue complete() {
    return complete;
  }
}
