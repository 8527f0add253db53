package io.codarestore.ui;

import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Alt pressed and released alone activates the menu bar (as everywhere); Alt held for an Alt+letter
 * shortcut must not: otherwise the menu bar stays active after the shortcut and the next Down opens
 * the File menu (also when Alt is let go before the letter). The release of an Alt that served a
 * shortcut is consumed before the menu bar sees it.
 */
final class AltRelease {
  private AltRelease() {}

  static void keepMenusInactiveAfterMnemonics(Scene scene) {
    boolean[] usedForShortcut = {false};
    EventHandler<KeyEvent> pressed =
        e -> {
          if (e.getCode() == KeyCode.ALT || e.getCode() == KeyCode.ALT_GRAPH) {
            usedForShortcut[0] = false;
          } else if (e.isAltDown()) {
            usedForShortcut[0] = true;
          }
        };
    EventHandler<KeyEvent> released =
        e -> {
          if ((e.getCode() == KeyCode.ALT || e.getCode() == KeyCode.ALT_GRAPH)
              && usedForShortcut[0]) {
            usedForShortcut[0] = false;
            e.consume();
          }
        };
    // The letter's press is watched on the window, before the scene: the scene's mnemonic handling
    // consumes it before any scene filter sees it (when Alt is let go before the letter, nothing
    // else would tell the menu bar that Alt served a shortcut). The release is consumed on the
    // scene, after the mnemonic handling has seen it (so the underlines go away).
    if (scene.getWindow() != null) {
      scene.getWindow().addEventFilter(KeyEvent.KEY_PRESSED, pressed);
    }
    scene
        .windowProperty()
        .addListener(
            (o, was, now) -> {
              if (was != null) {
                was.removeEventFilter(KeyEvent.KEY_PRESSED, pressed);
              }
              if (now != null) {
                now.addEventFilter(KeyEvent.KEY_PRESSED, pressed);
              }
            });
    scene.addEventFilter(KeyEvent.KEY_RELEASED, released);
  }
}
