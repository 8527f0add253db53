package io.codarestore.ui;

import io.codarestore.core.ProgressListener;
import io.codarestore.ui.common.Background;
import io.codarestore.ui.common.Desktop;
import io.codarestore.ui.common.SystemDesktop;
import io.codarestore.ui.demo.DemoInstaller;
import io.codarestore.ui.settings.SettingsModel;
import io.codarestore.ui.settings.SettingsStore;
import java.util.function.UnaryOperator;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application. Everything is wired here, once: the directories (core/AppPaths, or the
 * ones a test passes), the settings, the worker threads and the main window.
 */
public class CodaRestoreApp extends Application {
  public static final String TITLE = MainWindow.TITLE;

  private final AppDirectories dirs;
  private final Desktop desktop;
  private final UnaryOperator<ProgressListener> runProgress;
  private Background background;
  private MainWindow window;

  public CodaRestoreApp() {
    this(AppDirectories.fromEnvironment());
  }

  public CodaRestoreApp(AppDirectories dirs) {
    this(dirs, null, UnaryOperator.identity());
  }

  /**
   * @param desktop the file manager and save dialog; null for the system's
   * @param runProgress wraps each restore run's progress listener (tests hold a run with it)
   */
  public CodaRestoreApp(
      AppDirectories dirs, Desktop desktop, UnaryOperator<ProgressListener> runProgress) {
    this.dirs = dirs;
    this.desktop = desktop;
    this.runProgress = runProgress;
  }

  public static void main(String[] args) {
    launch(CodaRestoreApp.class, args);
  }

  @Override
  public void start(Stage stage) {
    Theme.installBase();
    io.codarestore.ui.common.JargonTips.installEverywhere();
    background = new Background();
    AppContext app =
        new AppContext(
            dirs,
            new SettingsModel(new SettingsStore(dirs.config())),
            background,
            desktop != null ? desktop : new SystemDesktop(getHostServices()),
            runProgress);
    window = new MainWindow(stage, app, new DemoInstaller());
    stage.show();
    window.buildPagesAfterFirstFrame();
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
