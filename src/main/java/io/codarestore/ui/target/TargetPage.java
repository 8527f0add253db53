package io.codarestore.ui.target;

import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.RestoreJob;
import io.codarestore.ui.AppContext;
import io.codarestore.ui.RestoreSession;
import io.codarestore.ui.common.ErrorDialog;
import io.codarestore.ui.common.PathField;
import io.codarestore.ui.run.CoreRestore;
import io.codarestore.ui.settings.Setting;
import io.codarestore.ui.source.OpenedCatalog;
import io.codarestore.ui.wizard.WizardPage;
import java.nio.file.Path;
import java.util.Arrays;
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
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Page 5: where to. A directory (the whole tree or chosen paths), a tar file, the merged full dump
 * as a file, a read-only or read-write volume through volutil, or the guided route to a new
 * replica. The choice is checked as it is typed; Next is enabled only when it is valid. The exact
 * commands the restore amounts to are shown below (the dry run).
 */
public final class TargetPage implements WizardPage {
  /** The kinds of target, in the order shown. */
  enum Kind {
    DIRECTORY,
    TAR,
    DUMP,
    VOLUME_RO,
    VOLUME_RW,
    REPLICA
  }

  private final AppContext app;
  private final RestoreSession session;
  private final Supplier<CoreRestore> core;
  private final ToggleGroup kinds = new ToggleGroup();
  private final PathField dir =
      new PathField("target-dir", "a new directory", PathField.Mode.DIRECTORY);
  private final CheckBox onlyPaths =
      new CheckBox("Only these _paths (one per line, relative to the volume root):");
  private final TextArea paths = new TextArea();
  private final PathField tar =
      new PathField("target-tar", "a new .tar file", PathField.Mode.SAVE_FILE);
  private final PathField dump =
      new PathField("target-dump", "a new .dump file", PathField.Mode.SAVE_FILE);
  private final TextField volutil = new TextField();
  private final TextField server = new TextField();
  private final TextField partition = new TextField();
  private final TextField volName = new TextField();
  private final TextField volId = new TextField();
  private final TextField replicaName = new TextField();
  private final PathField mount =
      new PathField("target-mount", "/coda/…", PathField.Mode.DIRECTORY);
  private final PathField workspace =
      new PathField(
          "target-workspace", "where fetched dumps and run logs go", PathField.Mode.DIRECTORY);
  private final Label problem = new Label();
  private final TextArea dryRun = new TextArea();
  private final PauseTransition debounce = new PauseTransition(Duration.millis(250));
  private Task<RestoreJob.Preview> previewTask;
  private final BooleanBinding complete;
  private final VBox view;

  public TargetPage(AppContext app, RestoreSession session, Supplier<CoreRestore> core) {
    this.app = app;
    this.session = session;
    this.core = core;
    var s = app.settings().get();
    volutil.setText(s.get(Setting.VOLUTIL_COMMAND, "volutil"));
    server.setText(s.get(Setting.SERVER, ""));
    partition.setText(s.get(Setting.PARTITION, "/vicepa"));
    workspace.setPath(s.get(Setting.WORKSPACE, app.dirs().defaultWorkspace().toString()));
    workspace
        .pathProperty()
        .addListener(
            (o, a, p) -> {
              if (p != null && p.isAbsolute()) {
                app.settings().set(Setting.WORKSPACE, p.toString());
                update();
              }
            });
    volutil.setId("target-volutil");
    server.setId("target-server");
    partition.setId("target-partition");
    volName.setId("target-volname");
    volId.setId("target-volid");
    replicaName.setId("target-replica-name");
    paths.setId("target-paths");
    onlyPaths.setId("target-only-paths");
    paths.setPrefRowCount(3);
    paths.disableProperty().bind(onlyPaths.selectedProperty().not());
    problem.setId("target-problem");
    problem.getStyleClass().add("problem-text");
    problem.setWrapText(true);
    dryRun.setId("target-dry-run");
    dryRun.setEditable(false);
    dryRun.getStyleClass().add("mono");
    dryRun.setPrefRowCount(9);
    view = build();
    Observable[] inputs = {
      kinds.selectedToggleProperty(),
      dir.pathProperty(),
      onlyPaths.selectedProperty(),
      paths.textProperty(),
      tar.pathProperty(),
      dump.pathProperty(),
      volutil.textProperty(),
      server.textProperty(),
      partition.textProperty(),
      volName.textProperty(),
      volId.textProperty(),
      replicaName.textProperty(),
      mount.pathProperty(),
      session.plan()
    };
    for (Observable o : inputs) {
      o.addListener(x -> update());
    }
    complete = Bindings.isNotNull(session.target());
    update();
  }

  private VBox build() {
    GridPane dirGrid = grid();
    dirGrid.addRow(0, new Label("Directory"), dir);
    VBox dirBox = new VBox(6, dirGrid, indent(onlyPaths), indent(paths));
    GridPane tarGrid = grid();
    tarGrid.addRow(0, new Label("Tar file"), tar);
    GridPane dumpGrid = grid();
    dumpGrid.addRow(0, new Label("Dump file"), dump);
    GridPane vol = grid();
    vol.addRow(0, new Label("volutil"), volutil);
    vol.addRow(1, new Label("Server"), server);
    vol.addRow(2, new Label("Partition"), partition);
    vol.addRow(3, new Label("Volume name"), volName);
    vol.addRow(4, new Label("Volume id"), volId);
    server.setPromptText("the file server (empty: this machine)");
    volName.setPromptText("optional: the name it gets");
    volId.setPromptText("hex, e.g. 1000007 (required for read-write)");
    GridPane rep = grid();
    rep.addRow(0, new Label("New replicated volume"), replicaName);
    rep.addRow(1, new Label("Coda mount point"), mount);

    VBox options =
        new VBox(
            10,
            option(
                "target-kind-dir", "A _directory (files you can browse)", Kind.DIRECTORY, dirBox),
            option("target-kind-tar", "A _tar file", Kind.TAR, tarGrid),
            option("target-kind-dump", "A full _dump file (merged)", Kind.DUMP, dumpGrid),
            option(
                "target-kind-ro",
                "A _read-only volume on a server (volutil restore)",
                Kind.VOLUME_RO,
                null),
            option(
                "target-kind-rw",
                "A read-_write volume (volutil restore, promoted)",
                Kind.VOLUME_RW,
                null),
            option(
                "target-kind-replica",
                "The seed of a new re_plica (guided steps)",
                Kind.REPLICA,
                rep),
            volumeTitle(),
            indent(vol));
    vol.disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                () ->
                    kind() != Kind.VOLUME_RO && kind() != Kind.VOLUME_RW && kind() != Kind.REPLICA,
                kinds.selectedToggleProperty()));
    Label dryTitle = new Label("Dry run: the commands this restore amounts to");
    dryTitle.getStyleClass().add("section-title");
    GridPane ws = grid();
    ws.addRow(0, new Label("Workspace"), workspace);
    Label wsHint =
        new Label(
            "Fetched dumps are kept here while the restore runs (removed afterwards); each run"
                + " leaves its log and runbook in runs/.");
    wsHint.getStyleClass().add("hint");
    wsHint.setWrapText(true);
    VBox content = new VBox(12, options, ws, wsHint, problem, dryTitle, dryRun);
    content.setPadding(new Insets(0, 4, 0, 0));
    ScrollPane scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    VBox box = new VBox(scroll);
    VBox.setVgrow(scroll, Priority.ALWAYS);
    kinds.selectToggle(kinds.getToggles().get(0));
    return box;
  }

  private static Node volumeTitle() {
    Label l = new Label("For the three volume targets: the volutil command and the server");
    l.getStyleClass().add("hint");
    return indent(l);
  }

  private Node option(String id, String text, Kind kind, Node body) {
    RadioButton r = new RadioButton(text);
    r.setId(id);
    r.setUserData(kind);
    r.setToggleGroup(kinds);
    r.getStyleClass().add("section-title");
    if (body == null) {
      return r;
    }
    body.disableProperty()
        .bind(Bindings.createBooleanBinding(() -> kind() != kind, kinds.selectedToggleProperty()));
    return new VBox(6, r, indent(body));
  }

  private static Node indent(Node n) {
    HBox h = new HBox(n);
    h.setPadding(new Insets(0, 0, 0, 28));
    HBox.setHgrow(n, Priority.ALWAYS);
    return h;
  }

  private static GridPane grid() {
    GridPane g = new GridPane();
    g.setHgap(10);
    g.setVgap(6);
    ColumnConstraints label = new ColumnConstraints(170);
    ColumnConstraints field = new ColumnConstraints();
    field.setHgrow(Priority.ALWAYS);
    g.getColumnConstraints().addAll(label, field);
    return g;
  }

  Kind kind() {
    return kinds.getSelectedToggle() == null
        ? null
        : (Kind) kinds.getSelectedToggle().getUserData();
  }

  private void update() {
    String issue = issue();
    problem.setText(issue == null ? "" : issue);
    RestoreTarget t = issue == null ? target() : null;
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
    Task<RestoreJob.Preview> task =
        new Task<>() {
          @Override
          protected RestoreJob.Preview call() {
            return restore.preview(c.catalog(), plan, t, c.vtapeRoot(), c.config(), accept);
          }
        };
    previewTask = task;
    task.setOnSucceeded(
        e -> {
          if (session.target().get() == t) {
            dryRun.setText(DryRunText.of(task.getValue()));
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

  private String issue() {
    Kind k = kind();
    if (k == null) {
      return "Choose where the volume goes.";
    }
    switch (k) {
      case DIRECTORY:
        {
          String p = TargetChecks.newOutput(dir.getPath(), "directory");
          return p != null || !onlyPaths.isSelected() ? p : TargetChecks.volumePaths(pathList());
        }
      case TAR:
        return TargetChecks.newOutput(tar.getPath(), "tar file");
      case DUMP:
        return TargetChecks.newOutput(dump.getPath(), "dump file");
      case REPLICA:
        {
          String v =
              TargetChecks.volume(
                  volutil.getText(),
                  partition.getText(),
                  volName.getText(),
                  volId.getText(),
                  false);
          if (v != null) {
            return v;
          }
          if (replicaName.getText().isBlank()) {
            return "Give the name of the new replicated volume.";
          }
          return mount.getPath() == null ? "Give the Coda mount point to copy through." : null;
        }
      default:
        return TargetChecks.volume(
            volutil.getText(),
            partition.getText(),
            volName.getText(),
            volId.getText(),
            k == Kind.VOLUME_RW);
    }
  }

  private List<String> pathList() {
    return Arrays.stream(paths.getText().split("\n"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private RestoreTarget target() {
    switch (kind()) {
      case DIRECTORY:
        return new RestoreTarget.Directory(
            dir.getPath(), onlyPaths.isSelected() ? pathList() : List.of());
      case TAR:
        return new RestoreTarget.TarFile(tar.getPath());
      case DUMP:
        return new RestoreTarget.DumpFile(dump.getPath());
      case REPLICA:
        return new RestoreTarget.Replica(
            volume(false), replicaName.getText().strip(), mount.getPath(), "cfs");
      default:
        return volume(kind() == Kind.VOLUME_RW);
    }
  }

  private RestoreTarget.Volume volume(boolean rw) {
    return new RestoreTarget.Volume(
        volutil.getText().strip(),
        server.getText().strip(),
        partition.getText().strip(),
        volName.getText().strip(),
        volId.getText().strip(),
        rw);
  }

  @Override
  public void entered(boolean forward) {
    update(); // a file may have appeared since
  }

  /** Remembers the volutil fields once the user goes on. */
  public void remember() {
    if (kind() == Kind.VOLUME_RO || kind() == Kind.VOLUME_RW || kind() == Kind.REPLICA) {
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

  /** The directory field, for tests and the main window's defaults. */
  PathField directoryField() {
    return dir;
  }

  Path workspace() {
    return core.get().workspaceRoot();
  }
}
