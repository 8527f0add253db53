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

  /** What the user reads for {@code error}: the message of an actionable error, else a summary. */
  public static String userText(Throwable error) {
    Throwable t = error;
    while (t != null) {
      if (t instanceof UserFacingException && t.getMessage() != null) {
        return t.getMessage();
      }
      t = t.getCause();
    }
    String message = error.getMessage();
    String kind = error.getClass().getSimpleName();
    return "An unexpected error occurred ("
        + kind
        + (message == null || message.isBlank() ? "" : ": " + message)
        + "). The details below help when reporting it.";
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
    alert.getDialogPane().setContent(text);
    TextArea details = new TextArea(stackTrace(error));
    details.setEditable(false);
    details.setWrapText(false);
    details.setId("error-details");
    details.setPrefRowCount(14);
    VBox box = new VBox(details);
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
