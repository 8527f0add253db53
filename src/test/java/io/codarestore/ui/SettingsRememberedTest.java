package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.ui.settings.Setting;
import io.codarestore.ui.settings.Settings;
import io.codarestore.ui.settings.SettingsStore;
import java.nio.file.Path;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window's size and the source are remembered in the settings file between runs. */
@ExtendWith(ApplicationExtension.class)
class SettingsRememberedTest {
  @TempDir static Path tmp;
  private CodaRestoreApp app;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    new SettingsStore(tmp.resolve("config"))
        .save(
            Settings.empty()
                .with(Setting.CATALOG, tmp.resolve("my.db").toString())
                .with(Setting.WINDOW_WIDTH, "1000")
                .with(Setting.WINDOW_HEIGHT, "700"));
    app = new CodaRestoreApp(new AppDirectories(tmp.resolve("config"), tmp.resolve("data")));
    app.start(stage);
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
    app.stop();
  }

  @Test
  void aRememberedSourceIsNotTheDemoAndTheWindowComesBackAsItWasLeft(FxRobot robot) {
    assertThat(stage.getWidth()).isEqualTo(1000);
    assertThat(stage.getHeight()).isEqualTo(700);
    assertThat(
            robot
                .lookup("#source-catalog")
                .queryAs(javafx.scene.control.RadioButton.class)
                .isSelected())
        .as("the catalog used last time is offered, not the demo")
        .isTrue();
    assertThat(robot.lookup("#catalog-file").queryTextInputControl().getText())
        .isEqualTo(tmp.resolve("my.db").toString());

    robot.interact(
        () -> {
          stage.setWidth(1111);
          stage.setHeight(777);
          stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
        });
    Settings saved = new SettingsStore(tmp.resolve("config")).load();
    assertThat(saved.number(Setting.WINDOW_WIDTH)).contains(1111.0);
    assertThat(saved.number(Setting.WINDOW_HEIGHT)).contains(777.0);
    assertThat(saved.get(Setting.CATALOG)).contains(tmp.resolve("my.db").toString());
  }
}
