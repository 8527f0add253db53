package io.codarestore.ui.common;

import java.io.File;
import java.nio.file.Path;
import javafx.application.HostServices;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The real desktop: the file manager through HostServices, the native save dialog. */
public final class SystemDesktop implements Desktop {
  private final HostServices host;

  public SystemDesktop(HostServices host) {
    this.host = host;
  }

  /** The programs HostServices can open a folder with on Linux; without one it does nothing. */
  static final java.util.List<String> OPENERS =
      java.util.List.of("xdg-open", "gio", "gnome-open", "kde-open", "kde-open5", "exo-open");

  @Override
  public boolean openFolder(Path folder) {
    if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
        && !anyOnPath(System.getenv("PATH"), OPENERS)) {
      return false;
    }
    host.showDocument(folder.toUri().toString());
    return true;
  }

  /** True when one of {@code programs} is an executable file in a directory of {@code path}. */
  static boolean anyOnPath(String path, java.util.List<String> programs) {
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      for (String p : programs) {
        if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, p))) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public Path chooseOpenFile(Window owner, String title) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    File f = chooser.showOpenDialog(owner);
    return f == null ? null : f.toPath();
  }

  @Override
  public Path chooseSaveFile(Window owner, String title, String initialName) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser.setInitialFileName(initialName);
    File f = chooser.showSaveDialog(owner);
    return f == null ? null : f.toPath();
  }
}
