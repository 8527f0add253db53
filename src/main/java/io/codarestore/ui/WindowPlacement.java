package io.codarestore.ui;

import io.codarestore.ui.settings.Setting;
import io.codarestore.ui.settings.Settings;
import io.codarestore.ui.settings.SettingsModel;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Puts the main window where it was last time, if that place is still on a screen. */
final class WindowPlacement {
  static final double DEFAULT_WIDTH = 1200;
  static final double DEFAULT_HEIGHT = 760;

  private WindowPlacement() {}

  static void restore(Stage stage, Settings s) {
    double w = s.number(Setting.WINDOW_WIDTH).filter(v -> v >= 640).orElse(DEFAULT_WIDTH);
    double h = s.number(Setting.WINDOW_HEIGHT).filter(v -> v >= 480).orElse(DEFAULT_HEIGHT);
    stage.setWidth(w);
    stage.setHeight(h);
    var x = s.number(Setting.WINDOW_X);
    var y = s.number(Setting.WINDOW_Y);
    if (x.isPresent() && y.isPresent() && onSomeScreen(x.get(), y.get(), w)) {
      stage.setX(x.get());
      stage.setY(y.get());
    } else {
      stage.centerOnScreen();
    }
    stage.setMaximized(Boolean.parseBoolean(s.get(Setting.WINDOW_MAXIMIZED, "false")));
  }

  private static boolean onSomeScreen(double x, double y, double w) {
    // The title bar must be reachable: its middle point on some screen.
    Rectangle2D probe = new Rectangle2D(x + w / 2 - 1, y + 1, 2, 2);
    return !Screen.getScreensForRectangle(probe).isEmpty();
  }

  static void remember(Stage stage, SettingsModel settings) {
    Settings s = settings.get().with(Setting.WINDOW_MAXIMIZED, String.valueOf(stage.isMaximized()));
    if (!stage.isMaximized()) {
      s =
          s.with(Setting.WINDOW_X, String.valueOf(stage.getX()))
              .with(Setting.WINDOW_Y, String.valueOf(stage.getY()))
              .with(Setting.WINDOW_WIDTH, String.valueOf(stage.getWidth()))
              .with(Setting.WINDOW_HEIGHT, String.valueOf(stage.getHeight()));
    }
    settings.update(s);
  }
}
