package io.codarestore.ui.browser;

import io.codarestore.core.Cancellation;
import io.codarestore.dump.ExtractReport;
import io.codarestore.dump.ListingEntry;
import io.codarestore.restore.RestoreService;
import io.codarestore.ui.Theme;
import io.codarestore.ui.common.Background;
import io.codarestore.ui.common.ErrorDialog;
import io.codarestore.ui.common.FolderCrumbs;
import io.codarestore.ui.common.Formats;
import io.codarestore.ui.common.FxProgress;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.BreadCrumbBar;

/**
 * A window to look into any dump file: its tree with name, type, size, time, mode and the ACL of
 * each directory, and the selected files or folders extracted to a directory.
 */
public final class DumpBrowser {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final Background background;
  private final RestoreService service;
  private final Stage stage = new Stage();
  private final TreeTableView<ListingEntry> tree = new TreeTableView<>();
  private final Label status =
      new Label("Open a dump file (a full or merged dump, or an incremental).");
  private final ProgressBar progress = new ProgressBar();
  private final Button extract = new Button("_Extract selected…");
  private final BreadCrumbBar<ListingEntry> crumbs;
  private DumpContents contents;
  private Map<String, String> acls = Map.of();

  /**
   * @param service the restore service the extraction goes through
   */
  public DumpBrowser(Background background, RestoreService service, Window owner) {
    this.background = background;
    this.service = service;
    if (owner != null) {
      stage.initOwner(owner);
    }
    stage.setTitle("Coda Restore – dump browser");
    Button open = new Button("_Open dump…");
    open.setId("browser-open");
    open.setOnAction(e -> chooseAndOpen());
    extract.setId("browser-extract");
    extract.setDisable(true);
    extract.setOnAction(e -> chooseAndExtract());
    progress.setVisible(false);
    progress.setId("browser-progress");
    status.setId("browser-status");
    Button close = new Button("Close");
    close.setId("browser-close");
    close.setCancelButton(true); // Escape closes the browser
    close.setOnAction(e -> stage.close());
    for (Button b : new Button[] {open, extract, close}) {
      b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never "…", whatever the status
    }
    javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox bar = new HBox(10, open, extract, progress, gap, close);
    status.setWrapText(true);
    status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    javafx.scene.layout.VBox top = new javafx.scene.layout.VBox(6, bar, status);
    top.setPadding(new Insets(10));
    buildTree();
    crumbs = FolderCrumbs.follow(tree, e -> e.path().equals(".") ? "/" : e.name());
    crumbs.setId("browser-crumbs");
    javafx.scene.layout.VBox centre = new javafx.scene.layout.VBox(6, crumbs, tree);
    javafx.scene.layout.VBox.setVgrow(tree, Priority.ALWAYS);
    BorderPane root = new BorderPane(centre);
    root.setTop(top);
    root.setPadding(new Insets(0, 10, 10, 10));
    Scene scene = new Scene(root, 1000, 640);
    Theme.apply(scene);
    stage.setScene(scene);
  }

  private void buildTree() {
    tree.setId("browser-tree");
    tree.setShowRoot(true);
    tree.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TreeTableColumn<ListingEntry, String> name =
        column("Name", e -> e.path().equals(".") ? "/" : e.name());
    name.setPrefWidth(260);
    var cols = tree.getColumns();
    cols.add(name);
    cols.add(column("Type", ListingEntry::type));
    cols.add(
        column(
            "Size", e -> e.type().equals(ListingEntry.DIRECTORY) ? "" : Formats.bytes(e.size())));
    TreeTableColumn<ListingEntry, String> modified =
        column("Modified", e -> TIME.format(Instant.ofEpochSecond(e.mtime())));
    modified.setPrefWidth(150);
    cols.add(modified);
    cols.add(column("Mode", ListingEntry::modeOctal));
    TreeTableColumn<ListingEntry, String> acl = column("ACL", e -> acls.getOrDefault(e.path(), ""));
    acl.setPrefWidth(280);
    cols.add(acl);
    tree.getSelectionModel()
        .getSelectedItems()
        .addListener(
            (javafx.collections.ListChangeListener<TreeItem<ListingEntry>>)
                c ->
                    extract.setDisable(
                        contents == null
                            || contents.listing().incremental()
                            || selectedPaths().isEmpty()));
  }

  private static TreeTableColumn<ListingEntry, String> column(
      String title, Function<ListingEntry, String> value) {
    TreeTableColumn<ListingEntry, String> c = new TreeTableColumn<>(title);
    c.setCellValueFactory(
        d ->
            new ReadOnlyObjectWrapper<>(
                d.getValue().getValue() == null ? "" : value.apply(d.getValue().getValue())));
    return c;
  }

  public void show() {
    stage.show();
    stage.toFront();
  }

  public Stage stage() {
    return stage;
  }

  private void chooseAndOpen() {
    FileChooser c = new FileChooser();
    c.setTitle("Open a Coda dump");
    File f = c.showOpenDialog(stage);
    if (f != null) {
      open(f.toPath());
    }
  }

  /** Reads a dump in the background and shows its tree. */
  public Task<DumpContents> open(Path file) {
    Cancellation cancel = new Cancellation();
    Task<DumpContents> task =
        new Task<>() {
          @Override
          protected DumpContents call() {
            return DumpContents.read(file, cancel);
          }

          @Override
          protected void cancelled() {
            cancel.cancel();
          }
        };
    busy("Reading " + file + " …");
    task.setOnSucceeded(e -> shown(task.getValue()));
    task.setOnFailed(
        e -> {
          idle("Could not read " + file.getFileName() + ".");
          ErrorDialog.show(stage, "Cannot read the dump", task.getException());
        });
    background.run(task);
    return task;
  }

  private void shown(DumpContents c) {
    contents = c;
    acls = c.acls();
    tree.setRoot(treeOf(c.listing().entries()));
    tree.getRoot().setExpanded(true);
    var h = c.listing().header();
    idle(
        c.file().getFileName()
            + ": volume "
            + volumeShown(c.listing().volume().name())
            + (c.listing().incremental() ? ", incremental (level " + h.level() + ")" : ", full")
            + ", "
            + io.codarestore.ui.common.Formats.count(
                c.listing().entries().size(), "entry", "entries")
            + (c.listing().incremental()
                ? ". This is an incremental: only a full or merged dump can be extracted."
                : ""));
  }

  /**
   * The volume's name as the admin knows it: a dump is made from the backup clone of a replica
   * ({@code coda.root.0.backup}); the volume is {@code coda.root}.
   */
  static String volumeShown(String dumped) {
    String v = dumped.endsWith(".backup") ? dumped.substring(0, dumped.length() - 7) : dumped;
    return v.matches(".+\\.[0-9]+") ? v.substring(0, v.lastIndexOf('.')) : v;
  }

  /** Builds the tree from the listing's paths (sorted: parents come before children). */
  static TreeItem<ListingEntry> treeOf(List<ListingEntry> entries) {
    Map<String, TreeItem<ListingEntry>> byPath = new HashMap<>();
    TreeItem<ListingEntry> root = new TreeItem<>();
    List<ListingEntry> unplaced = new ArrayList<>();
    for (ListingEntry e : entries) {
      if (e.path() == null) {
        unplaced.add(e);
        continue;
      }
      TreeItem<ListingEntry> item = new TreeItem<>(e);
      if (e.path().equals(".")) {
        root = item;
        byPath.put(".", item);
        continue;
      }
      byPath.put(e.path(), item);
      int slash = e.path().lastIndexOf('/');
      String parent = slash < 0 ? "." : e.path().substring(0, slash);
      byPath.getOrDefault(parent, root).getChildren().add(item);
    }
    for (ListingEntry e : unplaced) {
      root.getChildren().add(new TreeItem<>(e));
    }
    return root;
  }

  private List<String> selectedPaths() {
    List<String> out = new ArrayList<>();
    for (TreeItem<ListingEntry> i : tree.getSelectionModel().getSelectedItems()) {
      if (i != null && i.getValue() != null && i.getValue().path() != null) {
        out.add(i.getValue().path());
      }
    }
    return out;
  }

  private void chooseAndExtract() {
    DirectoryChooser c = new DirectoryChooser();
    c.setTitle("Extract into which folder?");
    File dir = c.showDialog(stage);
    if (dir != null) {
      extract(selectedPaths(), dir.toPath());
    }
  }

  /**
   * Extracts the selected paths of the open dump into a new folder named after the volume inside
   * {@code into}, each at its place in the volume (the whole tree when the root is selected).
   * Nothing existing is overwritten.
   */
  public Task<String> extract(List<String> paths, Path into) {
    Path dump = contents.file();
    Cancellation cancel = new Cancellation();
    FxProgress listener = new FxProgress(s -> {}, line -> {});
    String volume = volumeShown(contents.listing().volume().name());
    Path out = into.resolve(volume.isBlank() ? "volume" : volume);
    Task<String> task =
        new Task<>() {
          @Override
          protected String call() throws Exception {
            // "." selects the whole tree; the extraction takes any number of paths in one pass
            return describe(paths, service.extractPaths(dump, paths, out, listener, cancel));
          }
        };
    busy("Extracting " + paths.size() + " item(s) into " + into + " …");
    task.setOnSucceeded(e -> idle("Extracted " + task.getValue() + " into " + out + "."));
    task.setOnFailed(
        e -> {
          idle("Extraction failed.");
          ErrorDialog.show(stage, "Cannot extract", task.getException());
        });
    background.run(task);
    return task;
  }

  private static String describe(List<String> paths, ExtractReport r) {
    return Formats.count(paths.size(), "path", "paths")
        + ": "
        + Formats.count(r.files(), "file", "files")
        + ", "
        + Formats.bytes(r.bytes())
        + " written";
  }

  private void busy(String text) {
    status.setText(text);
    progress.setVisible(true);
    progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
  }

  private void idle(String text) {
    status.setText(text);
    progress.setVisible(false);
  }

  /** The current folder's crumbs, for tests. */
  BreadCrumbBar<ListingEntry> crumbs() {
    return crumbs;
  }

  /** The tree view, for tests. */
  TreeTableView<ListingEntry> tree() {
    return tree;
  }
}
