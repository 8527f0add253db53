package io.codarestore.ui.find;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.IndexSnapshot;
import io.codarestore.catalog.IndexedEntry;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.index.FileQueries;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePoint;
import io.codarestore.restore.PathsOutcome;
import io.codarestore.restore.PathsRequest;
import io.codarestore.restore.RestoreService;
import io.codarestore.ui.common.Formats;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;

/**
 * A volume's tree as of any restore point, from the file index alone (nothing is fetched to show
 * it): folders to open, files with size and date; the selected files and folders restored into a
 * new folder, reading only the dumps that hold them.
 */
final class RestorePointBrowser {
  private final io.codarestore.ui.common.Background background;
  private final Catalog catalog;
  private final RestoreService service;
  private final RestoreService.Source source;
  private final Stage owner;
  private final ComboBox<CatalogVolume> volume = new ComboBox<>();
  private final ComboBox<RestorePoint> point = new ComboBox<>();
  private final TreeTableView<IndexedEntry> tree = new TreeTableView<>();
  private final org.controlsfx.control.BreadCrumbBar<IndexedEntry> crumbs;
  private final Button restore = new Button("Restore _selected…");
  private final Label status = new Label("Choose a volume and a restore point");
  private final BorderPane view = new BorderPane();

  RestorePointBrowser(
      io.codarestore.ui.common.Background background,
      Catalog catalog,
      RestoreService service,
      RestoreService.Source source,
      Stage owner) {
    this.background = background;
    this.catalog = catalog;
    this.service = service;
    this.source = source;
    this.owner = owner;
    volume.setId("browse-volume");
    point.setId("browse-point");
    tree.setId("browse-tree");
    restore.setId("browse-restore");
    status.setId("browse-status");
    volume.setCellFactory(l -> cell(v -> v.host() + ":" + v.volume()));
    volume.setButtonCell(cell(v -> v.host() + ":" + v.volume()));
    point.setCellFactory(l -> cell(p -> p.datestamp().shown() + " (level " + p.level() + ")"));
    point.setButtonCell(cell(p -> p.datestamp().shown() + " (level " + p.level() + ")"));
    volume.valueProperty().addListener((o, was, now) -> loadPoints(now));
    point.valueProperty().addListener((o, was, now) -> loadTree());
    tree.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    tree.setShowRoot(true);
    tree.getColumns().add(col("Name", e -> e.name(), 380));
    tree.getColumns().add(col("Type", IndexedEntry::typeName, 90));
    tree.getColumns().add(col("Size", e -> e.size() < 0 ? "" : Formats.bytes(e.size()), 100));
    tree.getColumns().add(col("Modified", e -> FindWindow.epoch(e.mtime()), 150));
    tree.getColumns().add(col("Mode", e -> e.modeOctal() == null ? "" : e.modeOctal(), 70));
    restore.disableProperty().bind(tree.getSelectionModel().selectedItemProperty().isNull());
    restore.setOnAction(e -> chooseAndRestore());
    HBox bar = new HBox(10, new Label("Volume"), volume, new Label("as of"), point, restore);
    bar.setPadding(new Insets(10));
    view.setTop(bar);
    crumbs =
        io.codarestore.ui.common.FolderCrumbs.follow(
            tree, e -> e.path().equals(".") ? "/" : e.name());
    crumbs.setId("browse-crumbs");
    javafx.scene.layout.VBox centre = new javafx.scene.layout.VBox(6, crumbs, tree);
    javafx.scene.layout.VBox.setVgrow(tree, javafx.scene.layout.Priority.ALWAYS);
    centre.setPadding(new Insets(0, 10, 0, 10));
    view.setCenter(centre);
    view.setBottom(status);
    BorderPane.setMargin(status, new Insets(6, 10, 6, 10));
    Task<List<CatalogVolume>> t = FindWindow.task(() -> catalog.volumes(null));
    t.setOnSucceeded(e -> volume.setItems(FXCollections.observableArrayList(t.getValue())));
    background.catalog(t);
  }

  private static <T> ListCell<T> cell(java.util.function.Function<T, String> text) {
    return new ListCell<>() {
      @Override
      protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : text.apply(item));
      }
    };
  }

  private static TreeTableColumn<IndexedEntry, String> col(
      String title, java.util.function.Function<IndexedEntry, String> f, double width) {
    TreeTableColumn<IndexedEntry, String> c = new TreeTableColumn<>(title);
    c.setCellValueFactory(
        d ->
            new ReadOnlyStringWrapper(
                d.getValue().getValue() == null ? "" : f.apply(d.getValue().getValue())));
    c.setPrefWidth(width);
    return c;
  }

  org.controlsfx.control.BreadCrumbBar<IndexedEntry> crumbs() {
    return crumbs;
  }

  BorderPane view() {
    return view;
  }

  private void loadPoints(CatalogVolume v) {
    point.getItems().clear();
    tree.setRoot(null);
    if (v == null) {
      return;
    }
    Task<List<RestorePoint>> t =
        FindWindow.task(() -> new ChainPlanner().restorablePoints(catalog, v.host(), v.volume()));
    t.setOnSucceeded(
        e -> {
          point.setItems(FXCollections.observableArrayList(t.getValue()));
          if (!t.getValue().isEmpty()) {
            point.setValue(t.getValue().get(t.getValue().size() - 1));
          }
        });
    background.catalog(t);
  }

  /** Shows the chosen volume's tree as of the chosen restore point. */
  Task<FileQueries.Files> loadTree() {
    CatalogVolume v = volume.getValue();
    RestorePoint p = point.getValue();
    tree.setRoot(null);
    if (v == null || p == null) {
      return null;
    }
    Task<FileQueries.Files> t =
        FindWindow.task(
            () -> new FileQueries(catalog).files(v.host(), v.volume(), p.target(), null));
    t.setOnSucceeded(
        e -> {
          tree.setRoot(build(t.getValue().entries()));
          status.setText(
              t.getValue().entries().size()
                  + " names as of "
                  + t.getValue().restorePoint().shown()
                  + (t.getValue().source().equals(IndexSnapshot.AMANDA_INDEX)
                      ? " — only Amanda's path index is known (run 'catalog index' for sizes and dates)"
                      : ", from the file index; nothing fetched"));
        });
    t.setOnFailed(e -> status.setText(t.getException().getMessage()));
    return background.catalog(t);
  }

  static TreeItem<IndexedEntry> build(List<IndexedEntry> entries) {
    Map<String, TreeItem<IndexedEntry>> items = new HashMap<>();
    TreeItem<IndexedEntry> root = null;
    for (IndexedEntry e : entries) {
      TreeItem<IndexedEntry> item = new TreeItem<>(e);
      items.put(e.path(), item);
      if (e.path().equals(".")) {
        root = item;
        root.setExpanded(true);
        continue;
      }
      int slash = e.path().lastIndexOf('/');
      TreeItem<IndexedEntry> parent = items.get(slash < 0 ? "." : e.path().substring(0, slash));
      if (parent != null) {
        parent.getChildren().add(item);
      }
    }
    return root;
  }

  private void chooseAndRestore() {
    DirectoryChooser c = new DirectoryChooser();
    c.setTitle("Restore the selection into a new folder inside…");
    File d = c.showDialog(owner);
    if (d != null) {
      restoreSelected(d.toPath());
    }
  }

  /** Restores the selected names into a new folder inside {@code parent}. */
  Task<PathsOutcome> restoreSelected(Path parent) {
    CatalogVolume v = volume.getValue();
    RestorePoint p = point.getValue();
    List<String> paths = new ArrayList<>();
    for (TreeItem<IndexedEntry> i : tree.getSelectionModel().getSelectedItems()) {
      if (i != null && i.getValue() != null) {
        paths.add(i.getValue().path());
      }
    }
    Path dir = parent.resolve(v.volume() + "-" + p.datestamp());
    PathsRequest req =
        new PathsRequest(v.host(), v.volume(), PlanTarget.parse(p.target()), paths, dir);
    Task<PathsOutcome> t =
        FindWindow.task(
            () -> service.restorePaths(source, req, ProgressListener.NONE, Cancellation.none()));
    t.setOnSucceeded(
        e -> status.setText("Restored " + paths.size() + " selected name(s) into " + dir));
    t.setOnFailed(e -> status.setText("Restore failed: " + t.getException().getMessage()));
    return background.catalog(t);
  }

  ComboBox<CatalogVolume> volume() {
    return volume;
  }

  ComboBox<RestorePoint> point() {
    return point;
  }

  TreeTableView<IndexedEntry> tree() {
    return tree;
  }
}
