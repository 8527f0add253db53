package io.codarestore.ui;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The JavaFX application: the main window of the restore assistant. */
public class CodaRestoreApp extends Application {
  public static final String TITLE = "Coda Restore Assistant";

  public static void main(String[] args) {
    launch(CodaRestoreApp.class, args);
  }

  @Override
  public void start(Stage stage) {
    BorderPane root = new BorderPane();
    Label welcome = new Label("Restore a Coda volume from Amanda backups.");
    welcome.setId("welcome");
    root.setCenter(welcome);
    root.setPadding(new Insets(24));
    stage.setTitle(TITLE);
    stage.setScene(new Scene(root, 1024, 700));
    stage.show();
  }
}
