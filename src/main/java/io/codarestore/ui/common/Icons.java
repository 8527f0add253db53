package io.codarestore.ui.common;

import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Icons (Material Design Icons through Ikonli), sized and coloured by the style sheet. */
public final class Icons {
  private Icons() {}

  /** A new icon node with the style class {@code icon}. */
  public static FontIcon of(Ikon ikon) {
    FontIcon i = FontIcon.of(ikon);
    i.getStyleClass().add("icon");
    return i;
  }

  /** Puts {@code ikon} before (or after) the text of {@code l}; returns {@code l}. */
  public static <T extends Labeled> T on(T l, Ikon ikon, boolean after) {
    l.setGraphic(of(ikon));
    l.setGraphicTextGap(8);
    if (after) {
      l.setContentDisplay(ContentDisplay.RIGHT);
    }
    return l;
  }
}
