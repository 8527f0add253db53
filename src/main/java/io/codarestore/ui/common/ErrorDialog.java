package io.codarestore.ui.common;

import io.codarestore.core.UserFacingException;
import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows an error the way the design asks: the headline says what failed, the text is the actionable
 * message (file, place, what was expected). Only an unexpected error also offers its technical
 * details (stack trace) folded away under "Show details"; an actionable one is its one line. The
 * log always gets the full trace.
 */
public final class ErrorDialog {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorDialog.class);

  private ErrorDialog() {}

  /**
   * What the user reads for {@code error}: what happened and what to do, in words. The message of
   * an actionable error as it is; a program that is not there or a file problem said plainly;
   * anything else as an internal error with where to find its details. Never a Java class name or a
   * stack trace.
   */
  public static String userText(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof io.codarestore.core.ExternalProgram.NotStarted n) {
        return notStarted(n.program(), String.valueOf(n.getMessage()).contains("permission"));
      }
      if (t instanceof io.codarestore.restore.RestoreProblem.MissingProgram m) {
        // the core's typed problem, in the wizard's words (its fields, not the command line's)
        String c = m.command() == null ? "" : m.command().strip();
        boolean there = c.contains("/") && java.nio.file.Files.exists(java.nio.file.Path.of(c));
        return notStarted(m.program(), there);
      }
      String m = t.getMessage();
      if (t instanceof java.io.IOException && m != null && m.startsWith("Cannot run program \"")) {
        // ProcessBuilder's own words: Cannot run program "volutil": error=2, No such file …
        int end = m.indexOf('"', 20);
        if (end > 20) {
          return notStarted(m.substring(20, end), m.contains("error=13,"));
        }
      }
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof UserFacingException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      String file = t instanceof java.nio.file.FileSystemException f ? f.getFile() : null;
      if (t instanceof java.nio.file.NoSuchFileException) {
        return file + " does not exist: check the path, or choose another.";
      }
      if (t instanceof java.nio.file.AccessDeniedException) {
        return file + ": permission denied; choose a place you may write to, or fix its rights.";
      }
      if (t instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
        return file + ": " + f.getReason() + ".";
      }
    }
    return "Something went wrong inside the assistant, not in your backups. Your choices are"
        + " kept: try again; if it happens again, press Copy details and add them to a bug"
        + " report (they are in the log file too).";
  }

  private static String notStarted(String program, boolean notExecutable) {
    String name = java.nio.file.Path.of(program).getFileName().toString();
    String what =
        switch (name) {
          case "volutil" ->
              "install the Coda server tools, or give the volutil command's full path in"
                  + " File › Settings or on the Target page";
          case "createvol_rep" ->
              "install the Coda server tools, or give the createvol_rep command's full path on"
                  + " the Target page";
          case "cfs" ->
              "install the Coda client, or give the cfs command's full path on the"
                  + " Target page";
          case "amfetchdump", "amadmin" ->
              "install Amanda's server tools, or restore from the" + " vtape files instead";
          default -> "install it, or give its full path";
        };
    String why = notExecutable ? "cannot be run (not executable)" : "not found";
    return name + " " + why + ": " + what + ".";
  }

  /** {@code text} ending with a full stop (so that a sentence after it does not run on). */
  public static String sentence(String text) {
    String t = text.strip();
    return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
  }

  private static boolean actionable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof UserFacingException && t.getMessage() != null) {
        return true;
      }
    }
    return false;
  }

  public static Alert build(Window owner, String headline, Throwable error) {
    Alert alert = new Alert(Alert.AlertType.ERROR);
    if (owner != null) {
      alert.initOwner(owner);
    }
    alert.setTitle("Coda Restore – error");
    alert.setHeaderText(headline);
    Label text = new Label(userText(error));
    text.setWrapText(true);
    text.setId("error-message");
    text.setMaxWidth(560);
    TextArea details = new TextArea(stackTrace(error));
    details.setEditable(false);
    details.setWrapText(false);
    details.setId("error-details");
    details.setPrefRowCount(9);
    javafx.scene.control.Button copy = new javafx.scene.control.Button("Copy details");
    copy.setId("error-copy-details");
    String all = headline + "\n" + userText(error) + "\n\n" + details.getText();
    copy.setOnAction(
        e -> {
          javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
          c.putString(all);
          javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
          copy.setText("Details copied");
        });
    Label folded = new Label("Technical details (for a bug report):");
    folded.getStyleClass().add("hint");
    VBox box = new VBox(6, folded, details);
    VBox main = new VBox(10, text, copy);
    alert.getDialogPane().setContent(main);
    VBox.setVgrow(details, Priority.ALWAYS);
    if (!actionable(error)) {
      // an actionable error is its one line; its stack trace goes to the log file only
      alert.getDialogPane().setExpandableContent(box);
    }
    alert.getDialogPane().setMinWidth(600);
    alert.setResizable(true);
    alert.setOnShown(e -> keepOnScreen(alert.getDialogPane().getScene().getWindow(), owner));
    return alert;
  }

  /** Logs and shows the error; does not wait for the user. */
  public static void show(Window owner, String headline, Throwable error) {
    LOG.warn("{}: {}", headline, error.toString(), error);
    build(owner, headline, error).show();
  }

  /**
   * Moves a dialog fully onto the screen of its owner (centring on an owner whose position is not
   * known yet can put it off screen, where nobody can read or close it).
   */
  static void keepOnScreen(Window dialog, Window owner) {
    javafx.stage.Screen screen = javafx.stage.Screen.getPrimary();
    if (owner != null && !Double.isNaN(owner.getX())) {
      var screens =
          javafx.stage.Screen.getScreensForRectangle(
              owner.getX(),
              owner.getY(),
              Math.max(1, owner.getWidth()),
              Math.max(1, owner.getHeight()));
      if (!screens.isEmpty()) {
        screen = screens.get(0);
      }
    }
    javafx.geometry.Rectangle2D b = screen.getVisualBounds();
    double x = Math.min(Math.max(dialog.getX(), b.getMinX()), b.getMaxX() - dialog.getWidth());
    double y = Math.min(Math.max(dialog.getY(), b.getMinY()), b.getMaxY() - dialog.getHeight());
    dialog.setX(Math.max(b.getMinX(), x));
    dialog.setY(Math.max(b.getMinY(), y));
  }

  static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
