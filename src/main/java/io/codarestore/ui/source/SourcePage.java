package io.codarestore.ui.source;

import io.codarestore.ui.AppContext;
import io.codarestore.ui.RestoreSession;
import io.codarestore.ui.common.ErrorDialog;
import io.codarestore.ui.common.PathField;
import io.codarestore.ui.demo.DemoInstaller;
import io.codarestore.ui.settings.Setting;
import io.codarestore.ui.settings.Settings;
import io.codarestore.ui.wizard.PageHeading;
import io.codarestore.ui.wizard.WizardPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Page 1: where the backups are. An Amanda configuration directory, the log directory with the
 * tapelist and vtapes, a catalog imported before, or the built-in demo (offered first when nothing
 * was ever configured). Import runs in the background with a progress bar and ends in a summary
 * with every problem found (file:line). A thin view over {@link SourceModel}, which holds the
 * page's state and rules.
 */
public final class SourcePage implements WizardPage {
  private static final PageHeading HEADING =
      new PageHeading(
          org.kordamp.ikonli.materialdesign2.MaterialDesignD.DATABASE,
          "Source",
          "Where are the backups?");

  private final AppContext app;
  private final RestoreSession session;
  private final DemoInstaller demo;
  private final ToggleGroup kinds = new ToggleGroup();
  private final Map<SourceKind, RadioButton> radios;
  private final PathField configDir =
      new PathField("config-dir", "/etc/amanda/DailySet1", PathField.Mode.DIRECTORY);
  private final PathField logdir =
      new PathField("logdir", "Amanda's logdir", PathField.Mode.DIRECTORY);
  private final PathField tapelist =
      new PathField("tapelist", "the tapelist file", PathField.Mode.OPEN_FILE);
  private final PathField vtapes =
      new PathField(
          "vtape-root", "vtape root (slot1, slot2, …), optional", PathField.Mode.DIRECTORY);
  private final PathField catalogFile =
      new PathField("catalog-file", "catalog.db", PathField.Mode.OPEN_FILE);
  private final PathField importInto =
      new PathField("import-into", "catalog file to import into", PathField.Mode.SAVE_FILE);
  private final Button importButton = new Button("_Import");
  private final Button findFile = new Button("_Search this catalog for a file…");
  private Runnable onFindFile = () -> {};
  private final ProgressBar progress = new ProgressBar(0);
  private final Label status = new Label();
  private final Label summary = new Label();
  private final ListView<String> problems = new ListView<>();
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final BooleanBinding complete;
  private final VBox view;
  private final SourceModel model = new SourceModel();
  private ImportTask task;
  private ScrollPane scroll;

  public SourcePage(AppContext app, RestoreSession session, DemoInstaller demo) {
    this.app = app;
    this.session = session;
    this.demo = demo;
    radios =
        Map.of(
            SourceKind.CONFIG,
                radio("source-config", "An Amanda c_onfiguration", SourceKind.CONFIG),
            SourceKind.PATHS, radio("source-paths", "Amanda _logs and tapelist", SourceKind.PATHS),
            SourceKind.CATALOG,
                radio("source-catalog", "A c_atalog imported before", SourceKind.CATALOG),
            SourceKind.DEMO, radio("source-demo", "The built-in _demo", SourceKind.DEMO));
    // The model hears of every choice before any binding asks it (listeners run in order).
    kinds.selectedToggleProperty().addListener((Observable o) -> model.choose(kind()));
    follow(configDir, SourceModel.Field.CONFIG_DIR);
    follow(logdir, SourceModel.Field.LOGDIR);
    follow(tapelist, SourceModel.Field.TAPELIST);
    follow(vtapes, SourceModel.Field.VTAPE_ROOT);
    follow(catalogFile, SourceModel.Field.CATALOG_FILE);
    follow(importInto, SourceModel.Field.IMPORT_INTO);
    // Next opens the chosen source first when it is not open yet (see beforeNext).
    complete =
        Bindings.createBooleanBinding(
            () -> model.complete(session.catalog().get() != null),
            choices(session.catalog(), running));
    view = build();
    fillFromSettings(app.settings().get());
  }

  private void follow(PathField field, SourceModel.Field which) {
    field.pathProperty().addListener((Observable o) -> model.path(which, field.getPath()));
  }

  /** What the model's answers depend on: the kind, every path, and {@code more}. */
  private Observable[] choices(Observable... more) {
    List<Observable> all =
        new ArrayList<>(
            List.of(
                kinds.selectedToggleProperty(),
                configDir.pathProperty(),
                logdir.pathProperty(),
                tapelist.pathProperty(),
                vtapes.pathProperty(),
                catalogFile.pathProperty(),
                importInto.pathProperty()));
    all.addAll(List.of(more));
    return all.toArray(Observable[]::new);
  }

  private RadioButton radio(String id, String text, SourceKind kind) {
    RadioButton r = new RadioButton(text);
    r.setId(id);
    r.setUserData(kind);
    r.setToggleGroup(kinds);
    r.getStyleClass().add("section-title");
    return io.codarestore.ui.common.Mnemonics.selectOnMnemonic(r);
  }

  private VBox build() {
    Label demoText =
        new Label(
            "Three simulated Coda volumes backed up by a real Amanda 3.5 onto virtual tapes over a"
                + " few days, with a failed dump, a dump with warnings and overwritten tapes."
                + " Unpacked into "
                + app.dirs().demo()
                + ".");
    demoText.setWrapText(true);
    demoText.getStyleClass().add("hint");

    GridPane paths = grid();
    paths.addRow(0, new Label("Log directory"), logdir);
    paths.addRow(1, new Label("Tapelist"), tapelist);
    paths.addRow(2, new Label("Vtape root"), vtapes);

    GridPane config = grid();
    config.addRow(0, new Label("Directory"), configDir);

    GridPane into = grid();
    into.addRow(0, new Label("Import into"), importInto);
    Label intoHint = new Label("Imports are kept here; importing again reads only what changed.");
    intoHint.getStyleClass().add("hint");

    GridPane existing = grid();
    existing.addRow(0, new Label("Catalog file"), catalogFile);

    VBox options =
        new VBox(
            10,
            section(radios.get(SourceKind.DEMO), demoText),
            section(radios.get(SourceKind.CONFIG), config),
            section(radios.get(SourceKind.PATHS), paths),
            intoBox(into, intoHint),
            section(radios.get(SourceKind.CATALOG), existing));
    enableWhen(SourceModel.Field.CONFIG_DIR, config);
    enableWhen(SourceModel.Field.LOGDIR, paths);
    enableWhen(SourceModel.Field.CATALOG_FILE, existing);
    enableWhen(SourceModel.Field.IMPORT_INTO, into);

    HBox action = actionRow();

    summary.setId("import-summary");
    summary.setWrapText(true);
    problems.setId("import-problems");
    problems.setPrefHeight(110);
    problems.getStyleClass().add("mono");
    problems.setPlaceholder(new Label("No problems found."));
    findFile.setId("source-find");
    findFile.setOnAction(e -> onFindFile.run());
    VBox result = new VBox(6, summary, problems, findFile);
    result.getStyleClass().add("card");
    result.visibleProperty().bind(Bindings.isNotNull(session.catalog()));
    result.managedProperty().bind(result.visibleProperty());

    VBox content = new VBox(14, options, action, status, result);
    content.setPadding(new Insets(0, 4, 0, 0));
    scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("edge-to-edge");
    VBox box = new VBox(scroll);
    VBox.setVgrow(scroll, Priority.ALWAYS);
    return box;
  }

  /** What "Find a file" on this page opens (issue 13). */
  public void setOnFindFile(Runnable action) {
    this.onFindFile = action;
  }

  /** Import (Open for a catalog) with its progress bar. */
  private HBox actionRow() {
    importButton.setId("import");
    importButton.getStyleClass().add("accent");
    importButton
        .disableProperty()
        .bind(Bindings.createBooleanBinding(() -> !model.canAct(), choices(running)));
    importButton.setOnAction(e -> startImport());
    // A catalog imported before is opened, not imported: the button says what it does.
    importButton
        .textProperty()
        .bind(Bindings.createStringBinding(model::actionText, kinds.selectedToggleProperty()));
    progress.setId("import-progress");
    progress.setMaxWidth(Double.MAX_VALUE);
    progress.visibleProperty().bind(running);
    HBox.setHgrow(progress, Priority.ALWAYS);
    status.setId("import-status");
    status.setWrapText(true);
    return new HBox(12, importButton, progress);
  }

  /** "Import into" belongs to the two Amanda sources above it, indented like their fields. */
  private static VBox intoBox(GridPane into, Label hint) {
    hint.setPadding(new Insets(0, 0, 0, 28));
    hint.setWrapText(true);
    return new VBox(4, into, hint);
  }

  private static GridPane grid() {
    GridPane g = new GridPane();
    g.setHgap(10);
    g.setVgap(6);
    g.setPadding(new Insets(0, 0, 0, 28));
    javafx.scene.layout.ColumnConstraints label = new javafx.scene.layout.ColumnConstraints(110);
    javafx.scene.layout.ColumnConstraints field = new javafx.scene.layout.ColumnConstraints();
    field.setHgrow(Priority.ALWAYS);
    g.getColumnConstraints().addAll(label, field);
    return g;
  }

  private static VBox section(RadioButton r, Node body) {
    if (body instanceof Label l) {
      l.setPadding(new Insets(0, 0, 0, 28));
    }
    return new VBox(6, r, body);
  }

  private void enableWhen(SourceModel.Field field, Node node) {
    node.disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                () -> !model.enabled(field), kinds.selectedToggleProperty()));
  }

  private SourceKind kind() {
    return kinds.getSelectedToggle() == null
        ? null
        : (SourceKind) kinds.getSelectedToggle().getUserData();
  }

  SourceRequest request() {
    return model.request();
  }

  private void fillFromSettings(Settings s) {
    s.get(Setting.CONFIG_DIR).ifPresent(configDir::setPath);
    s.get(Setting.LOGDIR).ifPresent(logdir::setPath);
    s.get(Setting.TAPELIST).ifPresent(tapelist::setPath);
    s.get(Setting.VTAPE_ROOT).ifPresent(vtapes::setPath);
    s.get(Setting.CATALOG).ifPresent(catalogFile::setPath);
    importInto.setPath(s.get(Setting.CATALOG, app.dirs().defaultCatalog().toString()));
    model.fill(s);
    kinds.selectToggle(radios.get(model.kind()));
    status.setText(model.status());
  }

  /** Next on a source that is not open yet opens (or imports) it, then goes on. */
  @Override
  public boolean beforeNext(Runnable proceed) {
    if (!model.needsOpening(session.catalog().get() != null)) {
      return false;
    }
    startImport(proceed);
    return true;
  }

  @Override
  public Node initialFocus() {
    return kinds.getSelectedToggle() instanceof RadioButton r ? r : null;
  }

  private void startImport() {
    startImport(() -> {});
  }

  private void startImport(Runnable then) {
    SourceRequest req = model.start();
    if (req == null) {
      return;
    }
    task = new ImportTask(req, app.dirs().demo(), demo);
    running.set(true);
    progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
    status.textProperty().bind(task.messageProperty());
    task.setOnSucceeded(
        e -> {
          OpenedCatalog opened = task.getValue();
          model.opened(req, opened);
          finished();
          session.catalog().set(opened);
          app.settings()
              .update(SourceModel.remembered(app.settings().get(), req, opened.catalog().file()));
          summary.setText(SourceModel.summary(opened));
          problems.getItems().setAll(SourceModel.problems(opened));
          scroll.layout();
          scroll.setVvalue(scroll.getVmax()); // the summary, not below the fold
          then.run();
        });
    task.setOnFailed(
        e -> {
          model.failed(ErrorDialog.userText(task.getException()));
          finished();
          ErrorDialog.show(view.getScene().getWindow(), "The import failed", task.getException());
        });
    task.setOnCancelled(
        e -> {
          model.cancelled();
          finished();
        });
    app.background().catalog(task);
  }

  /** The import ended: the status line is the model's again. */
  private void finished() {
    status.textProperty().unbind();
    running.set(model.running());
    status.setText(model.status());
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

  @Override
  public boolean cancelWork() {
    if (task != null && task.isRunning()) {
      task.cancel();
      return true;
    }
    return false;
  }
}
