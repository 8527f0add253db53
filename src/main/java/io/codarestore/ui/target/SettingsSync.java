package io.codarestore.ui.target;

import io.codarestore.ui.AppContext;
import io.codarestore.ui.common.PathField;
import io.codarestore.ui.settings.Setting;
import io.codarestore.ui.settings.Settings;
import java.nio.file.Path;
import java.util.Objects;
import javafx.scene.control.TextField;

/**
 * The Target page's workspace and volutil command follow the settings both ways: the workspace
 * typed there is saved as it is typed (the command line's --workspace default), and a workspace or
 * volutil command saved in File › Settings shows on the page at once.
 */
final class SettingsSync {
  private SettingsSync() {}

  static void bind(AppContext app, PathField workspace, TextField volutil, Runnable update) {
    Settings s = app.settings().get();
    volutil.setText(s.get(Setting.VOLUTIL_COMMAND, "volutil"));
    workspace.setPath(s.get(Setting.WORKSPACE, app.dirs().defaultWorkspace().toString()));
    workspace
        .pathProperty()
        .addListener(
            (o, a, p) -> {
              if (p != null && p.isAbsolute()) {
                app.settings().set(Setting.WORKSPACE, p.toString());
                update.run();
              }
            });
    app.settings()
        .property()
        .addListener(
            (o, was, now) -> {
              String w = now.get(Setting.WORKSPACE).orElse(null);
              if (w != null
                  && !Objects.equals(w, was.get(Setting.WORKSPACE).orElse(null))
                  && !Path.of(w).equals(workspace.getPath())) {
                workspace.setPath(w);
              }
              String v = now.get(Setting.VOLUTIL_COMMAND).orElse(null);
              if (v != null
                  && !Objects.equals(v, was.get(Setting.VOLUTIL_COMMAND).orElse(null))
                  && !v.equals(volutil.getText().strip())) {
                volutil.setText(v);
              }
            });
  }
}
