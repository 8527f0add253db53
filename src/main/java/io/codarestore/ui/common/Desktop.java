package io.codarestore.ui.common;

import java.nio.file.Path;
import javafx.stage.Window;

/**
 * What the assistant asks of the desktop it runs on: show a folder in the file manager, ask where
 * to save a file. The program uses the system's (HostServices, the native save dialog); tests pass
 * their own, as they cannot click in a native dialog.
 */
public interface Desktop {
  /** Shows {@code folder} in the desktop's file manager. */
  void openFolder(Path folder);

  /**
   * Asks the user where to save a file.
   *
   * @return the chosen file, or null when the user cancelled
   */
  Path chooseSaveFile(Window owner, String title, String initialName);
}
