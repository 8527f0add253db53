package io.codarestore.ui.run;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.ui.AppContext;
import io.codarestore.ui.RestoreSession;
import io.codarestore.ui.common.ErrorDialog;
import io.codarestore.ui.common.FxProgress;
import io.codarestore.ui.common.StageProgress;
import io.codarestore.ui.source.OpenedCatalog;
import io.codarestore.ui.summary.SummaryModel;
import io.codarestore.ui.wizard.WizardPage;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Page 6: the restore runs. One line per stage (each dump's fetch, the merge, the verify, the
 * extraction or volutil) with its bar, bytes, rate and time left; the run log as it is written.
 * Cancel stops the run at once and removes what it created; Back is blocked while it runs. A thin
 * view over {@link RunModel}, which holds the run's state and rules.
 */
public final class RunPage implements WizardPage {
  private final AppContext app;
  private final RestoreSession session;
  private final Supplier<CoreRestore> core;
  private final ObservableList<StageProgress> stages = FXCollections.observableArrayList();
  private final ObservableList<String> log = FXCollections.observableArrayList();
  private final TableView<StageProgress> table = new TableView<>(stages);
  private final ListView<String> logView = new ListView<>(log);
  private final Label status = new Label();
  private final ProgressBar overall = new ProgressBar(0);
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final BooleanProperty stopped = new SimpleBooleanProperty();
  private final Button retry = new Button("Try a_gain");
  private final javafx.beans.property.StringProperty heading =
      new javafx.beans.property.SimpleStringProperty("Restoring");
  private final BooleanBinding complete;
  private final VBox view;
  private final Label placeholder = new Label("Waiting for the first stage …");
  private final RunModel model = new RunModel(java.time.ZoneId.systemDefault());
  private Task<SummaryModel> task;

  public RunPage(AppContext app, RestoreSession session, Supplier<CoreRestore> core) {
    this.app = app;
    this.session = session;
    this.core = core;
    status.setId("run-status");
    status.setWrapText(true);
    overall.setId("run-overall");
    overall.setMaxWidth(Double.MAX_VALUE);
    table.setId("run-stages");
    table.setPlaceholder(placeholder);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPrefHeight(250);
    table.setMinHeight(250);
    var cols = table.getColumns();
    TableColumn<StageProgress, String> name = text("Stage", StageProgress::stage);
    name.setPrefWidth(300);
    name.setCellFactory(col -> wrapping());
    cols.add(name);
    cols.add(bar());
    TableColumn<StageProgress, String> bytes = text("Bytes", RunModel::bytes);
    bytes.setPrefWidth(170);
    bytes.setMinWidth(130);
    cols.add(bytes);
    // Once the run has stopped, a stage's rate and time left are history: not shown.
    cols.add(text("Rate", model::rate));
    cols.add(text("Time left", model::timeLeft));
    cols.get(cols.size() - 1).setMinWidth(95);
    cols.get(cols.size() - 2).setMinWidth(85);
    logView.setId("run-log");
    logView.getStyleClass().add("mono");
    logView.setCellFactory(l -> wrappedLine());
    Label logTitle = new Label("Run log");
    logTitle.getStyleClass().add("section-title");
    retry.setId("run-retry");
    io.codarestore.ui.common.Icons.on(
        retry, org.kordamp.ikonli.materialdesign2.MaterialDesignR.REFRESH, false);
    // Disabled rather than hidden: a button laid out while hidden never gets its Alt+T.
    retry.disableProperty().bind(stopped.not());
    retry.setOnAction(e -> start());
    retry.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    HBox.setHgrow(status, Priority.ALWAYS);
    status.setMaxWidth(Double.MAX_VALUE);
    status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    HBox head = new HBox(10, status, retry);
    head.setAlignment(Pos.CENTER_LEFT);
    view = new VBox(10, head, overall, table, logTitle, logView);
    VBox.setVgrow(logView, Priority.ALWAYS);
    complete = Bindings.isNotNull(session.outcome()).and(running.not());
  }

  private static TableColumn<StageProgress, String> text(
      String title, Function<StageProgress, String> value) {
    TableColumn<StageProgress, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
    c.setSortable(false);
    return c;
  }

  /**
   * A cell whose text wraps at the column's width, long paths included (a Text breaks a word longer
   * than the line; a label would cut it with "…").
   */
  private static TableCell<StageProgress, String> wrapping() {
    javafx.scene.text.Text text = new javafx.scene.text.Text();
    TableCell<StageProgress, String> cell =
        new TableCell<>() {
          @Override
          protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            text.setText(empty || item == null ? "" : item);
            setGraphic(empty ? null : text);
          }
        };
    text.fontProperty().bind(cell.fontProperty());
    text.wrappingWidthProperty().bind(cell.widthProperty().subtract(14));
    return cell;
  }

  private static TableColumn<StageProgress, Double> bar() {
    TableColumn<StageProgress, Double> c = new TableColumn<>("Progress");
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().fraction()));
    c.setSortable(false);
    c.setPrefWidth(130);
    c.setCellFactory(
        col ->
            new TableCell<>() {
              private final ProgressBar bar = new ProgressBar();

              {
                bar.setMaxWidth(Double.MAX_VALUE);
              }

              @Override
              protected void updateItem(Double f, boolean empty) {
                super.updateItem(f, empty);
                if (empty || f == null) {
                  setGraphic(null);
                } else {
                  bar.setProgress(f < 0 ? ProgressBar.INDETERMINATE_PROGRESS : f);
                  setGraphic(bar);
                }
              }
            });
    return c;
  }

  @Override
  public void entered(boolean forward) {
    if (model.startsOnEntry(forward, session.outcome().get() != null)) {
      start();
    }
  }

  private void start() {
    RestorePlan plan = session.plan().get();
    RestoreTarget target = session.target().get();
    OpenedCatalog catalog = session.catalog().get();
    Cancellation c = model.start(plan, target, catalog != null);
    if (c == null) {
      return;
    }
    stages.clear();
    log.clear();
    ProgressListener progress =
        app.runProgress().apply(new FxProgress(this::showStages, this::appendLog));
    CoreRestore restore = core.get();
    boolean accept = session.acceptUnchecked().get();
    task =
        new Task<>() {
          @Override
          protected SummaryModel call() {
            return restore.run(
                catalog.catalog(),
                plan,
                target,
                catalog.vtapeRoot(),
                catalog.config(),
                accept,
                progress,
                c,
                line -> Platform.runLater(() -> appendLog(line)));
          }
        };
    render();
    task.setOnSucceeded(
        e -> {
          model.succeeded(target);
          render();
          session.outcome().set(task.getValue());
        });
    task.setOnFailed(
        e -> {
          boolean show = model.failed(task.getException());
          render();
          table.refresh(); // no rate or time left once stopped
          if (show) {
            ErrorDialog.show(
                view.getScene().getWindow(), "The restore failed", task.getException());
          }
        });
    app.background().catalog(task); // the job reads the catalog: one user at a time
  }

  /** Mirrors the model into the controls. */
  private void render() {
    running.set(model.running());
    stopped.set(model.stopped());
    heading.set(model.heading());
    placeholder.setText(model.placeholder());
    overall.setProgress(
        model.overall() == RunModel.INDETERMINATE
            ? ProgressBar.INDETERMINATE_PROGRESS
            : model.overall());
    status.setText(model.status());
    List<String> lines = model.log();
    if (lines.size() > log.size()) {
      log.addAll(lines.subList(log.size(), lines.size()));
      logView.scrollTo(log.size() - 1);
    }
  }

  private void showStages(List<StageProgress> now) {
    model.stages(now);
    stages.setAll(model.stages());
    overall.setProgress(
        model.overall() == RunModel.INDETERMINATE
            ? ProgressBar.INDETERMINATE_PROGRESS
            : model.overall());
  }

  /** A run log line as the page shows it: wrapped to the list's width, never scrolled sideways. */
  private ListCell<String> wrappedLine() {
    javafx.scene.text.Text text = new javafx.scene.text.Text();
    ListCell<String> cell =
        new ListCell<>() {
          @Override
          protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            text.setText(empty || item == null ? "" : item);
            setGraphic(empty ? null : text);
          }
        };
    text.fontProperty().bind(cell.fontProperty());
    text.wrappingWidthProperty().bind(logView.widthProperty().subtract(40));
    cell.setPrefWidth(0); // the list's width, not the longest line's
    return cell;
  }

  private void appendLog(String line) {
    log.add(model.appendLog(line));
    logView.scrollTo(log.size() - 1);
  }

  /**
   * Cancel while a restore runs asks first (the default answer keeps it running); stopping removes
   * what the run wrote. On an idle page there is nothing to stop.
   */
  @Override
  public boolean cancelWork() {
    if (!model.canCancel()) {
      return false;
    }
    javafx.scene.control.ButtonType stop =
        new javafx.scene.control.ButtonType(
            "Stop the restore", javafx.scene.control.ButtonBar.ButtonData.OTHER);
    javafx.scene.control.ButtonType keep =
        new javafx.scene.control.ButtonType(
            "Keep restoring", javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
    javafx.scene.control.Alert a =
        new javafx.scene.control.Alert(
            javafx.scene.control.Alert.AlertType.CONFIRMATION,
            "What this run has written so far is removed; nothing else is touched.",
            stop,
            keep);
    a.initOwner(view.getScene().getWindow());
    a.setTitle("Stop the restore?");
    a.setHeaderText("Stop the restore that is running?");
    ((Button) a.getDialogPane().lookupButton(keep)).setDefaultButton(true);
    ((Button) a.getDialogPane().lookupButton(stop)).setDefaultButton(false);
    a.getDialogPane().setId("run-stop-dialog");
    Cancellation c = model.cancellation();
    a.showAndWait()
        .filter(b -> b == stop)
        .ifPresent(
            b -> {
              if (model.cancel(c)) {
                status.setText(model.status());
              }
            });
    return true;
  }

  /** True while a restore runs (for the main window's close request). */
  public boolean isRunning() {
    return model.running();
  }

  @Override
  public ObservableBooleanValue canGoBack() {
    return running.not();
  }

  @Override
  public org.kordamp.ikonli.Ikon icon() {
    return org.kordamp.ikonli.materialdesign2.MaterialDesignP.PLAY;
  }

  @Override
  public String title() {
    return "Run";
  }

  @Override
  public String heading() {
    return heading.get();
  }

  @Override
  public javafx.beans.value.ObservableValue<String> headingValue() {
    return heading;
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
