package io.codarestore.ui.date;

import io.codarestore.catalog.CatalogVolume;
import io.codarestore.plan.RestorePoint;
import io.codarestore.ui.AppContext;
import io.codarestore.ui.RestoreSession;
import io.codarestore.ui.common.ErrorDialog;
import io.codarestore.ui.wizard.PageHeading;
import io.codarestore.ui.wizard.WizardPage;
import java.time.LocalDate;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.DateCell;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.DatePickerSkin;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Page 3: which day. A calendar marks the days the volume can be restored to (green; darker for a
 * full dump) and the days whose dumps cannot be used (red), each with the levels dumped that day.
 * Beside it, the runs of the chosen day, with their time, so a day with several runs can be told
 * apart.
 */
public final class DatePage implements WizardPage {
  private static final PageHeading HEADING =
      new PageHeading(
          org.kordamp.ikonli.materialdesign2.MaterialDesignC.CALENDAR_MONTH,
          "Date",
          "Restore it as it was on which day?");

  private final AppContext app;
  private final RestoreSession session;
  private DateModel model = new DateModel(java.util.Map.of());
  private final DatePicker picker = new DatePicker();
  private final ListView<RestorePoint> runs = new ListView<>();
  private final Label dayInfo = new Label();
  private final ListView<RestorePoint> allPoints = new ListView<>();
  private final javafx.scene.control.Button latest =
      new javafx.scene.control.Button("_Latest restore point");
  private final BooleanBinding complete;
  private final HBox view;
  private CatalogVolume loadedFor;

  public DatePage(AppContext app, RestoreSession session) {
    this.app = app;
    this.session = session;
    picker.setId("date-picker");
    picker.setDayCellFactory(p -> new MarkedDayCell());
    DatePickerSkin skin = new DatePickerSkin(picker);
    Node calendar = skin.getPopupContent();
    calendar.setId("date-calendar");
    calendar.getStyleClass().add("restore-calendar");
    // Enter on the calendar means Next (not "previous month"); clicking the month arrows does not
    // take the focus, so a later Enter cannot press them.
    calendar.getProperties().put(io.codarestore.ui.wizard.WizardFrame.ENTER_IS_NEXT, true);
    for (Node arrow : calendar.lookupAll(".button")) {
      arrow.setFocusTraversable(false);
    }
    picker.valueProperty().addListener((o, a, day) -> dayChosen(day));

    runs.setId("date-runs");
    runs.getProperties().put(io.codarestore.ui.wizard.WizardFrame.ENTER_IS_NEXT, true);
    runs.setPrefHeight(160);
    runs.setCellFactory(l -> new RunCell());
    runs.setPlaceholder(new Label("No restore point on this day."));
    runs.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, p) -> {
              session.point().set(p);
              if (p != null) {
                allPoints.getSelectionModel().select(p);
              }
            });
    dayInfo.setId("date-info");
    dayInfo.setWrapText(true);
    dayInfo.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    allPoints.setId("date-all-points");
    allPoints.setPrefHeight(120);
    allPoints.setCellFactory(l -> new PointCell());
    allPoints.setPlaceholder(new Label("No restore point for this volume."));
    allPoints.getProperties().put(io.codarestore.ui.wizard.WizardFrame.ENTER_IS_NEXT, true);
    allPoints.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> pointPicked(p));
    latest.setId("date-latest");
    latest.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    latest.setOnAction(
        e -> {
          if (!allPoints.getItems().isEmpty()) {
            pointPicked(allPoints.getItems().get(0));
          }
        });
    latest.disableProperty().bind(Bindings.isEmpty(allPoints.getItems()));

    Label legend =
        new Label(
            "Green: the volume can be restored to this day (darker: a full dump).\n"
                + "Red: dumps were made but none can be used (failed, partial or overwritten).\n"
                + "Under each day: the levels dumped (L0 = full).");
    legend.getStyleClass().add("hint");
    legend.setWrapText(true);
    Label runsTitle = new Label("Runs of the chosen day");
    runsTitle.getStyleClass().add("section-title");
    Label allTitle = new Label("All restore points, newest first");
    allTitle.getStyleClass().add("section-title");
    javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox allHead = new HBox(10, allTitle, gap, latest);
    allHead.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    runs.setPrefHeight(90);
    VBox side = new VBox(8, allHead, allPoints, runsTitle, runs, dayInfo, legend);
    side.setMinWidth(280);
    HBox.setHgrow(side, Priority.ALWAYS);
    VBox calendarBox = new VBox(calendar);
    calendarBox.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    view = new HBox(24, calendarBox, side);
    complete = Bindings.isNotNull(session.point());
  }

  @Override
  public void entered(boolean forward) {
    CatalogVolume v = session.volume().get();
    if (v != null && v.equals(loadedFor)) {
      // Back here: the calendar shows the chosen day's month again, with the chosen run (after
      // Start over with the same volume, the run shown is chosen again).
      RestorePoint chosen = runs.getSelectionModel().getSelectedItem();
      LocalDate day = picker.getValue();
      picker.setValue(null);
      picker.setValue(day);
      if (chosen != null) {
        runs.getSelectionModel().select(chosen);
      }
      session.point().set(chosen);
      return;
    }
    if (v == null) {
      return;
    }
    loadedFor = v;
    model = new DateModel(java.util.Map.of());
    runs.getItems().clear();
    allPoints.getItems().clear();
    dayInfo.setText("Reading the dumps of " + v.volume() + " …");
    DateDataTask task = new DateDataTask(session.catalog().get().catalog(), v);
    task.setOnSucceeded(
        e -> {
          model = task.getValue();
          allPoints.getItems().setAll(model.pointsNewestFirst());
          LocalDate newest = model.firstDay(LocalDate.now());
          // Re-setting the value redraws the day cells with the data just read.
          picker.setValue(null);
          picker.setValue(newest);
        });
    task.setOnFailed(
        e -> {
          loadedFor = null;
          dayInfo.setText("");
          ErrorDialog.show(
              view.getScene().getWindow(),
              "Cannot read the dumps of " + v.volume(),
              task.getException());
        });
    app.background().catalog(task);
  }

  /** A point picked in the list of all points (or by Latest): its day and run are chosen. */
  private void pointPicked(RestorePoint p) {
    if (p == null || p.equals(runs.getSelectionModel().getSelectedItem())) {
      return;
    }
    LocalDate day = DateModel.dayOf(p);
    if (!day.equals(picker.getValue())) {
      picker.setValue(day);
    }
    runs.getSelectionModel().select(p);
  }

  private void dayChosen(LocalDate day) {
    if (day == null) {
      return;
    }
    List<RestorePoint> points = model.pointsOn(day);
    runs.getItems().setAll(points);
    if (!points.isEmpty()) {
      runs.getSelectionModel().selectLast();
    } else {
      session.point().set(null);
      allPoints.getSelectionModel().clearSelection();
    }
    dayInfo.setText(model.describe(day));
  }

  /** A day of the calendar, marked when it has dumps. */
  private final class MarkedDayCell extends DateCell {
    @Override
    public void updateItem(LocalDate item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass().removeAll("restore-day", "broken-day", "level-0");
      setGraphic(null);
      setTooltip(null);
      if (empty || item == null) {
        return;
      }
      DayDumps d = model.day(item);
      DateModel.DayMark mark = model.mark(item);
      if (d == null) {
        return;
      }
      Label levels = new Label(d.levels());
      levels.getStyleClass().add("day-levels");
      setGraphic(levels);
      setContentDisplay(ContentDisplay.TOP);
      switch (mark) {
        case RESTORABLE_FULL -> getStyleClass().addAll("restore-day", "level-0");
        case RESTORABLE -> getStyleClass().add("restore-day");
        case BROKEN -> getStyleClass().add("broken-day");
        case NONE -> {}
      }
      String tip = model.tooltip(item);
      if (tip != null) {
        setTooltip(new Tooltip(tip));
      }
    }
  }

  /** A restore point in the list of all: its day, time and level. */
  private static final class PointCell extends ListCell<RestorePoint> {
    @Override
    protected void updateItem(RestorePoint p, boolean empty) {
      super.updateItem(p, empty);
      setText(
          empty || p == null
              ? null
              : p.datestamp().shown()
                  + "   level "
                  + p.level()
                  + (p.level() == 0 ? " (full)" : " (incremental)"));
    }
  }

  /** A run of the chosen day: its time and level. */
  private static final class RunCell extends ListCell<RestorePoint> {
    @Override
    protected void updateItem(RestorePoint p, boolean empty) {
      super.updateItem(p, empty);
      setText(
          empty || p == null
              ? null
              : DateModel.time(p.datestamp())
                  + "   level "
                  + p.level()
                  + (p.level() == 0 ? " (full)" : " (incremental)")
                  + "   —  "
                  + p.datestamp().shown());
    }
  }

  @Override
  public Node initialFocus() {
    return runs;
  }

  @Override
  public PageHeading pageHeading() {
    return HEADING;
  }

  @Override
  public Node view() {
    return view;
  }

  @Override
  public ObservableBooleanValue complete() {
    return complete;
  }
}
