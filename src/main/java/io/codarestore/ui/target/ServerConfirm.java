package io.codarestore.ui.target;

import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** "Run this restore on the Coda server?": what it will do and its commands; Enter = Go back. */
final class ServerConfirm {
  private ServerConfirm() {}

  /** True when the user chose to restore into the server. */
  static boolean ask(Window owner, String words, String dryRunText) {
    javafx.scene.control.ButtonType go =
        new javafx.scene.control.ButtonType(
            "Restore into the server", javafx.scene.control.ButtonBar.ButtonData.OTHER);
    javafx.scene.control.ButtonType stay =
        new javafx.scene.control.ButtonType(
            "Go back", javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
    javafx.scene.control.Alert a =
        new javafx.scene.control.Alert(
            javafx.scene.control.Alert.AlertType.CONFIRMATION, "", go, stay);
    a.initOwner(owner);
    Label what = new Label(words);
    what.setWrapText(true);
    what.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    TextArea commands = new TextArea(dryRunText);
    commands.setEditable(false);
    commands.getStyleClass().add("mono");
    commands.setPrefRowCount(10);
    a.getDialogPane().setContent(new VBox(10, what, commands));
    a.setTitle("Restore into a Coda server?");
    a.setHeaderText("Run this restore on the Coda server?");
    a.getDialogPane().setId("target-confirm");
    a.getDialogPane().setPrefWidth(720);
    ((javafx.scene.control.Button) a.getDialogPane().lookupButton(stay)).setDefaultButton(true);
    ((javafx.scene.control.Button) a.getDialogPane().lookupButton(go)).setDefaultButton(false);
    return a.showAndWait().filter(b -> b == go).isPresent();
  }
}
