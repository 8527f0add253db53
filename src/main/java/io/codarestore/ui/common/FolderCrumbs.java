package io.codarestore.ui.common;

import java.util.function.Function;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import org.controlsfx.control.BreadCrumbBar;

/**
 * The path of a tree's selected item as a ControlsFX {@link BreadCrumbBar} ("/ › docs › sub ›
 * file.txt") above the tree: it follows the selection, and clicking a crumb selects that folder in
 * the tree, collapses what lay below it and scrolls to it.
 */
public final class FolderCrumbs {
  private FolderCrumbs() {}

  /**
   * @param name the crumb's text for an item's value (the root's value may be null)
   */
  public static <T> BreadCrumbBar<T> follow(TreeTableView<T> tree, Function<T, String> name) {
    BreadCrumbBar<T> bar = new BreadCrumbBar<>();
    bar.getStyleClass().add("folder-crumbs");
    bar.setAutoNavigationEnabled(false); // a click selects in the tree; the tree then moves the bar
    bar.setCrumbFactory(
        item -> {
          String text = item.getValue() == null ? "/" : name.apply(item.getValue());
          return new BreadCrumbBar.BreadCrumbButton(text.isEmpty() ? "/" : text);
        });
    tree.getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> bar.setSelectedCrumb(now));
    tree.rootProperty().addListener((o, was, now) -> bar.setSelectedCrumb(now));
    bar.setOnCrumbAction(e -> select(tree, e.getSelectedCrumb()));
    return bar;
  }

  private static <T> void select(TreeTableView<T> tree, TreeItem<T> item) {
    if (item == null) {
      return;
    }
    for (TreeItem<T> c : item.getChildren()) {
      c.setExpanded(false);
    }
    item.setExpanded(true);
    tree.getSelectionModel().clearSelection();
    tree.getSelectionModel().select(item);
    int row = tree.getRow(item);
    if (row >= 0) {
      tree.scrollTo(row);
    }
  }
}
