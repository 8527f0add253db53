package io.codarestore.ui;

import io.codarestore.ui.common.Desktop;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Window;

/**
 * The desktop as a test sees it: the folders the program asked the file manager to show, and a save
 * dialog in which the "user" picks {@link #saveAs}.
 */
final class TestDesktop implements Desktop {
  final List<Path> opened = new CopyOnWriteArrayList<>();
  final List<String> saveTitles = new CopyOnWriteArrayList<>();
  volatile Path saveAs;
  volatile Path openAs;
  volatile boolean fileManager = true;

  @Override
  public boolean openFolder(Path folder) {
    if (fileManager) {
      opened.add(folder);
    }
    return fileManager;
  }

  @Override
  public Path chooseOpenFile(Window owner, String title) {
    return openAs;
  }

  @Override
  public Path chooseSaveFile(Window owner, String title, String initialName) {
    saveTitles.add(title + " [" + initialName + "]");
    return saveAs;
  }
}
