package io.codarestore.ui.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.ui.AppContext;
import io.codarestore.ui.AppDirectories;
import io.codarestore.ui.common.PathField;
import io.codarestore.ui.settings.Setting;
import io.codarestore.ui.settings.SettingsModel;
import io.codarestore.ui.settings.SettingsStore;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Target page's workspace and volutil fields and the settings, both ways: what File › Settings
 * saves shows on the page, what is typed on the page is the saved workspace.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsSyncTest {
  @TempDir Path tmp;

  @Test
  void theTargetPagesFieldsFollowTheSettingsAndTheWorkspaceTypedIsSaved() throws Exception {
    AppDirectories dirs = new AppDirectories(tmp.resolve("config"), tmp.resolve("data"), tmp);
    SettingsModel settings = new SettingsModel(new SettingsStore(dirs.config()));
    AppContext app =
        new AppContext(dirs, settings, null, null, java.util.function.UnaryOperator.identity());
    WaitForAsyncUtils.asyncFx(
            () -> {
              PathField workspace = new PathField("w", "", PathField.Mode.DIRECTORY);
              TextField volutil = new TextField();
              AtomicInteger updates = new AtomicInteger();
              SettingsSync.bind(app, workspace, volutil, updates::incrementAndGet);
              assertThat(workspace.getPath()).isEqualTo(tmp.resolve("data/workspace"));
              assertThat(volutil.getText()).isEqualTo("volutil");

              // Saved in File › Settings: the page shows it.
              settings.update(
                  settings
                      .get()
                      .with(Setting.WORKSPACE, tmp.resolve("ws2").toString())
                      .with(Setting.VOLUTIL_COMMAND, "/opt/coda/sbin/volutil"));
              assertThat(workspace.getPath()).isEqualTo(tmp.resolve("ws2"));
              assertThat(volutil.getText()).isEqualTo("/opt/coda/sbin/volutil");

              // Typed on the page: saved (the command line's --workspace default), page updated.
              int before = updates.get();
              workspace.textField().setText(tmp.resolve("ws3").toString());
              assertThat(settings.get().get(Setting.WORKSPACE))
                  .contains(tmp.resolve("ws3").toString());
              assertThat(updates.get()).isGreaterThan(before);
              // A volutil being typed is not overwritten by an unrelated change.
              volutil.setText("/usr/sbin/volu");
              settings.set(Setting.SERVER, "scm.example.org");
              assertThat(volutil.getText()).isEqualTo("/usr/sbin/volu");
              return null;
            })
        .get();
    assertThat(new SettingsStore(dirs.config()).load().get(Setting.WORKSPACE))
        .contains(tmp.resolve("ws3").toString());
  }
}
