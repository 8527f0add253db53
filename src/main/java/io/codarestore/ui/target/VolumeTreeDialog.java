package io.codarestore.ui.target;

import io.codarestore.dump.DumpListing;
import io.codarestore.dump.ListingEntry;
import io.codarestore.ui.Theme;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBoxTreeItem;
import javafx.scene.control.Dialog;
import javafx.scene.control.TreeItem;
import javafx.scene.control.cell.CheckBoxTreeCell;
import javafx.stage.Window;
import org.controlsfx.control.CheckModel;
import org.controlsfx.control.CheckTreeView;

/**
 * The volume's tree with a check box per file and folder (a ControlsFX {@link CheckTreeView}, whose
 * check model gives what is ticked): what is ticked is restored. A ticked folder stands for its
 * whole subtree; the result is the smallest list of paths that covers what is ticked.
 */
final class VolumeTreeDialog extends Dialog<List<String>> {
  VolumeTreeDialog(Window owner, DumpListing listing, List<String> chosen) {
    initOwner(owner);
    setTitle("Coda Restore – choose paths");
    setHeaderText("Tick the files and folders of " + listing.volume().name() + " to restore.");
    setResizable(true);
    CheckBoxTreeItem<String> root = new CheckBoxTreeItem<>(".");
    root.setExpanded(true);
    Map<String, CheckBoxTreeItem<String>> byPath = new HashMap<>();
    Set<String> dirs = new HashSet<>();
    byPath.put(".", root);
    for (ListingEntry e : listing.entries()) {
      if (e.path() == null || e.path().equals(".")) {
        continue;
      }
      if (ListingEntry.DIRECTORY.equals(e.type())) {
        dirs.add(e.path());
      }
      int slash = e.path().lastIndexOf('/');
      CheckBoxTreeItem<String> parent =
          byPath.getOrDefault(slash < 0 ? "." : e.path().substring(0, slash), root);
      CheckBoxTreeItem<String> item = new CheckBoxTreeItem<>(e.path());
      byPath.put(e.path(), item);
      parent.getChildren().add(item);
    }
    CheckTreeView<String> view = new CheckTreeView<>(root);
    for (String p : chosen) {
      CheckBoxTreeItem<String> item = byPath.get(p);
      if (item != null) {
        view.getCheckModel().check(item);
        for (TreeItem<String> up = item.getParent(); up != null; up = up.getParent()) {
          up.setExpanded(true);
        }
      }
    }
    view.setId("volume-tree");
    view.setShowRoot(true);
    view.setCellFactory(
        v ->
            new CheckBoxTreeCell<>() {
              @Override
              public void updateItem(String path, boolean empty) {
                super.updateItem(path, empty);
                if (!empty && path != null) {
                  boolean dir = dirs.contains(path);
                  setText(
                      path.equals(".")
                          ? listing.volume().name() + " (the whole volume)"
                          : path.substring(path.lastIndexOf('/') + 1) + (dir ? "/" : ""));
                }
              }
            });
    view.setPrefSize(560, 460);
    getDialogPane().setContent(view);
    getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    Theme.apply(getDialogPane().getScene());
    setResultConverter(
        b -> {
          if (b != ButtonType.OK) {
            return null;
          }
          List<String> out = new ArrayList<>();
          collect(view.getCheckModel(), root, out);
          return out;
        });
  }

  /** The topmost ticked items: a ticked folder covers its subtree. */
  private static void collect(
      CheckModel<TreeItem<String>> ticks, TreeItem<String> item, List<String> out) {
    CheckBoxTreeItem<String> c = (CheckBoxTreeItem<String>) item;
    if (ticks.isChecked(c)) {
      if (c.getValue().equals(".")) {
        for (TreeItem<String> child : c.getChildren()) {
          out.add(child.getValue());
        }
      } else {
        out.add(c.getValue());
      }
      return;
    }
    if (c.isIndeterminate() || c.getValue().equals(".")) {
      for (TreeItem<String> child : c.getChildren()) {
        collect(ticks, child, out);
      }
    }
  }
}
