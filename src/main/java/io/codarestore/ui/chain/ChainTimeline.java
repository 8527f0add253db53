package io.codarestore.ui.chain;

import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogPart;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.RestorePlan;
import io.codarestore.ui.common.Formats;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

/**
 * The chain drawn as a timeline: one column per day around the target, one row per level, every
 * dump of the volume as a box (tape labels, size, what became of it), the chosen chain highlighted
 * and joined base → increment by arrows coloured by the header check.
 */
public final class ChainTimeline extends Pane {
  static final double DAY_WIDTH = 146;
  static final double ROW_HEIGHT = 96;
  static final double GUTTER = 78;
  static final double HEADER = 34;
  static final double BOX_W = 136;
  static final double BOX_H = 80;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  private final Map<String, VBox> boxes = new HashMap<>();
  private final List<Node> links = new ArrayList<>();

  public ChainTimeline() {
    getStyleClass().add("chain-timeline");
    setId("chain-timeline");
  }

  static String key(CatalogDump d) {
    return d.datestamp() + "-L" + d.level();
  }

  /**
   * Draws the plan over the volume's dumps; {@code states} (base first, one per link) may be empty.
   */
  public void show(RestorePlan plan, List<CatalogDump> dumps, List<LinkState> states) {
    getChildren().clear();
    boxes.clear();
    links.clear();
    LocalDate first;
    LocalDate last;
    LocalDate targetDay = targetDay(plan);
    // From two days before the base (or four before the target, whichever is earlier): enough to
    // show what came before the chain and why it was not used.
    first = targetDay.minusDays(4);
    if (!plan.chain().isEmpty()) {
      LocalDate base = plan.chain().get(0).datestamp().day().minusDays(2);
      first = base.isBefore(first) ? base : first;
    }
    last = targetDay.plusDays(1);
    List<CatalogDump> shown = new ArrayList<>();
    int maxLevel = 0;
    for (CatalogDump d : dumps) {
      LocalDate day = d.datestamp().day();
      if (day != null && !day.isBefore(first) && !day.isAfter(last)) {
        shown.add(d);
        maxLevel = Math.max(maxLevel, d.level());
      }
    }
    for (ChainLink l : plan.chain()) {
      maxLevel = Math.max(maxLevel, l.level());
    }
    int days = (int) ChronoUnit.DAYS.between(first, last) + 1;
    drawGrid(first, days, maxLevel);
    Map<String, Integer> perCell = new HashMap<>();
    for (CatalogDump d : shown) {
      LocalDate day = d.datestamp().day();
      int col = (int) ChronoUnit.DAYS.between(first, day);
      String cell = col + "/" + d.level();
      int stack = perCell.merge(cell, 1, Integer::sum) - 1;
      VBox box = box(d, plan);
      box.relocate(
          GUTTER + col * DAY_WIDTH + 7 + stack * 10,
          HEADER + d.level() * ROW_HEIGHT + 8 + stack * 6);
      boxes.putIfAbsent(key(d), box);
      getChildren().add(box);
    }
    drawTarget(first, targetDay, maxLevel, plan);
    for (int i = 1; i < plan.chain().size(); i++) {
      LinkState state = i - 1 < states.size() ? states.get(i - 1) : LinkState.PENDING;
      drawLink(plan.chain().get(i - 1), plan.chain().get(i), state, i);
    }
    setPrefSize(GUTTER + days * DAY_WIDTH + 10, HEADER + (maxLevel + 1) * ROW_HEIGHT + 10);
    setMinSize(getPrefWidth(), getPrefHeight());
  }

  private static LocalDate targetDay(RestorePlan plan) {
    return plan.target().point().day();
  }

  private void drawGrid(LocalDate first, int days, int maxLevel) {
    for (int c = 0; c < days; c++) {
      Label day = new Label(DAY.format(first.plusDays(c)));
      day.getStyleClass().add("timeline-day");
      day.relocate(GUTTER + c * DAY_WIDTH + 8, 6);
      Line sep =
          new Line(
              GUTTER + c * DAY_WIDTH,
              HEADER - 4,
              GUTTER + c * DAY_WIDTH,
              HEADER + (maxLevel + 1) * ROW_HEIGHT);
      sep.getStyleClass().add("timeline-grid");
      getChildren().addAll(sep, day);
    }
    for (int l = 0; l <= maxLevel; l++) {
      Label level = new Label(l == 0 ? "Level 0\n(full)" : "Level " + l);
      level.getStyleClass().add("timeline-level");
      level.relocate(8, HEADER + l * ROW_HEIGHT + 28);
      Line sep =
          new Line(
              GUTTER - 6,
              HEADER + l * ROW_HEIGHT,
              GUTTER + days * DAY_WIDTH,
              HEADER + l * ROW_HEIGHT);
      sep.getStyleClass().add("timeline-grid");
      getChildren().addAll(sep, level);
    }
  }

  private VBox box(CatalogDump d, RestorePlan plan) {
    boolean inChain =
        plan.chain().stream()
            .anyMatch(
                l ->
                    l.dump().id() == d.id()
                        || l.datestamp().equals(d.datestamp()) && l.level() == d.level());
    var availability = d.availability();
    LocalDateTime t = d.datestamp().time();
    Label title =
        new Label(
            "L"
                + d.level()
                + (t == null || d.datestamp().dayOnly()
                    ? ""
                    : String.format(Locale.ROOT, " · %02d:%02d", t.getHour(), t.getMinute())));
    title.getStyleClass().add("dump-title");
    List<String> labels =
        d.parts().stream()
            .map(CatalogPart::label)
            .filter(s -> s != null && !s.isBlank())
            .distinct()
            .toList();
    String where =
        d.onHoldingDisk()
            ? "holding disk"
            : labels.isEmpty() ? "no tape" : String.join(", ", labels);
    Label tapes = new Label(where);
    Label size = new Label(d.bytes() > 0 ? Formats.bytes(d.bytes()) : "");
    String what;
    VBox box = new VBox(1, title, tapes, size);
    box.getStyleClass().add("dump-box");
    if (!d.state().isGood()) {
      what = d.state().code();
      box.getStyleClass().add(d.state().code().equals("failed") ? "failed" : "partial");
    } else if (!availability.readable()) {
      what =
          availability.reason() != null && availability.reason().contains("overwritten")
              ? "overwritten"
              : "missing";
      box.getStyleClass().add("unreadable");
    } else {
      what = d.state().code().equals("ok-with-warnings") ? "ok, with warnings" : "readable";
      if (d.state().code().equals("ok-with-warnings")) {
        box.getStyleClass().add("warnings");
      }
    }
    Label state = new Label(inChain ? "in the chain" : what);
    state.getStyleClass().add("dump-state");
    box.getChildren().add(state);
    if (inChain) {
      box.getStyleClass().add("in-chain");
    }
    box.setId("dump-" + key(d));
    box.setPadding(new Insets(4, 8, 4, 8));
    box.setPrefSize(BOX_W, BOX_H);
    box.setMaxSize(BOX_W, BOX_H);
    Tooltip.install(
        box,
        new Tooltip(
            d.datestamp().shown()
                + ", level "
                + d.level()
                + "\nstatus: "
                + d.state().code()
                + (availability.reason() == null ? "" : "\n" + availability.reason())
                + (d.onHoldingDisk()
                    ? "\non the holding disk: " + d.whereToRead()
                    : "\nparts: " + d.parts().size() + " on " + where)
                + "\nlog: "
                + d.logFile()
                + ":"
                + d.logLine()));
    return box;
  }

  private void drawTarget(LocalDate first, LocalDate targetDay, int maxLevel, RestorePlan plan) {
    double x = GUTTER + (ChronoUnit.DAYS.between(first, targetDay) + 1) * DAY_WIDTH - 3;
    if (!plan.chain().isEmpty()) {
      VBox head = boxes.get(key(plan.chain().get(plan.chain().size() - 1).dump()));
      if (head != null) {
        x = Math.min(x, head.getLayoutX() + BOX_W + 6);
      }
    }
    Line marker = new Line(x, HEADER - 6, x, HEADER + (maxLevel + 1) * ROW_HEIGHT);
    marker.getStyleClass().add("timeline-target");
    Label label = new Label("target");
    label.getStyleClass().add("timeline-target-label");
    label.relocate(x + 3, HEADER + (maxLevel + 1) * ROW_HEIGHT - 20);
    getChildren().addAll(marker, label);
  }

  private void drawLink(ChainLink base, ChainLink incr, LinkState state, int index) {
    VBox from = boxes.get(key(base.dump()));
    VBox to = boxes.get(key(incr.dump()));
    if (from == null || to == null) {
      return;
    }
    // From the bottom of the base down and into the left side of the increment (a level below).
    double x1 = from.getLayoutX() + BOX_W / 2;
    double y1 = from.getLayoutY() + BOX_H;
    double x2 = to.getLayoutX() - 1;
    double y2 = to.getLayoutY() + BOX_H / 2;
    double size = 10;
    CubicCurve line = new CubicCurve(x1, y1, x1, y2, x1, y2, x2 - size + 1, y2);
    line.setFill(null);
    line.getStyleClass().addAll("chain-link", state.styleClass());
    Polygon head = new Polygon(x2, y2, x2 - size, y2 - size * 0.6, x2 - size, y2 + size * 0.6);
    head.getStyleClass().addAll("chain-arrow", state.styleClass());
    Label mark = new Label(state.mark());
    mark.getStyleClass().addAll("link-mark", state.styleClass());
    mark.relocate(x1 - 10, (y1 + y2) / 2 - 14);
    String id = "link-" + key(base.dump()) + "-to-" + key(incr.dump());
    line.setId(id);
    line.setUserData(state);
    mark.setId(id + "-mark");
    links.add(line);
    getChildren().addAll(line, head, mark);
  }

  /** The drawn links (base → increment), in chain order; their ids name both dumps. */
  public List<Node> links() {
    return List.copyOf(links);
  }
}
