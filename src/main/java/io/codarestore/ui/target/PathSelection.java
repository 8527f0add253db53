package io.codarestore.ui.target;

import io.codarestore.dump.DumpListing;
import io.codarestore.dump.ListingEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The files and subtrees of the volume to restore: a list the user adds paths to (typed, or ticked
 * in the volume's tree when the chain's dumps are in the workspace) and removes them from. A typed
 * path is checked before it is added; the page checks the whole list again when the tree becomes
 * known.
 */
final class PathSelection extends VBox {
  private final ObservableList<String> paths = FXCollections.observableArrayList();
  private final ListView<String> list = new ListView<>(paths);
  private final TextField entry = new TextField();
  private final Button add = new Button("_Add");
  private final Button remove = new Button("Re_move");
  private final Button fromTree = new Button("From the _volume's tree…");
  private final Label problem = new Label();
  private final Label treeNote = new Label();
  private final ObjectProperty<DumpListing> tree = new SimpleObjectProperty<>();

  PathSelection() {
    super(6);
    list.setId("target-paths");
    list.setPrefHeight(112); // four rows
    list.getStyleClass().add("compact");
    list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    list.setPlaceholder(new Label("No paths yet: type one below and Add it."));
    entry.setId("target-path-entry");
    entry.setPromptText("a file or folder of the volume, e.g. src/main");
    add.setId("target-path-add");
    remove.setId("target-path-remove");
    fromTree.setId("target-path-tree");
    problem.setId("target-path-problem");
    problem.getStyleClass().add("problem-text");
    problem.setWrapText(true);
    problem.managedProperty().bind(problem.textProperty().isNotEmpty());
    treeNote.setId("target-tree-note");
    treeNote.getStyleClass().add("hint");
    treeNote.setWrapText(true);
    add.disableProperty().bind(entry.textProperty().isEmpty());
    remove.disableProperty().bind(Bindings.isEmpty(list.getSelectionModel().getSelectedItems()));
    fromTree.disableProperty().bind(tree.isNull());
    add.setOnAction(e -> addTyped());
    entry.setOnAction(
        e -> {
          e.consume(); // Enter adds the path; it must not press the default button (Restore)
          addTyped();
        });
    entry.textProperty().addListener((o, a, b) -> problem.setText(""));
    remove.setOnAction(
        e -> paths.removeAll(List.copyOf(list.getSelectionModel().getSelectedItems())));
    fromTree.setOnAction(
        e ->
            new VolumeTreeDialog(getScene().getWindow(), tree.get(), paths)
                .showAndWait()
                .ifPresent(paths::setAll));
    HBox.setHgrow(entry, Priority.ALWAYS);
    HBox typed = new HBox(6, entry, add, remove, fromTree);
    typed.setAlignment(Pos.CENTER_LEFT);
    getChildren().addAll(list, typed, problem, treeNote);
    showTree(null, false);
  }

  private void addTyped() {
    String p = normalise(entry.getText());
    String why = io.codarestore.restore.TargetRules.volumePath(p);
    if (why == null && paths.contains(p)) {
      why = p + " is in the list already.";
    }
    Set<String> known = treePaths();
    if (why == null && known != null && !known.contains(p)) {
      why = p + " is not in the volume (as the chain's dumps in the workspace show it).";
    }
    if (why != null) {
      problem.setText(why);
      return;
    }
    paths.add(p);
    entry.clear();
  }

  /** As typed, without surrounding blanks, a leading "./" or trailing "/". */
  static String normalise(String typed) {
    String p = typed.strip();
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /**
   * The volume's tree (from the cached chain), or null when it is not known; {@code looking} while
   * it is being read.
   */
  void showTree(DumpListing listing, boolean looking) {
    tree.set(listing);
    if (looking) {
      treeNote.setText("Reading the volume's tree from the dumps in the workspace …");
    } else if (listing == null) {
      treeNote.setText(
          "The volume's tree is known once the chain's dumps are in the workspace (after a first"
              + " restore of this chain); until then paths are checked when the restore reads"
              + " the dumps.");
    } else {
      treeNote.setText(
          "Paths are checked against the volume's tree ("
              + listing.entries().size()
              + " names, from the dumps in the workspace).");
    }
  }

  /** Every path of the known tree, or null. */
  Set<String> treePaths() {
    DumpListing l = tree.get();
    if (l == null) {
      return null;
    }
    Set<String> s = new HashSet<>();
    for (ListingEntry e : l.entries()) {
      if (e.path() != null) {
        s.add(e.path());
      }
    }
    return s;
  }

  ObservableList<String> paths() {
    return paths;
  }

  ObjectProperty<DumpListing> tree() {
    return tree;
  }
}
