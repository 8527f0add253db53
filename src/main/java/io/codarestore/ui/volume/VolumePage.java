package io.codarestore.ui.volume;

import io.codarestore.catalog.CatalogVolume;
import io.codarestore.ui.AppContext;
import io.codarestore.ui.RestoreSession;
import io.codarestore.ui.common.ErrorDialog;
import io.codarestore.ui.common.Formats;
import io.codarestore.ui.source.OpenedCatalog;
import io.codarestore.ui.wizard.PageHeading;
import io.codarestore.ui.wizard.WizardPage;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Page 2: which volume. A searchable, sortable list of host and volume with the last full dump, the
 * last dump, how many points it can be restored to, and the size of its last full dump.
 */
public final class VolumePage implements WizardPage {
  private static final PageHeading HEADING =
      new PageHeading(
          org.kordamp.ikonli.materialdesign2.MaterialDesignH.HARDDISK, "Volume", "Which volume?");

  private final AppContext app;
  private final RestoreSession session;
  private final ObservableList<VolumeRow> rows = FXCollections.observableArrayList();
  private final FilteredList<VolumeRow> filtered = new FilteredList<>(rows);
  private final TableView<VolumeRow> table = new TableView<>();
  private final TextField search = new TextField();
  private final Label hint = new Label();
  private final BooleanBinding complete;
  private final VBox view;
  private OpenedCatalog loadedFrom;
  private static final javafx.css.PseudoClass NO_POINT =
      javafx.css.PseudoClass.getPseudoClass("no-restore-point");

  public VolumePage(AppContext app, RestoreSession session) {
    this.app = app;
    this.session = session;
    search.setId("volume-search");
    search.setPromptText("Search host or volume (Ctrl+F)");
    search
        .textProperty()
        .addListener((o, a, text) -> filtered.setPredicate(r -> VolumeModel.matches(r, text)));
    buildTable();
    hint.setId("volume-hint");
    hint.setWrapText(true);
    hint.getStyleClass().add("hint");
    table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> selected(row));
    complete =
        Bindings.createBooleanBinding(
            () -> {
              VolumeRow r = table.getSelectionModel().getSelectedItem();
              return VolumeModel.canGoOn(r) && session.volume().get() != null;
            },
            table.getSelectionModel().selectedItemProperty(),
            session.volume());
    view = new VBox(10, search, table, hint);
    VBox.setVgrow(table, Priority.ALWAYS);
    view.setOnKeyPressed(
        e -> {
          if (e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.F) {
            search.requestFocus();
          }
        });
  }

  private void buildTable() {
    table.setId("volume-table");
    table.getProperties().put(io.codarestore.ui.wizard.WizardFrame.ENTER_IS_NEXT, true);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("No volumes in this catalog."));
    // A volume without a restore point is marked, with the reason as its tooltip.
    table.setRowFactory(
        t ->
            new javafx.scene.control.TableRow<>() {
              @Override
              protected void updateItem(VolumeRow r, boolean empty) {
                super.updateItem(r, empty);
                boolean none = !empty && r != null && !VolumeModel.canGoOn(r);
                pseudoClassStateChanged(NO_POINT, none);
                setTooltip(none ? new javafx.scene.control.Tooltip(VolumeModel.tooltip(r)) : null);
              }
            });
    var columns = table.getColumns();
    columns.add(column("Host", VolumeRow::host));
    columns.add(column("Volume", VolumeRow::name));
    columns.get(0).setMinWidth(90);
    columns.get(1).setMinWidth(110);
    columns.add(column("Last full", VolumeModel::lastFull));
    columns.get(2).setMinWidth(140);
    columns.add(column("Last dump", VolumeModel::lastDump));
    columns.get(3).setMinWidth(170);
    columns.add(numberColumn("Restore points", r -> (long) r.restorablePoints(), String::valueOf));
    columns.get(4).setMinWidth(125);
    columns.add(numberColumn("Full size", VolumeRow::fullBytes, Formats::bytes));
    columns.get(5).setMinWidth(90);
    SortedList<VolumeRow> sorted = new SortedList<>(filtered);
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
  }

  private static TableColumn<VolumeRow, String> column(
      String title, Function<VolumeRow, String> value) {
    TableColumn<VolumeRow, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
    return c;
  }

  private static TableColumn<VolumeRow, Long> numberColumn(
      String title, Function<VolumeRow, Long> value, Function<Long, String> shown) {
    TableColumn<VolumeRow, Long> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
    c.setCellFactory(
        col ->
            new javafx.scene.control.TableCell<>() {
              @Override
              protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : shown.apply(item));
                setStyle("-fx-alignment: CENTER-RIGHT;");
              }
            });
    return c;
  }

  private void selected(VolumeRow row) {
    if (row == null) {
      hint.setText("");
      return;
    }
    CatalogVolume current = session.volume().get();
    if (current == null || current.id() != row.volume().id()) {
      session.volume().set(row.volume());
    }
    hint.setText(VolumeModel.hint(row));
  }

  @Override
  public void entered(boolean forward) {
    OpenedCatalog c = session.catalog().get();
    if (c != null && c == loadedFrom && session.volume().get() == null) {
      // Back here after Start over: the volume still selected in the table is chosen again.
      selected(table.getSelectionModel().getSelectedItem());
    }
    if (c == null || c == loadedFrom) {
      return;
    }
    loadedFrom = c;
    rows.clear();
    table.setPlaceholder(new Label("Reading the catalog …"));
    VolumeRowsTask task = new VolumeRowsTask(c.catalog());
    task.setOnSucceeded(
        e -> {
          rows.setAll(task.getValue());
          table.setPlaceholder(new Label("No volumes in this catalog."));
          if (!rows.isEmpty()) {
            table.getSelectionModel().selectFirst();
          }
          table.requestFocus();
        });
    task.setOnFailed(
        e -> {
          loadedFrom = null;
          table.setPlaceholder(new Label("The catalog could not be read."));
          ErrorDialog.show(
              view.getScene().getWindow(), "Cannot list the volumes", task.getException());
        });
    app.background().catalog(task);
  }

  /** The rows shown, for tests. */
  ObservableList<VolumeRow> rows() {
    return rows;
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
