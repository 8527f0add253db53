package io.codarestore.ui;

import io.codarestore.ui.common.Background;
import io.codarestore.ui.demo.DemoInstaller;
import io.codarestore.ui.settings.SettingsModel;
import io.codarestore.ui.settings.SettingsStore;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application. Everything is wired here, once: the directories (XDG, or the ones a test
 * passes), the settings, the worker threads and the main window.
 */
public class CodaRestoreApp extends Application {
  public static final String TITLE = MainWindow.TITLE;

  private final AppDirectories dirs;
  private Background background;
  private MainWindow window;

  public CodaRestoreApp() {
    this(AppDirectories.fromEnvironment());
  }

  public CodaRestoreApp(AppDirectories dirs) {
    this.dirs = dirs;
  }

  public static void main(String[] args) {
    launch(CodaRestoreApp.class, args);
  }

  @Override
  public void start(Stage stage) {
    Theme.installBase();
    background = new Background();
    AppContext app =
        new AppContext(dirs, new SettingsModel(new SettingsStore(dirs.config())), background);
    window =
        new MainWindow(
            stage,
            app,
            new DemoInstaller(),
            folder -> getHostServices().showDocument(folder.toUri().toString()));
    stage.show();
  }

  @Override
  public void stop() {
    if (background != null) {
      background.close();
    }
  }

  /** The main window (tests drive it). */
  public MainWindow window() {
    return window;
  }
}
