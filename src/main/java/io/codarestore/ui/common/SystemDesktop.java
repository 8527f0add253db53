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

  @Override
  public void openFolder(Path folder) {
    host.showDocument(folder.toUri().toString());
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
