package io.codarestore.ui.run;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.RestorePlan;
import io.codarestore.ui.AppContext;
import io.codarestore.ui.RestoreSession;
import io.codarestore.ui.common.ErrorDialog;
import io.codarestore.ui.common.Formats;
import io.codarestore.ui.common.FxProgress;
import io.codarestore.ui.common.StageProgress;
import io.codarestore.ui.source.OpenedCatalog;
import io.codarestore.ui.target.RestoreTarget;
import io.codarestore.ui.wizard.WizardPage;
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
 * Cancel stops the run at once and removes what it created; Back is blocked while it runs.
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
  private final BooleanBinding complete;
  private final VBox view;
  private Task<RunOutcome> task;
  private Cancellation cancel;

  public RunPage(AppContext app, RestoreSession session, Supplier<CoreRestore> core) {
    this.app = app;
    this.session = session;
    this.core = core;
    status.setId("run-status");
    status.setWrapText(true);
    overall.setId("run-overall");
    overall.setMaxWidth(Double.MAX_VALUE);
    table.setId("run-stages");
    table.setPlaceholder(new Label("Waiting for the first stage …"));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPrefHeight(250);
    table.setMinHeight(250);
    var cols = table.getColumns();
    TableColumn<StageProgress, String> name = text("Stage", StageProgress::stage);
    name.setPrefWidth(300);
    cols.add(name);
    cols.add(bar());
    TableColumn<StageProgress, String> bytes =
        text(
            "Bytes",
            s ->
                Formats.bytes(s.doneBytes())
                    + (s.totalBytes() > 0 ? " of " + Formats.bytes(s.totalBytes()) : ""));
    bytes.setPrefWidth(170);
    cols.add(bytes);
    cols.add(text("Rate", s -> Formats.rate(s.bytesPerSecond())));
    cols.add(
        text(
            "Time left",
            s -> s.state() == StageProgress.State.DONE ? "done" : Formats.duration(s.eta())));
    logView.setId("run-log");
    logView.getStyleClass().addAll("mono", "compact");
    Label logTitle = new Label("Run log");
    logTitle.getStyleClass().add("section-title");
    retry.setId("run-retry");
    io.codarestore.ui.common.Icons.on(
        retry, org.kordamp.ikonli.materialdesign2.MaterialDesignR.REFRESH, false);
    // Disabled rather than hidden: a button laid out while hidden never gets its Alt+T.
    retry.disableProperty().bind(stopped.not());
    retry.setOnAction(e -> start());
    HBox.setHgrow(status, Priority.ALWAYS);
    status.setMaxWidth(Double.MAX_VALUE);
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
    if (forward && !running.get() && session.outcome().get() == null) {
      start();
    }
  }

  private void start() {
    RestorePlan plan = session.plan().get();
    RestoreTarget target = session.target().get();
    OpenedCatalog catalog = session.catalog().get();
    if (plan == null || target == null || catalog == null) {
      return;
    }
    stages.clear();
    log.clear();
    cancel = new Cancellation();
    Cancellation c = cancel;
    ProgressListener progress =
        app.runProgress().apply(new FxProgress(this::showStages, this::appendLog));
    CoreRestore restore = core.get();
    boolean accept = session.acceptUnchecked().get();
    task =
        new Task<>() {
          @Override
          protected RunOutcome call() {
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
    running.set(true);
    stopped.set(false);
    overall.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
    status.setText(
        "Restoring " + plan.host() + ":" + plan.volume() + " to " + target.describe() + " …");
    task.setOnSucceeded(
        e -> {
          running.set(false);
          overall.setProgress(1);
          status.setText("Finished: " + target.describe() + ".");
          session.outcome().set(task.getValue());
        });
    task.setOnFailed(
        e -> {
          running.set(false);
          stopped.set(true);
          overall.setProgress(0);
          Throwable error = task.getException();
          if (error instanceof Cancellation.CancelledException || c.isCancelled()) {
            appendLog("cancelled: everything this run had written was removed");
            status.setText(
                "Cancelled. Everything this run had written was removed. Try again, or go Back"
                    + " to change the target.");
          } else {
            appendLog("failed: " + ErrorDialog.userText(error));
            status.setText(
                "The restore failed: "
                    + ErrorDialog.userText(error)
                    + " Try again, or go Back to change the target.");
            ErrorDialog.show(view.getScene().getWindow(), "The restore failed", error);
          }
        });
    app.background().catalog(task); // the job reads the catalog: one user at a time
  }

  private void showStages(java.util.List<StageProgress> now) {
    stages.setAll(now);
    long done = now.stream().filter(s -> s.state() == StageProgress.State.DONE).count();
    if (running.get() && !now.isEmpty()) {
      overall.setProgress(Math.min(0.99, (double) done / (now.size() + 1)));
    }
  }

  private void appendLog(String line) {
    log.add(line);
    logView.scrollTo(log.size() - 1);
  }

  @Override
  public boolean cancelWork() {
    if (running.get() && cancel != null) {
      cancel.cancel();
      status.setText("Cancelling: stopping and removing what was written …");
      return true;
    }
    return false;
  }

  /** True while a restore runs (for the main window's close request). */
  public boolean isRunning() {
    return running.get();
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
    return "Restoring";
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
