package io.codarestore.ui.target;

import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.ui.AppContext;
import io.codarestore.ui.RestoreSession;
import io.codarestore.ui.common.ErrorDialog;
import io.codarestore.ui.common.Mnemonics;
import io.codarestore.ui.common.PathField;
import io.codarestore.ui.run.CoreRestore;
import io.codarestore.ui.settings.Setting;
import io.codarestore.ui.source.OpenedCatalog;
import io.codarestore.ui.target.TargetViewModel.Kind;
import io.codarestore.ui.wizard.WizardPage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Page 5: where to. A directory or a tar file (the whole tree or chosen paths), the merged full
 * dump as a file, a read-only or read-write volume through volutil, or the guided route to a new
 * replicated volume. Only the chosen kind's fields are shown; each is checked as it is typed and
 * Next is enabled only when all are valid. The exact commands the restore amounts to are shown
 * below (the dry run: the restore job's own preview).
 */
public final class TargetPage implements WizardPage {
  private static final List<String> REPLICA_STEPS = TargetViewModel.REPLICA_STEPS;
  private static final String EVERY_STEP = TargetViewModel.EVERY_STEP;

  private final AppContext app;
  private final RestoreSession session;
  private final Supplier<CoreRestore> core;
  private final ToggleGroup kinds = new ToggleGroup();
  private final PathField dir =
      new PathField("target-dir", "a new directory", PathField.Mode.DIRECTORY);
  private final CheckBox onlyPaths =
      Mnemonics.checkBox("Only the _listed files and folders (paths relative to the volume root)");
  private final PathSelection paths = new PathSelection();
  private final VBox pathsBox = new VBox(6);
  private final PathField tar =
      new PathField("target-tar", "a new .tar file", PathField.Mode.SAVE_FILE);
  private final PathField dump =
      new PathField("target-dump", "a new .dump file", PathField.Mode.SAVE_FILE);
  private final TextField volutil = new TextField();
  private final TextField server = new TextField();
  private final TextField partition = new TextField();
  private final TextField volName = new TextField();
  private final TextField volId = new TextField();
  private final TextField replicaOf = new TextField();
  private final Label replicaOfLabel = new Label("Volume to rebuild");
  private final TextField replicaName = new TextField();
  private final TextField replicaServers = new TextField();
  private final CheckBox createvolHere =
      new CheckBox("Run createvol_rep from here (this machine is the SCM)");
  private final TextField createvol = new TextField("createvol_rep");
  private final TextField cfs = new TextField("cfs");
  private final PathField mount =
      new PathField("target-mount", "/coda/<realm>/<where>", PathField.Mode.DIRECTORY);
  private final ComboBox<String> until = new ComboBox<>();
  private final PathField workspace =
      new PathField(
          "target-workspace", "where fetched dumps and run logs go", PathField.Mode.DIRECTORY);
  private final VBox form = new VBox(8);
  private final Label formNote = new Label();
  private final Node dirForm;
  private final Node tarForm;
  private final Node dumpForm;
  private final GridPane volumeGrid;
  private final Node replicaForm;
  private final Label problem = new Label();
  private final TextArea dryRun = new TextArea();
  private final VBox warnings = new VBox(6);
  private final PauseTransition debounce = new PauseTransition(Duration.millis(250));
  private Task<DryRunText.DryRun> previewTask;
  private final TreeLookup treeLookup;
  private String defaultReplicaOf = "";
  private String defaultDir = "";
  private final BooleanBinding complete;
  private final VBox view;

  public TargetPage(AppContext app, RestoreSession session, Supplier<CoreRestore> core) {
    this.app = app;
    this.session = session;
    this.core = core;
    this.treeLookup = new TreeLookup(app, paths, core);
    var s = app.settings().get();
    server.setText(s.get(Setting.SERVER, ""));
    partition.setText(s.get(Setting.PARTITION, "/vicepa"));
    SettingsSync.bind(app, workspace, volutil, this::update);
    assignIds();
    onlyPaths.setId("target-only-paths");
    formNote.setId("target-form-note");
    formNote.getStyleClass().add("hint");
    formNote.setWrapText(true);
    until.getItems().add(EVERY_STEP);
    until.getItems().addAll(REPLICA_STEPS);
    until.getSelectionModel().select(EVERY_STEP);
    createvol.disableProperty().bind(createvolHere.selectedProperty().not());
    paths.disableProperty().bind(onlyPaths.selectedProperty().not());
    pathsBox.getChildren().addAll(onlyPaths, TargetLayout.indent(paths));
    problem.setId("target-problem");
    problem.getStyleClass().add("problem-text");
    problem.setWrapText(true);
    problem.managedProperty().bind(problem.textProperty().isNotEmpty());
    dryRun.setId("target-dry-run");
    dryRun.setEditable(false);
    dryRun.getStyleClass().add("mono");
    dryRun.setPrefRowCount(12);
    dirForm = dirForm();
    tarForm = TargetLayout.fileGrid("Tar file", tar);
    dumpForm = TargetLayout.fileGrid("Dump file", dump);
    volumeGrid = TargetLayout.volumeGrid(volutil, server, partition, volName, volId);
    replicaForm = replicaGrid();
    view = build();
    Observable[] inputs = {
      dir.pathProperty(),
      onlyPaths.selectedProperty(),
      paths.paths(),
      paths.tree(),
      tar.pathProperty(),
      dump.pathProperty(),
      volutil.textProperty(),
      server.textProperty(),
      partition.textProperty(),
      volName.textProperty(),
      volId.textProperty(),
      replicaOf.textProperty(),
      replicaName.textProperty(),
      replicaServers.textProperty(),
      createvolHere.selectedProperty(),
      createvol.textProperty(),
      cfs.textProperty(),
      mount.pathProperty(),
      until.valueProperty(),
      session.plan()
    };
    for (Observable o : inputs) {
      o.addListener(x -> update());
    }
    kinds.selectedToggleProperty().addListener(x -> showForm());
    session.plan().addListener((o, was, now) -> planChanged(now));
    complete = Bindings.isNotNull(session.target());
    kinds.selectToggle(kinds.getToggles().get(0));
    planChanged(session.plan().get());
  }

  /** The ids the tests and the style sheet find the fields by. */
  private void assignIds() {
    volutil.setId("target-volutil");
    server.setId("target-server");
    partition.setId("target-partition");
    volName.setId("target-volname");
    volId.setId("target-volid");
    replicaOf.setId("target-replica-of");
    replicaName.setId("target-replica-name");
    replicaServers.setId("target-replica-servers");
    createvolHere.setId("target-createvol-here");
    createvolHere.setMnemonicParsing(false); // the _ of createvol_rep is part of the name
    createvol.setId("target-createvol");
    cfs.setId("target-cfs");
    until.setId("target-until");
  }

  private VBox build() {
    GridPane choice = TargetLayout.kindChoice(kinds);
    form.getStyleClass().add("card");
    form.setId("target-form");
    Label dryTitle = new Label("Dry run: the commands this restore amounts to");
    dryTitle.getStyleClass().add("section-title");
    GridPane ws = TargetLayout.grid();
    ws.addRow(0, new Label("Workspace"), workspace);
    Label wsHint =
        new Label(
            "Fetched dumps are cached here (a later restore of the same chain reuses them, and"
                + " a cancelled run removes what it fetched); each run leaves its log and runbook"
                + " in runs/.");
    wsHint.getStyleClass().add("hint");
    wsHint.setWrapText(true);
    warnings.setId("target-warnings");
    warnings.managedProperty().bind(Bindings.isNotEmpty(warnings.getChildren()));
    VBox content = new VBox(12, choice, form, ws, wsHint, problem, warnings, dryTitle, dryRun);
    content.setPadding(new Insets(0, 12, 0, 0));
    ScrollPane scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    scroll.setId("target-scroll");
    VBox box = new VBox(scroll);
    VBox.setVgrow(scroll, Priority.ALWAYS);
    return box;
  }

  private Node dirForm() {
    GridPane g = TargetLayout.grid();
    g.addRow(0, new Label("Directory"), dir);
    return g;
  }

  private Node replicaGrid() {
    GridPane rep = TargetLayout.grid();
    rep.addRow(0, replicaOfLabel, replicaOf);
    rep.addRow(1, new Label("New replicated volume"), replicaName);
    rep.addRow(2, new Label("Replica servers"), replicaServers);
    // The tick above its command (side by side, the tick's words were cut at 1024 pixels).
    VBox createvolRow = new VBox(6, createvolHere, createvol);
    createvolHere.setTooltip(
        new javafx.scene.control.Tooltip(io.codarestore.ui.common.Glossary.line("SCM")));
    rep.addRow(3, TargetLayout.jargon("createvol_rep", "createvol_rep"), createvolRow);
    rep.addRow(4, new Label("cfs command"), cfs);
    rep.addRow(5, new Label("Mount point"), mount);
    rep.addRow(6, new Label("Stop after"), until);
    replicaOf.setPromptText("the replicated volume this restore replaces");
    replicaName.setPromptText("the name createvol_rep gives the new volume");
    replicaServers.setPromptText(
        "server/partition of each replica, separated by spaces: scm.example.org/vicepa …");
    createvol.setPromptText("createvol_rep");
    return rep;
  }

  Kind kind() {
    return kinds.getSelectedToggle() == null
        ? null
        : (Kind) kinds.getSelectedToggle().getUserData();
  }

  private void showReplicaOf(boolean shown) {
    for (Node n : List.of(replicaOf, replicaOfLabel)) {
      n.setVisible(shown);
      n.setManaged(shown);
    }
  }

  /** Shows the fields of the chosen kind only, after what this kind of target is. */
  private void showForm() {
    Kind k = kind();
    if (k == null) {
      form.getChildren().clear();
      update();
      return;
    }
    List<Node> nodes = new ArrayList<>();
    nodes.add(formNote);
    switch (k) {
      case DIRECTORY -> nodes.addAll(List.of(dirForm, pathsBox));
      case TAR -> nodes.addAll(List.of(tarForm, pathsBox));
      case DUMP -> nodes.add(dumpForm);
      case VOLUME_RO -> {
        nodes.add(volumeGrid);
        volName.setPromptText("optional: the name it gets (default: the dump's name + .restored)");
        volId.setPromptText("optional, hex, e.g. 1000007 (needs a name)");
      }
      case VOLUME_RW -> {
        nodes.add(volumeGrid);
        volName.setPromptText("a new, unique name (required with the id)");
        volId.setPromptText("hex, free on the server, e.g. 1000007 (required)");
      }
      case REPLICA, COPY_IN -> {
        showReplicaOf(k == Kind.REPLICA);
        nodes.add(replicaForm);
      }
    }
    formNote.setText(TargetViewModel.note(k));
    form.getChildren().setAll(nodes);
    update();
  }

  /** A new plan: the replica's defaults follow the volume, and the tree is looked for again. */
  private void planChanged(RestorePlan plan) {
    if (plan == null) {
      return;
    }
    String volume = plan.volume();
    if (replicaOf.getText().isBlank() || replicaOf.getText().equals(defaultReplicaOf)) {
      replicaOf.setText(volume);
    }
    if (replicaName.getText().isBlank()
        || replicaName.getText().equals(defaultReplicaOf + ".new")) {
      replicaName.setText(volume + ".new");
    }
    defaultReplicaOf = volume;
    defaultDirectory();
  }

  /**
   * The safe default for a directory: a new folder under the home directory named after the volume
   * and the restore point's day ({@code ~/coda.root-2024-03-07}, then -2, -3 … if taken). Replaces
   * only an empty field or the previous default.
   */
  private void defaultDirectory() {
    String now = dir.textField().getText();
    var point = session.point().get();
    RestorePlan plan = session.plan().get();
    if (plan == null || !(now.isBlank() || now.equals(defaultDir))) {
      return;
    }
    String day = point == null ? "" : "-" + point.datestamp().day().toString();
    defaultDir = TargetViewModel.newFolder(app.dirs().home(), plan.volume() + day).toString();
    dir.setPath(defaultDir);
  }

  private void update() {
    warnings.getChildren().clear();
    TargetViewModel.Fields fields = fields();
    String issue = TargetViewModel.problem(fields);
    problem.setText(issue == null ? "" : issue);
    RestoreTarget t = issue == null ? TargetViewModel.target(fields) : null;
    session.target().set(t);
    if (previewTask != null) {
      previewTask.cancel();
    }
    if (t != null && session.plan().get() != null && session.catalog().get() != null) {
      dryRun.setText("Working out the commands …");
      debounce.setOnFinished(e -> startPreview(t));
      debounce.playFromStart();
    } else {
      debounce.stop();
      dryRun.setText(issue == null ? "" : "(complete the choice above to see the commands)");
    }
  }

  /** The dry run: the restore job's preview, computed off the FX thread. */
  private void startPreview(RestoreTarget t) {
    RestorePlan plan = session.plan().get();
    OpenedCatalog c = session.catalog().get();
    boolean accept = session.acceptUnchecked().get();
    CoreRestore restore = core.get();
    Task<DryRunText.DryRun> task =
        new Task<>() {
          @Override
          protected DryRunText.DryRun call() {
            return new DryRunText.DryRun(
                restore.preview(c.catalog(), plan, t, c.vtapeRoot(), c.config(), accept),
                restore.previewPaths(c.catalog(), plan, t, c.vtapeRoot(), c.config(), accept));
          }
        };
    previewTask = task;
    task.setOnSucceeded(
        e -> {
          if (session.target().get() == t) {
            dryRun.setText(DryRunText.of(task.getValue()));
            WarningList.show(warnings, task.getValue().chain());
            String short_ = TargetChecks.space(task.getValue().chain().space());
            if (short_ != null) {
              problem.setText(short_); // Restore stays disabled: this target cannot work
              session.target().set(null);
            }
          }
        });
    task.setOnFailed(
        e -> {
          if (session.target().get() == t) {
            dryRun.setText("The dry run failed: " + ErrorDialog.userText(task.getException()));
          }
        });
    app.background().catalog(task);
  }

  /** The controls' state, for the view model. */
  private TargetViewModel.Fields fields() {
    return new TargetViewModel.Fields(
        kind(),
        dir.getPath(),
        onlyPaths.isSelected(),
        List.copyOf(paths.paths()),
        paths.treePaths(),
        tar.getPath(),
        dump.getPath(),
        volutil.getText(),
        server.getText(),
        partition.getText(),
        volName.getText(),
        volId.getText(),
        replicaOf.getText(),
        replicaName.getText(),
        replicaServers.getText(),
        createvolHere.isSelected(),
        createvol.getText(),
        cfs.getText(),
        mount.getPath(),
        until.getValue());
  }

  @Override
  public void entered(boolean forward) {
    defaultDirectory(); // the previous default may have been made by a restore since
    update(); // a file may have appeared since
    lookForTree();
  }

  /** Reads the volume's tree from the workspace cache, when the chain's dumps are all there. */
  private void lookForTree() {
    treeLookup.lookFor(session.plan().get());
  }

  /** Remembers the volutil fields once the user goes on. */
  public void remember() {
    if (kind() == Kind.VOLUME_RO || kind() == Kind.VOLUME_RW) {
      var s =
          app.settings()
              .get()
              .with(Setting.VOLUTIL_COMMAND, volutil.getText().strip())
              .with(Setting.SERVER, server.getText().strip())
              .with(Setting.PARTITION, partition.getText().strip());
      app.settings().update(s);
    }
  }

  @Override
  public org.kordamp.ikonli.Ikon icon() {
    return org.kordamp.ikonli.materialdesign2.MaterialDesignT.TARGET;
  }

  @Override
  public String title() {
    return "Target";
  }

  @Override
  public String heading() {
    return "Where should it go?";
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
  public String nextText() {
    return "_Restore";
  }

  /** A restore into a Coda server is confirmed first, with what it will do; Enter = Go back. */
  @Override
  public boolean beforeNext(Runnable proceed) {
    Kind k = kind();
    RestoreTarget t = session.target().get();
    if (t == null || k == Kind.DIRECTORY || k == Kind.TAR || k == Kind.DUMP) {
      return false;
    }
    RestorePlan plan = session.plan().get();
    String what =
        plan.host()
            + ":"
            + plan.volume()
            + " → "
            + io.codarestore.ui.common.TargetWords.describe(t)
            + ".";
    if (ServerConfirm.ask(view.getScene().getWindow(), what, dryRun.getText())) {
      proceed.run();
    }
    return true;
  }

  /** The directory field, for tests and the main window's defaults. */
  PathField directoryField() {
    return dir;
  }

  Path workspace() {
    return core.get().workspaceRoot();
  }
}
