package io.codarestore.ui;

import io.codarestore.core.SharedDefaults;
import io.codarestore.restore.TargetRules;
import io.codarestore.ui.common.PathField;
import io.codarestore.ui.settings.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * File › Settings (issue 16, item 15): the catalog and workspace the wizard and the command line
 * share (the same {@link SharedDefaults} the command line's {@code --help} prints), the log folder,
 * and the volutil command the Target page remembers. The workspace and the volutil command are
 * editable and checked as typed, the way the Target page checks them; OK (or Enter) saves both to
 * the settings file, Cancel (or Escape) keeps what was there. OK stays disabled with the reason
 * while a field is wrong.
 */
final class SettingsWindow {
  private final AppContext app;
  private final Dialog<ButtonType> dialog = new Dialog<>();
  private final PathField workspace =
      new PathField(
          "settings-workspace", "where fetched dumps and run logs go", PathField.Mode.DIRECTORY);
  private final TextField volutil = new TextField();
  private final Label problem = new Label();
  private final Label volutilNote = new Label();
  private final String volutilBefore;

  private SettingsWindow(Stage owner, AppContext app) {
    this.app = app;
    SharedDefaults shared = app.dirs().shared();
    workspace.setPath(shared.workspace().toString());
    volutilBefore = app.settings().get().get(Setting.VOLUTIL_COMMAND, "volutil");
    volutil.setText(volutilBefore);
    volutil.setId("settings-volutil");
    volutil.setPromptText("volutil (a name on the PATH, or its full path)");
    problem.setId("settings-problem");
    problem.getStyleClass().add("error");
    problem.setWrapText(true);
    problem.setMaxWidth(640);
    dialog.initOwner(owner);
    dialog.setTitle("Settings");
    dialog.setHeaderText(
        "Where the assistant keeps its files, for the wizard and the command line");
    dialog.getDialogPane().setId("settings");
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    dialog.getDialogPane().setContent(content(owner, shared));
    dialog.getDialogPane().setPrefWidth(780);
    dialog.getDialogPane().setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    dialog.setResizable(true);
    StringBinding reason =
        Bindings.createStringBinding(
            () ->
                problemOf(
                    workspace.getPath(),
                    workspace.textField().getText(),
                    volutil.getText(),
                    volutilBefore),
            workspace.pathProperty(),
            volutil.textProperty());
    StringBinding note =
        Bindings.createStringBinding(
            () -> unchangedVolutilNote(volutil.getText(), volutilBefore), volutil.textProperty());
    volutilNote.textProperty().bind(note);
    volutilNote.visibleProperty().bind(note.isNotEmpty());
    volutilNote.managedProperty().bind(volutilNote.visibleProperty());
    problem.textProperty().bind(reason);
    problem.visibleProperty().bind(reason.isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
    ok.setId("settings-ok");
    dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("settings-cancel");
    ok.disableProperty().bind(reason.isNotEmpty());
    ok.addEventFilter(ActionEvent.ACTION, e -> save());
    Theme.apply(dialog.getDialogPane().getScene());
  }

  /** The Settings window of the main window {@code owner}, not shown yet. */
  static Dialog<ButtonType> build(Stage owner, AppContext app) {
    return new SettingsWindow(owner, app).dialog;
  }

  private VBox content(Stage owner, SharedDefaults shared) {
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    grid.setPrefWidth(740);
    ColumnConstraints fields = new ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().addAll(labels, fields);
    Path catalog = shared.catalog();
    Path catalogFolder = catalog.toAbsolutePath().getParent();
    grid.addRow(
        0,
        new Label("Catalog"),
        shown(
            "settings-catalog",
            catalog,
            folderButton(owner, "settings-catalog-open", catalogFolder, "catalog")));
    grid.addRow(1, new Label("Workspace"), workspace);
    grid.addRow(
        2,
        new Label("Log folder"),
        shown(
            "settings-logs",
            app.dirs().logs(),
            folderButton(owner, "settings-logs-open", app.dirs().logs(), "logs")));
    grid.addRow(3, new Label("volutil command"), volutil);
    volutilNote.setId("settings-volutil-note");
    volutilNote.getStyleClass().add("hint");
    volutilNote.setWrapText(true);
    volutilNote.setMaxWidth(560);
    grid.add(volutilNote, 1, 4);
    Label note =
        new Label(
            "The command line uses the same catalog when --db is not given and the same"
                + " workspace when --workspace is not given (see coda-restore --help). The catalog"
                + " is the one last opened or imported into on the Source page. Settings file: "
                + app.dirs().paths().settingsFile());
    note.setWrapText(true);
    note.setMaxWidth(720);
    note.getStyleClass().add("hint");
    note.setId("settings-note");
    return new VBox(12, grid, problem, note);
  }

  /** A read-only path the user can select and copy, with its Open folder button. */
  private static HBox shown(String id, Path path, Button open) {
    TextField f = new TextField(path.toString());
    f.setId(id);
    f.setEditable(false);
    f.setFocusTraversable(false);
    HBox.setHgrow(f, Priority.ALWAYS);
    return new HBox(6, f, open);
  }

  private Button folderButton(Stage owner, String id, Path folder, String what) {
    Button b = new Button("Open folder");
    b.setId(id);
    b.setOnAction(e -> HelpMenu.showFolder(owner, app, folder, what));
    return b;
  }

  /** Saves the workspace and the volutil command; the Target page and the command line follow. */
  private void save() {
    app.settings()
        .update(
            app.settings()
                .get()
                .with(
                    Setting.WORKSPACE, workspace.getPath().toAbsolutePath().normalize().toString())
                .with(Setting.VOLUTIL_COMMAND, volutil.getText().strip()));
  }

  /**
   * What is wrong with the fields, in words naming the field; empty when nothing is. A volutil
   * command left as it was does not stop the workspace from being saved (only a restore into a
   * server volume runs it; the Target page checks it then): see {@link #unchangedVolutilNote}.
   */
  static String problemOf(Path workspace, String typed, String volutil, String volutilBefore) {
    String w = workspaceProblem(workspace, typed);
    if (w != null) {
      return w;
    }
    if (volutil != null && volutil.strip().equals(volutilBefore)) {
      return "";
    }
    String v = TargetRules.command("volutil command", volutil);
    return v == null ? "" : v;
  }

  /** The volutil command left as it was but not there: said, without refusing OK. */
  static String unchangedVolutilNote(String volutil, String volutilBefore) {
    if (volutil == null || !volutil.strip().equals(volutilBefore)) {
      return "";
    }
    String v = TargetRules.command("volutil command", volutil);
    return v == null ? "" : v + " Only a restore into a server volume runs it.";
  }

  /**
   * The workspace: an absolute path ({@code ~} is the home folder) that is a writable folder, or
   * does not exist yet and can be made (its nearest existing parent a writable folder).
   */
  static String workspaceProblem(Path p, String typed) {
    if (p == null) {
      return typed == null || typed.isBlank()
          ? "Workspace: choose a folder for fetched dumps and run logs."
          : "Workspace: '" + typed.strip() + "' is not a path.";
    }
    if (!p.isAbsolute()) {
      return "Workspace: " + p + " is not an absolute path (start it with / or ~/).";
    }
    Path existing = p;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return "Workspace: no part of " + p + " exists.";
    }
    if (!Files.isDirectory(existing)) {
      return "Workspace: " + existing + " is a file, not a folder.";
    }
    if (!Files.isWritable(existing)) {
      return "Workspace: the folder "
          + existing
          + " is not writable"
          + (existing.equals(p) ? "." : " (the workspace would be made in it).");
    }
    return null;
  }
}
