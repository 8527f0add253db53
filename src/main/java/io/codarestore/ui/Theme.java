package io.codarestore.ui;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** The look: AtlantaFX Primer Light as the user-agent style sheet, plus our own few rules. */
public final class Theme {
  private static final String CSS = "coda-restore.css";

  private Theme() {}

  /** Sets the application-wide base theme; call once on the FX thread before showing windows. */
  public static void installBase() {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
  }

  /** Adds the assistant's own style sheet to a scene. */
  public static void apply(Scene scene) {
    scene.getStylesheets().add(Theme.class.getResource(CSS).toExternalForm());
  }
}
