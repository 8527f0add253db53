package io.codarestore.ui.common;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/** A path typed or chosen with a Browse… button (a directory, a file to open, or one to save). */
public final class PathField extends HBox {
  /** What the Browse… button asks for. */
  public enum Mode {
    DIRECTORY,
    OPEN_FILE,
    SAVE_FILE
  }

  private final TextField text = new TextField();
  private final Button browse = new Button("Browse…");
  private final ObjectBinding<Path> path;

  public PathField(String id, String prompt, Mode mode) {
    super(6);
    text.setId(id);
    text.setPromptText(prompt);
    browse.setId(id + "-browse");
    browse.setMnemonicParsing(false);
    HBox.setHgrow(text, Priority.ALWAYS);
    getChildren().addAll(text, browse);
    browse.setOnAction(e -> choose(mode));
    path = Bindings.createObjectBinding(() -> parse(text.getText()), text.textProperty());
  }

  private void choose(Mode mode) {
    File start = initial();
    File chosen;
    if (mode == Mode.DIRECTORY) {
      DirectoryChooser c = new DirectoryChooser();
      if (start != null && start.isDirectory()) {
        c.setInitialDirectory(start);
      }
      chosen = c.showDialog(getScene().getWindow());
    } else {
      FileChooser c = new FileChooser();
      if (start != null) {
        File dir = start.isDirectory() ? start : start.getParentFile();
        if (dir != null && dir.isDirectory()) {
          c.setInitialDirectory(dir);
        }
      }
      chosen =
          mode == Mode.OPEN_FILE
              ? c.showOpenDialog(getScene().getWindow())
              : c.showSaveDialog(getScene().getWindow());
    }
    if (chosen != null) {
      text.setText(chosen.getPath());
    }
  }

  private File initial() {
    Path p = path.get();
    return p == null ? null : p.toFile();
  }

  /** The path typed; a leading {@code ~} is the user's home, as in a shell. */
  static Path parse(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String p = s.strip();
    if (p.equals("~") || p.startsWith("~/")) {
      p = System.getProperty("user.home") + p.substring(1);
    }
    try {
      return Path.of(p);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** The path, or null while the field is empty or not a path. */
  public ObjectBinding<Path> pathProperty() {
    return path;
  }

  public Path getPath() {
    return path.get();
  }

  public void setPath(String value) {
    text.setText(value == null ? "" : value);
  }

  public TextField textField() {
    return text;
  }
}
