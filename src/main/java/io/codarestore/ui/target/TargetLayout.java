package io.codarestore.ui.target;

import io.codarestore.ui.common.PathField;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The Target page's layout pieces: label-and-field grids, indents, jargon labels. */
final class TargetLayout {
  private TargetLayout() {}

  static Node fileGrid(String label, PathField field) {
    GridPane g = grid();
    g.addRow(0, new Label(label), field);
    return g;
  }

  /** A field's label whose word needs explaining: the glossary's line as its tooltip. */
  static Label jargon(String text, String term) {
    Label l = new Label(text);
    l.setTooltip(new javafx.scene.control.Tooltip(io.codarestore.ui.common.Glossary.line(term)));
    l.getStyleClass().add("jargon");
    return l;
  }

  static Node indent(Node n) {
    HBox h = new HBox(n);
    h.setPadding(new Insets(0, 0, 0, 28));
    HBox.setHgrow(n, Priority.ALWAYS);
    return h;
  }

  static GridPane grid() {
    GridPane g = new GridPane();
    g.setHgap(10);
    g.setVgap(6);
    ColumnConstraints label = new ColumnConstraints(180);
    ColumnConstraints field = new ColumnConstraints();
    field.setHgrow(Priority.ALWAYS);
    g.getColumnConstraints().addAll(label, field);
    return g;
  }

  /** One kind of target as a radio button of {@code kinds}, with its glossary tooltip. */
  static Node option(
      javafx.scene.control.ToggleGroup kinds, String id, String text, TargetViewModel.Kind kind) {
    javafx.scene.control.RadioButton r = new javafx.scene.control.RadioButton(text);
    r.setId(id);
    r.setUserData(kind);
    r.setToggleGroup(kinds);
    r.getStyleClass().add("section-title");
    if (kind == TargetViewModel.Kind.VOLUME_RW) {
      r.setTooltip(
          new javafx.scene.control.Tooltip(
              io.codarestore.ui.common.Glossary.line("Promoted (type 4)")));
    } else if (kind == TargetViewModel.Kind.VOLUME_RO) {
      r.setTooltip(
          new javafx.scene.control.Tooltip(io.codarestore.ui.common.Glossary.line("volutil")));
    }
    return io.codarestore.ui.common.Mnemonics.selectOnMnemonic(r);
  }

  /** The kinds of target, two columns: every kind's name reads in full down to 1024 pixels. */
  static GridPane kindChoice(javafx.scene.control.ToggleGroup kinds) {
    GridPane choice = new GridPane();
    choice.setHgap(24);
    choice.setVgap(8);
    // Two columns: every kind's name reads in full down to a 1024-pixel-wide window.
    choice.add(
        TargetLayout.option(
            kinds,
            "target-kind-dir",
            "A _directory (files you can browse)",
            TargetViewModel.Kind.DIRECTORY),
        0,
        0);
    choice.add(
        TargetLayout.option(kinds, "target-kind-tar", "A _tar file", TargetViewModel.Kind.TAR),
        1,
        0);
    choice.add(
        TargetLayout.option(
            kinds, "target-kind-dump", "A merged full d_ump file", TargetViewModel.Kind.DUMP),
        0,
        1);
    choice.add(
        TargetLayout.option(
            kinds,
            "target-kind-ro",
            "A read-_only volume (volutil)",
            TargetViewModel.Kind.VOLUME_RO),
        1,
        1);
    choice.add(
        TargetLayout.option(
            kinds,
            "target-kind-rw",
            "A read-_write volume (promoted)",
            TargetViewModel.Kind.VOLUME_RW),
        0,
        2);
    choice.add(
        TargetLayout.option(
            kinds, "target-kind-replica", "A new re_plicated volume", TargetViewModel.Kind.REPLICA),
        1,
        2);
    // the longest kind: both columns, so that it reads whole at 1024 pixels
    choice.add(
        TargetLayout.option(
            kinds,
            "target-kind-copyin",
            "A new volume, f_illed through a Coda client",
            TargetViewModel.Kind.COPY_IN),
        0,
        3,
        2,
        1);
    for (int i = 0; i < 2; i++) {
      ColumnConstraints c = new ColumnConstraints();
      c.setPercentWidth(100.0 / 2);
      choice.getColumnConstraints().add(c);
    }
    return choice;
  }

  /** The fields of a restore through volutil. */
  static GridPane volumeGrid(
      javafx.scene.control.TextField volutil,
      javafx.scene.control.TextField server,
      javafx.scene.control.TextField partition,
      javafx.scene.control.TextField volName,
      javafx.scene.control.TextField volId) {
    GridPane vol = grid();
    vol.addRow(0, new Label("volutil command"), volutil);
    vol.addRow(1, new Label("Server"), server);
    vol.addRow(2, new Label("Partition"), partition);
    vol.addRow(3, new Label("Volume name"), volName);
    vol.addRow(4, new Label("Volume id"), volId);
    server.setPromptText("the file server for volutil -h (empty: this machine)");
    partition.setPromptText("/vicepa");
    return vol;
  }
}
