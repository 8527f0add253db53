package io.codarestore.ui.target;

import io.codarestore.restore.RestoreJob;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The dry run's warnings shown as warnings (icon, colour, wrapped), above its commands. */
final class WarningList {
  private WarningList() {}

  /** The preview's warnings (and the runbook's critical notes) as warnings, above the commands. */
  static void show(VBox warnings, RestoreJob.Preview p) {
    List<String> all =
        new ArrayList<>(io.codarestore.ui.common.WizardPhrases.warnings(p.warnings()));
    for (var step : p.runbook().steps()) {
      for (String note : step.notes()) {
        if (note.equals(io.codarestore.restore.Runbook.STOCK_SERVER_WARNING)) {
          all.add(note);
        }
      }
    }
    warnings.getChildren().clear();
    for (String w : all) {
      Label l = new Label(w);
      l.setGraphic(
          io.codarestore.ui.common.Icons.of(
              org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT));
      l.setWrapText(true);
      l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
      l.getStyleClass().add("warning-box");
      warnings.getChildren().add(l);
    }
  }
}
