package io.codarestore.ui.find;

import io.codarestore.core.Datestamp;
import io.codarestore.index.FileQueries;
import io.codarestore.ui.common.Formats;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

/**
 * A file's versions left to right, oldest first, in the chain page's visual language: a day header
 * over each box, one box per version ({@code dump-box}: level and time, until when, size, state),
 * joined by the chain page's arrows (each version replaced by the next); a version whose tapes are
 * gone is drawn like an unreadable dump, the chosen one like a dump of the chain. Clicking a box
 * picks that version.
 */
final class VersionTimeline extends ScrollPane {
  static final double STEP = 168;
  static final double HEADER = 28;
  static final double BOX_W = 144;
  static final double BOX_H = 84;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);

  private final Pane pane = new Pane();
  private final List<VBox> boxes = new ArrayList<>();
  private List<FileQueries.Version> shown = List.of();
  private Consumer<FileQueries.Version> onPick = v -> {};

  VersionTimeline() {
    setId("find-timeline");
    pane.getStyleClass().add("chain-timeline");
    pane.setPadding(new Insets(0, 8, 0, 8));
    setContent(pane);
    setFitToHeight(true);
    setPrefHeight(HEADER + BOX_H + 30);
    setMinHeight(HEADER + BOX_H + 30);
  }

  void setOnPick(Consumer<FileQueries.Version> pick) {
    this.onPick = pick;
  }

  void show(List<FileQueries.Version> versions) {
    shown = List.copyOf(versions);
    pane.getChildren().clear();
    boxes.clear();
    for (int i = 0; i < versions.size(); i++) {
      FileQueries.Version v = versions.get(i);
      double x = 10 + i * STEP;
      LocalDateTime from = v.from().time();
      Label day = new Label(DAY.format(from));
      day.getStyleClass().add("timeline-day");
      day.relocate(x, 6);
      VBox box = box(v, from);
      box.relocate(x, HEADER);
      box.setOnMouseClicked(e -> onPick.accept(v));
      boxes.add(box);
      pane.getChildren().addAll(day, box);
      if (i > 0) {
        arrow(x - STEP + BOX_W, x);
      }
    }
    pane.setPrefSize(20 + versions.size() * STEP, HEADER + BOX_H + 12);
  }

  private static VBox box(FileQueries.Version v, LocalDateTime from) {
    Label title =
        new Label(
            "L"
                + v.level()
                + (from == null
                    ? ""
                    : String.format(
                        Locale.ROOT, " · %02d:%02d", from.getHour(), from.getMinute())));
    title.getStyleClass().add("dump-title");
    Label until = new Label("until " + (v.until() == null ? "now" : untilText(v.until())));
    Label size = new Label(Formats.bytes(v.entry().size()));
    Label state = new Label(v.restorable() ? "restorable" : "tapes overwritten");
    state.getStyleClass().add("dump-state");
    VBox box = new VBox(1, title, until, size, state);
    box.getStyleClass().add("dump-box");
    if (!v.restorable()) {
      box.getStyleClass().add("unreadable");
    }
    box.setPadding(new Insets(4, 8, 4, 8));
    box.setPrefSize(BOX_W, BOX_H);
    box.setMaxSize(BOX_W, BOX_H);
    Tooltip.install(
        box,
        new Tooltip(
            "from "
                + v.from().shown()
                + " (level "
                + v.level()
                + ")\nuntil "
                + (v.until() == null ? "now" : v.until().shown())
                + "\n"
                + Formats.bytes(v.entry().size())
                + (v.restorable() ? "\nrestore point " + v.restorePoint() : "")));
    return box;
  }

  private static String untilText(Datestamp datestamp) {
    return DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH).format(datestamp.time());
  }

  private void arrow(double x1, double x2) {
    double y = HEADER + BOX_H / 2;
    double size = 10;
    Line line = new Line(x1 + 2, y, x2 - size, y);
    line.getStyleClass().addAll("chain-link", "link-ok");
    Polygon head =
        new Polygon(x2 - 1, y, x2 - 1 - size, y - size * 0.6, x2 - 1 - size, y + size * 0.6);
    head.getStyleClass().addAll("chain-arrow", "link-ok");
    pane.getChildren().addAll(line, head);
  }

  void select(FileQueries.Version v) {
    for (int i = 0; i < boxes.size(); i++) {
      boxes.get(i).getStyleClass().remove("in-chain");
      if (shown.get(i).equals(v)) {
        boxes.get(i).getStyleClass().add("in-chain");
      }
    }
  }

  int boxCount() {
    return boxes.size();
  }

  /** The boxes drawn, oldest first (for tests). */
  List<VBox> boxes() {
    return List.copyOf(boxes);
  }
}
