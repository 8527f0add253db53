package io.codarestore.ui.find;

import io.codarestore.core.Datestamp;
import io.codarestore.index.FileQueries;
import io.codarestore.ui.common.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A file's versions left to right, oldest first, one box each (from, until, level, size), as the
 * chain page draws dumps; a version that can no longer be restored is greyed. Clicking a box picks
 * that version.
 */
final class VersionTimeline extends ScrollPane {
  private final HBox row = new HBox(8);
  private final List<VBox> boxes = new ArrayList<>();
  private List<FileQueries.Version> shown = List.of();
  private Consumer<FileQueries.Version> onPick = v -> {};

  VersionTimeline() {
    setId("find-timeline");
    getStyleClass().add("chain-timeline");
    row.setPadding(new Insets(8));
    setContent(row);
    setFitToHeight(true);
    setPrefHeight(110);
    setMinHeight(110);
  }

  void setOnPick(Consumer<FileQueries.Version> pick) {
    this.onPick = pick;
  }

  void show(List<FileQueries.Version> versions) {
    shown = List.copyOf(versions);
    row.getChildren().clear();
    boxes.clear();
    for (FileQueries.Version v : versions) {
      Label when =
          new Label(
              Datestamp.parse(v.from()).shown()
                  + " →\n"
                  + (v.until() == null ? "now" : Datestamp.parse(v.until()).shown()));
      Label what = new Label("level " + v.level() + " · " + Formats.bytes(v.entry().size()));
      VBox box = new VBox(4, when, what);
      box.setPadding(new Insets(6));
      box.getStyleClass().addAll("chain-box", v.restorable() ? "link-ok" : "link-missing");
      box.setStyle(
          "-fx-border-color: derive(-fx-accent, -20%); -fx-border-radius: 4; -fx-background-radius: 4;"
              + (v.restorable() ? "" : " -fx-opacity: 0.5;"));
      box.setOnMouseClicked(e -> onPick.accept(v));
      boxes.add(box);
      row.getChildren().add(box);
    }
  }

  void select(FileQueries.Version v) {
    for (int i = 0; i < boxes.size(); i++) {
      boolean on = shown.get(i).equals(v);
      boxes
          .get(i)
          .setStyle(
              boxes.get(i).getStyle().replace(" -fx-background-color: -fx-accent;", "")
                  + (on ? " -fx-background-color: -fx-accent;" : ""));
    }
  }

  int boxCount() {
    return boxes.size();
  }
}
