package io.codarestore.ui.summary;

import io.codarestore.ui.RestoreSession;
import io.codarestore.ui.common.Desktop;
import io.codarestore.ui.common.ErrorDialog;
import io.codarestore.ui.common.Icons;
import io.codarestore.ui.wizard.PageHeading;
import io.codarestore.ui.wizard.WizardPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/**
 * Page 7: what was done. What was restored where, the verification results, the commands that ran
 * (the runbook, to copy), the steps left to the admin, and the run log to save.
 */
public final class SummaryPage implements WizardPage {
  private static final PageHeading HEADING =
      new PageHeading(
          org.kordamp.ikonli.materialdesign2.MaterialDesignF.FLAG_CHECKERED, "Summary", "Done");

  private final RestoreSession session;
  private final Desktop desktop;
  private final Label what = new Label();
  private final ListView<String> verification = new ListView<>();
  private final TextArea commands = new TextArea();
  private final Label followUp = new Label();
  private final Button open = new Button("_Open folder");
  private final Button copy = new Button("Copy _runbook");
  private final Button save = new Button("Save _log…");
  private final Button over = new Button("_Start over");
  private final Label logLine = new Label();
  private final Label note = new Label();
  private final VBox view;
  private final javafx.scene.control.ScrollPane scroll;

  public SummaryPage(RestoreSession session, Desktop desktop) {
    this.session = session;
    this.desktop = desktop;
    what.setId("summary-what");
    what.setWrapText(true);
    what.getStyleClass().add("section-title");
    verification.setId("summary-verification");
    verification.setPrefHeight(110);
    verification.getStyleClass().add("compact");
    commands.setId("summary-commands");
    commands.setEditable(false);
    commands.getStyleClass().add("mono");
    commands.setPrefRowCount(7);
    followUp.setId("summary-follow-up");
    followUp.setWrapText(true);
    open.setId("summary-open");
    copy.setId("summary-copy");
    save.setId("summary-save");
    note.setId("summary-note");
    note.getStyleClass().add("hint");
    note.setWrapText(true);
    logLine.setId("summary-log-file");
    logLine.getStyleClass().add("hint");
    logLine.setWrapText(true);
    over.setId("summary-start-over");
    Icons.on(over, org.kordamp.ikonli.materialdesign2.MaterialDesignR.RESTART, false);
    Icons.on(open, MaterialDesignF.FOLDER_OPEN, false);
    Icons.on(copy, MaterialDesignC.CONTENT_COPY, false);
    Icons.on(save, MaterialDesignC.CONTENT_SAVE, false);
    open.setOnAction(e -> openOutput());
    copy.setOnAction(e -> copyRunbook());
    save.setOnAction(e -> saveLog());
    for (Button b : new Button[] {open, copy, save, over}) {
      b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox buttons = new HBox(10, open, copy, save, gap, over);
    view =
        new VBox(
            10,
            what,
            title("Verification"),
            verification,
            title("Commands (the equivalent manual procedure)"),
            commands,
            title("What is left to do"),
            followUp,
            buttons,
            note,
            logLine);
    VBox.setVgrow(commands, Priority.ALWAYS);
    for (Label l : new Label[] {what, followUp, note, logLine}) {
      l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrapped in full, never cut
    }
    view.setPadding(new javafx.geometry.Insets(0, 12, 0, 0));
    scroll = new javafx.scene.control.ScrollPane(view);
    scroll.setFitToWidth(true);
    scroll.setFitToHeight(true);
    scroll.getStyleClass().add("edge-to-edge");
  }

  private static Label title(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("section-title");
    return l;
  }

  @Override
  public void entered(boolean forward) {
    SummaryModel m = session.outcome().get();
    if (m == null) {
      return;
    }
    what.setText(m.headline());
    verification.getItems().setAll(m.verification());
    commands.setText(m.commandText());
    followUp.setText(m.numberedFollowUp());
    open.setDisable(m.folder() == null);
    note.setText("");
    logLine.setText(m.logLine());
  }

  /** What "Start over" does (the main window's). */
  public void setOnStartOver(Runnable startOver) {
    over.setOnAction(e -> startOver.run());
  }

  private void openOutput() {
    Path f = session.outcome().get().folder();
    if (f != null) {
      note.setText(desktop.showFolder(f, "files"));
    }
  }

  private void copyRunbook() {
    ClipboardContent c = new ClipboardContent();
    c.putString(commands.getText() + "\n");
    javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    note.setText("Runbook copied to the clipboard.");
  }

  private void saveLog() {
    SummaryModel o = session.outcome().get();
    Path file =
        desktop.chooseSaveFile(view.getScene().getWindow(), "Save the run log", "coda-restore.log");
    if (file == null) {
      return;
    }
    Path tmp = file.resolveSibling("." + file.getFileName() + ".part");
    try {
      Files.write(tmp, o.log(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING); // the dialog asked already
      note.setText("Log saved to " + file);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the error below says what went wrong
      }
      ErrorDialog.show(
          view.getScene().getWindow(),
          "Cannot save the log",
          new io.codarestore.core.UserFacingException(
              "cannot write " + file + ": " + e.getMessage(), e));
    }
  }

  @Override
  public PageHeading pageHeading() {
    return HEADING;
  }

  @Override
  public Node view() {
    return scroll;
  }

  @Override
  public ObservableBooleanValue complete() {
    return Bindings.isNotNull(session.outcome());
  }

  @Override
  public String nextText() {
    return "F_inish"; // Alt+F is the File menu
  }

  @Override
  public boolean showsCancel() {
    return false; // the restore is done: nothing to cancel; Finish closes the assistant
  }
}
