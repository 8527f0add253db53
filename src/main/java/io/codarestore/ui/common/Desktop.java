package io.codarestore.ui.common;

import java.nio.file.Path;
import javafx.stage.Window;

/**
 * What the assistant asks of the desktop it runs on: show a folder in the file manager, ask where
 * to save a file. The program uses the system's (HostServices, the native save dialog); tests pass
 * their own, as they cannot click in a native dialog.
 */
public interface Desktop {
  /**
   * Shows {@code folder} in the desktop's file manager.
   *
   * @return false when there is no file manager to show it (nothing visible happened)
   */
  boolean openFolder(Path folder);

  /**
   * Shows {@code folder} in the file manager and says in a sentence what happened (the Summary's
   * Open folder and the Help menu's log folder).
   *
   * @param what what the folder holds, e.g. "files", "logs"
   */
  default String showFolder(Path folder, String what) {
    return openFolder(folder)
        ? "Opening " + folder + " in the file manager."
        : "No file manager was found to show the folder: the " + what + " are in " + folder + ".";
  }

  /**
   * Asks the user for an existing file to open.
   *
   * @return the chosen file, or null when the user cancelled
   */
  Path chooseOpenFile(Window owner, String title);

  /**
   * Asks the user where to save a file.
   *
   * @return the chosen file, or null when the user cancelled
   */
  Path chooseSaveFile(Window owner, String title, String initialName);
}
