package io.codarestore.ui.find;

import io.codarestore.catalog.Catalog;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.index.FileQueries;
import io.codarestore.plan.DumpMedia;
import io.codarestore.plan.PlanTarget;
import io.codarestore.restore.MediaChoice;
import io.codarestore.restore.PathsOutcome;
import io.codarestore.restore.PathsRequest;
import io.codarestore.restore.RestoreService;
import io.codarestore.ui.Theme;
import io.codarestore.ui.common.Background;
import io.codarestore.ui.common.Formats;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.textfield.TextFields;

/**
 * "Find a file": a search over every volume of the catalog's file index (results as you type; the
 * query runs on the catalog's worker thread, never on the FX thread), the chosen file's versions as
 * a timeline, "restore this version" into a folder, and a tab that browses a volume's tree as of
 * any restore point before anything is fetched.
 */
public final class FindWindow {
  static final int LIMIT = 500;
  static final String HINT = "Type a name, or a glob such as *.tex";

  private final Background background;
  private final Catalog catalog;
  private final DumpMedia media; // for indexing; restores go through the service
  private final RestoreService service;
  private final RestoreService.Source source;
  private final Stage stage = new Stage();
  // ControlsFX: a search field with a clear button (the "×" that appears once something is typed).
  private final TextField search = TextFields.createClearableTextField();
  private final TableView<FileQueries.Found> results = new TableView<>();
  private final TableView<FileQueries.Version> versions = new TableView<>();
  private final VersionTimeline timeline = new VersionTimeline();
  private final Button restore = new Button("_Restore this version…");
  // ControlsFX: the window's status line along its bottom, with the indexing progress in it.
  private final StatusBar status = new StatusBar();
  private final PauseTransition debounce = new PauseTransition(Duration.millis(150));
  private final AtomicLong generation = new AtomicLong();
  private final RestorePointBrowser browser;
  private final Button index = new Button("_Index the dumps");
  private final Button cancelIndex = new Button("Cancel indexing");
  private volatile Cancellation indexing = Cancellation.none();
  private volatile ProgressListener indexObserver = ProgressListener.NONE;

  /**
   * @param service the restore service the restores go through
   * @param vtapeRoot where the vtapes are, or null (then the media the catalog knows)
   */
  public FindWindow(
      Background background,
      RestoreService service,
      Catalog catalog,
      Path vtapeRoot,
      Window owner) {
    this.background = background;
    this.catalog = catalog;
    this.media = DumpMedia.vtapes(vtapeRoot);
    this.service = service;
    this.source =
        new RestoreService.Source(catalog, catalog.file(), new MediaChoice(vtapeRoot, null));
    if (owner != null) {
      stage.initOwner(owner);
    }
    stage.setTitle("Coda Restore – find a file");
    browser = new RestorePointBrowser(background, catalog, service, source, stage);
    Tab find = new Tab("Find a file", findPane());
    find.setClosable(false);
    Tab browse = new Tab("Browse a restore point", browser.view());
    browse.setClosable(false);
    browse.setId("find-browse-tab");
    TabPane tabs = new TabPane(find, browse);
    tabs.setId("find-tabs");
    Scene scene = new Scene(tabs, 1000, 680);
    Theme.apply(scene);
    stage.setScene(scene);
  }

  private BorderPane findPane() {
    search.setId("find-search");
    search.setPromptText("name or glob (* ? [..]) — every volume, every date");
    debounce.setOnFinished(e -> query(search.getText()));
    search.textProperty().addListener((o, was, now) -> debounce.playFromStart());
    results.setId("find-results");
    results.setPlaceholder(new Label("No matches"));
    results.getColumns().add(column("Volume", f -> f.host() + ":" + f.volume(), 160));
    results.getColumns().add(column("Path", FileQueries.Found::path, 380));
    results.getColumns().add(column("Type", FileQueries.Found::type, 80));
    results.getColumns().add(column("Existed", FindWindow::existed, 340));
    results
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> showVersions(now));
    versions.setId("find-versions");
    versions.setPlaceholder(new Label("Pick a file to see its versions"));
    versions.getColumns().add(column("From", v -> v.from().shown(), 195));
    versions
        .getColumns()
        .add(column("Until", v -> v.until() == null ? "now" : v.until().shown(), 195));
    versions.getColumns().add(column("Level", v -> Integer.toString(v.level()), 60));
    versions.getColumns().add(column("Size", v -> Formats.bytes(v.entry().size()), 100));
    versions.getColumns().add(column("Modified", v -> epoch(v.entry().mtime()), 150));
    versions
        .getColumns()
        .add(column("Restore point", v -> v.restorable() ? v.restorePoint() : "gone", 170));
    versions
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> timeline.select(now));
    timeline.setOnPick(v -> versions.getSelectionModel().select(v));
    restore.setId("find-restore-version");
    restore.disableProperty().bind(versions.getSelectionModel().selectedItemProperty().isNull());
    restore.setOnAction(e -> chooseAndRestore());
    status.setId("find-status");
    status.setText(HINT);
    VBox lower = new VBox(8, timeline, versions, new HBox(10, restore));
    VBox.setVgrow(versions, Priority.ALWAYS);
    SplitPane split = new SplitPane(results, lower);
    split.setOrientation(javafx.geometry.Orientation.VERTICAL);
    BorderPane pane = new BorderPane(split);
    index.setId("find-index");
    index.setOnAction(e -> indexDumps());
    cancelIndex.setId("find-index-cancel");
    cancelIndex.setVisible(false);
    cancelIndex.managedProperty().bind(cancelIndex.visibleProperty());
    cancelIndex.setOnAction(e -> indexing.cancel());
    HBox.setHgrow(search, Priority.ALWAYS);
    HBox top = new HBox(10, search, index, cancelIndex);
    top.setPadding(new Insets(10));
    pane.setTop(top);
    BorderPane.setMargin(split, new Insets(0, 10, 6, 10));
    pane.setBottom(status);
    return pane;
  }

  static <T> TableColumn<T, String> column(
      String title, java.util.function.Function<T, String> f, double width) {
    TableColumn<T, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
    c.setPrefWidth(width);
    return c;
  }

  static String epoch(long seconds) {
    return seconds < 0
        ? ""
        : java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
            .withZone(java.time.ZoneId.systemDefault())
            .format(java.time.Instant.ofEpochSecond(seconds));
  }

  /**
   * When a path existed, short enough for its column: the first and last restore point that held
   * it, and how many separate periods that was (the versions list has each one).
   */
  static String existed(FileQueries.Found f) {
    List<FileQueries.Span> spans = f.existed();
    if (spans.isEmpty()) {
      return "";
    }
    String from = spans.get(0).from().compact();
    String last = spans.get(spans.size() - 1).lastSeen().compact();
    String text = from.equals(last) ? from : from + " – " + last;
    return spans.size() == 1 ? text : text + " (" + spans.size() + " periods)";
  }

  /** Runs a search on the catalog's worker; only the newest search's answer is shown. */
  Task<List<FileQueries.Found>> query(String text) {
    long mine = generation.incrementAndGet();
    String q = text.strip();
    if (q.isEmpty()) {
      results.getItems().clear();
      status.setText(HINT);
      return null;
    }
    String pattern = q.contains("*") || q.contains("?") || q.contains("[") ? q : "*" + q + "*";
    Task<List<FileQueries.Found>> t =
        task(() -> new FileQueries(catalog).find(null, null, pattern, LIMIT));
    t.setOnSucceeded(
        e -> {
          if (mine == generation.get()) {
            results.setItems(FXCollections.observableArrayList(t.getValue()));
            status.setText(
                t.getValue().size()
                    + (t.getValue().size() >= LIMIT ? "+" : "")
                    + " match(es) for "
                    + pattern);
          }
        });
    t.setOnFailed(e -> status.setText("Search failed: " + t.getException().getMessage()));
    return background.catalog(t);
  }

  private void showVersions(FileQueries.Found f) {
    versions.getItems().clear();
    timeline.show(List.of());
    if (f == null) {
      return;
    }
    Task<List<FileQueries.Version>> t =
        task(() -> new FileQueries(catalog).versions(f.host(), f.volume(), f.path()));
    t.setOnSucceeded(
        e -> {
          versions.setItems(FXCollections.observableArrayList(t.getValue()));
          timeline.show(t.getValue());
        });
    t.setOnFailed(e -> status.setText("Cannot list versions: " + t.getException().getMessage()));
    background.catalog(t);
  }

  private void chooseAndRestore() {
    DirectoryChooser c = new DirectoryChooser();
    c.setTitle("Restore this version into a new folder inside…");
    File d = c.showDialog(stage);
    if (d != null) {
      restoreSelected(d.toPath());
    }
  }

  /** Restores the selected version into a new folder inside {@code parent}; returns the task. */
  public Task<PathsOutcome> restoreSelected(Path parent) {
    FileQueries.Found f = results.getSelectionModel().getSelectedItem();
    FileQueries.Version v = versions.getSelectionModel().getSelectedItem();
    Path dir = parent.resolve(f.volume() + "-" + v.from());
    PathsRequest req =
        new PathsRequest(
            f.host(), f.volume(), PlanTarget.parse(v.restorePoint()), List.of(f.path()), dir);
    Task<PathsOutcome> t =
        task(() -> service.restorePaths(source, req, ProgressListener.NONE, Cancellation.none()));
    status.setText("Restoring " + f.path() + " as of " + v.restorePoint() + "…");
    t.setOnSucceeded(
        e ->
            status.setText(
                "Restored "
                    + f.path()
                    + " into "
                    + dir
                    + " (read "
                    + Formats.bytes(t.getValue().bytesRead())
                    + " of the chain's "
                    + Formats.bytes(t.getValue().chainBytes())
                    + ")"));
    t.setOnFailed(e -> status.setText("Restore failed: " + t.getException().getMessage()));
    return background.catalog(t);
  }

  /**
   * Runs {@code catalog index} in the background with progress, on a connection of its own so that
   * searching goes on meanwhile; dumps indexed before are skipped. <em>Cancel indexing</em> stops
   * it within about a second (the dump being read is not recorded: each dump is one transaction, so
   * the next run continues from there).
   */
  public Task<io.codarestore.index.DumpIndexer.Summary> indexDumps() {
    Path db = catalog.file();
    Cancellation cancel = Cancellation.none();
    indexing = cancel;
    Task<io.codarestore.index.DumpIndexer.Summary> t =
        new Task<>() {
          @Override
          protected io.codarestore.index.DumpIndexer.Summary call() {
            ProgressListener p =
                new ProgressListener() {
                  @Override
                  public void stageStarted(String stage, long total) {
                    updateMessage("Indexing: " + stage);
                    indexObserver.stageStarted(stage, total);
                  }

                  @Override
                  public void progress(String stage, long done, long total) {
                    updateProgress(done, Math.max(total, done));
                    indexObserver.progress(stage, done, total);
                  }
                };
            try (Catalog own = Catalog.openExisting(db)) {
              return new io.codarestore.index.DumpIndexer(own, media)
                  .run(null, null, null, p, cancel);
            }
          }
        };
    index.setDisable(true);
    cancelIndex.setVisible(true);
    status.progressProperty().bind(t.progressProperty());
    status.textProperty().bind(t.messageProperty());
    t.setOnSucceeded(
        e -> {
          finishIndexing();
          status.setText(
              "Indexed "
                  + t.getValue().indexed()
                  + " dump(s), "
                  + t.getValue().alreadyIndexed()
                  + " indexed before"
                  + (t.getValue().problems().isEmpty()
                      ? ""
                      : "; problems: " + String.join("; ", t.getValue().problems())));
          query(search.getText());
        });
    t.setOnFailed(
        e -> {
          finishIndexing();
          status.setText(
              t.getException() instanceof Cancellation.CancelledException
                  ? "Indexing cancelled; the dumps indexed so far are kept, and Index the dumps"
                      + " continues from there"
                  : "Indexing failed: " + t.getException().getMessage());
        });
    return background.run(t);
  }

  private void finishIndexing() {
    status.textProperty().unbind();
    status.progressProperty().unbind();
    status.setProgress(0); // hides the status bar's progress bar
    cancelIndex.setVisible(false);
    index.setDisable(false);
  }

  static <T> Task<T> task(Callable<T> work) {
    return new Task<>() {
      @Override
      protected T call() throws Exception {
        return work.call();
      }
    };
  }

  public void show() {
    stage.show();
  }

  public Stage stage() {
    return stage;
  }

  TextField search() {
    return search;
  }

  StatusBar status() {
    return status;
  }

  TableView<FileQueries.Found> results() {
    return results;
  }

  TableView<FileQueries.Version> versions() {
    return versions;
  }

  VersionTimeline timeline() {
    return timeline;
  }

  RestorePointBrowser browser() {
    return browser;
  }

  /** Also tells {@code observer} the indexing's progress, on the indexing thread (tests). */
  void observeIndexing(ProgressListener observer) {
    this.indexObserver = observer;
  }
}
