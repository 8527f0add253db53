package io.codarestore.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;

/**
 * The Help menu: a short glossary of the Coda and Amanda words the pages use, the folder with the
 * run logs, and About with the version and where settings and data are kept.
 */
final class HelpMenu {
  private HelpMenu() {}

  static Menu build(Stage stage, AppContext app) {
    MenuItem glossary = new MenuItem("_Glossary");
    glossary.setId("menu-glossary");
    glossary.setOnAction(e -> glossary(stage).show());
    MenuItem logs = new MenuItem("Open the _log folder");
    logs.setId("menu-logs");
    logs.setOnAction(e -> app.desktop().openFolder(runsFolder(app)));
    MenuItem about = new MenuItem("_About");
    about.setId("menu-about");
    about.setOnAction(e -> about(stage, app).show());
    return new Menu("_Help", null, glossary, logs, about);
  }

  /** Where each run keeps its log and runbook. */
  static Path runsFolder(AppContext app) {
    return app.dirs().defaultWorkspace().resolve("runs");
  }

  static Alert glossary(Stage stage) {
    StringBuilder b = new StringBuilder();
    for (String[] t : io.codarestore.ui.common.Glossary.TERMS) {
      b.append(t[0]).append(": ").append(t[1]).append("\n\n");
    }
    Label text = new Label(b.toString().strip());
    text.setWrapText(true);
    text.setId("glossary-text");
    text.setMaxWidth(600);
    ScrollPane scroll = new ScrollPane(text);
    scroll.setFitToWidth(true);
    scroll.setPrefSize(640, 420);
    Alert a = new Alert(Alert.AlertType.INFORMATION);
    a.initOwner(stage);
    a.setTitle("Glossary");
    a.setHeaderText("The words the assistant uses");
    a.getDialogPane().setContent(scroll);
    return a;
  }

  static Alert about(Stage stage, AppContext app) {
    Alert a = new Alert(Alert.AlertType.INFORMATION);
    a.initOwner(stage);
    a.setTitle("About");
    a.setHeaderText(MainWindow.TITLE + " " + version());
    Label text =
        new Label(
            "Restores Coda volumes from Amanda backups.\nSettings: "
                + app.dirs().config()
                + "\nData (catalog, workspace): "
                + app.dirs().data()
                + "\nRun logs: "
                + runsFolder(app)
                + "\nThe README's sections: Set-up, The wizard, Install, Command reference,"
                + " Performance.");
    text.setWrapText(true);
    text.setId("about-text");
    a.getDialogPane().setContent(text);
    a.getDialogPane().setPrefWidth(640);
    return a;
  }

  /** The version from the build, as `coda-restore --version` prints it. */
  static String version() {
    try (InputStream in =
        HelpMenu.class.getResourceAsStream("/io/codarestore/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
