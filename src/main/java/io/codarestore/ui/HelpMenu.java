package io.codarestore.ui;

import io.codarestore.core.SharedDefaults;
import io.codarestore.ui.settings.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Help menu: a short glossary of the Coda and Amanda words the pages use, the README's sections
 * (shipped inside the program, shown offline), the application log's folder and the run logs'
 * folder, and About with the version and where settings, catalog, workspace and logs are.
 */
final class HelpMenu {
  private static final Logger LOG = LoggerFactory.getLogger(HelpMenu.class);

  private HelpMenu() {}

  static Menu build(Stage stage, AppContext app) {
    MenuItem glossary = new MenuItem("_Glossary");
    glossary.setId("menu-glossary");
    glossary.setOnAction(e -> glossary(stage).show());
    MenuItem logs = new MenuItem("Open the _log folder");
    logs.setId("menu-logs");
    logs.setOnAction(e -> showFolder(stage, app, app.dirs().logs(), "logs"));
    MenuItem runs = new MenuItem("Open the _run logs folder");
    runs.setId("menu-run-logs");
    runs.setOnAction(e -> showFolder(stage, app, runsFolder(app), "run logs"));
    MenuItem about = new MenuItem("_About");
    about.setId("menu-about");
    about.setOnAction(e -> about(stage, app).show());
    return new Menu("_Help", null, glossary, readme(stage), logs, runs, about);
  }

  /** Where each run keeps its log and runbook (in the workspace the Target page uses). */
  static Path runsFolder(AppContext app) {
    return workspace(app).resolve("runs");
  }

  private static Path workspace(AppContext app) {
    return Path.of(
        app.settings().get().get(Setting.WORKSPACE, app.dirs().defaultWorkspace().toString()));
  }

  /** Opens the folder (made first if missing); without a file manager, a dialog says where. */
  static void showFolder(Stage stage, AppContext app, Path folder, String what) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      LOG.warn("cannot create {}", folder, e);
    }
    String said = app.desktop().showFolder(folder, what);
    if (said.startsWith("No file manager")) {
      Alert a = new Alert(Alert.AlertType.INFORMATION, said);
      a.initOwner(stage);
      a.setTitle("Open folder");
      a.setHeaderText("No file manager");
      a.getDialogPane().setId("no-file-manager");
      a.show();
    }
  }

  private static Menu readme(Stage stage) {
    Menu m = new Menu("_README");
    m.setId("menu-readme");
    for (String heading : ReadmeSections.OFFERED) {
      MenuItem item = new MenuItem(heading.replaceFirst(" \\(.*\\)$", ""));
      item.setMnemonicParsing(false);
      item.setOnAction(e -> readmeWindow(stage, heading).show());
      m.getItems().add(item);
    }
    return m;
  }

  /** A small window with one README section as text (wrapped; Escape closes it). */
  static Stage readmeWindow(Stage owner, String heading) {
    String readme = ReadmeSections.readme();
    String text = readme == null ? null : ReadmeSections.section(readme, heading);
    TextArea area =
        new TextArea(
            text != null
                ? text
                : "This copy of the program was built without its README; the section \""
                    + heading
                    + "\" is in README.md of the source.");
    area.setId("readme-text");
    area.setEditable(false);
    area.setWrapText(true);
    area.setPrefSize(760, 560);
    Stage w = new Stage();
    w.initOwner(owner);
    w.setTitle("README: " + heading);
    Scene scene = new Scene(area);
    Theme.apply(scene);
    scene.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ESCAPE) {
            w.close();
          }
        });
    w.setScene(scene);
    return w;
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
    SharedDefaults shared = app.dirs().shared();
    Label text =
        new Label(
            "Restores Coda volumes from Amanda backups.\nSettings: "
                + app.dirs().paths().settingsFile()
                + "\nCatalog (also the command line's default --db): "
                + shared.catalog()
                + "\nWorkspace (also the command line's default --workspace): "
                + workspace(app)
                + "\nApplication log: "
                + app.dirs().logs()
                + "\nRun logs: "
                + runsFolder(app)
                + "\nThe README's sections are under Help › README.");
    text.setWrapText(true);
    text.setId("about-text");
    a.getDialogPane().setContent(text);
    a.getDialogPane().setPrefWidth(720);
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
