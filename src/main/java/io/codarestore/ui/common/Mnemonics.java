package io.codarestore.ui.common;

import javafx.event.ActionEvent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.RadioButton;

/**
 * Alt+letter for radio buttons and check boxes. A JavaFX mnemonic only fires an ActionEvent at its
 * control: a button runs its action, but a radio button or check box is not selected by it (their
 * own {@code fire()}, used by a click or the space bar, selects and then fires the event).
 */
public final class Mnemonics {
  private Mnemonics() {}

  /** Makes Alt+letter select {@code r}, as a click does. */
  public static RadioButton selectOnMnemonic(RadioButton r) {
    r.addEventHandler(ActionEvent.ACTION, e -> r.setSelected(true));
    return r;
  }

  /** A check box that Alt+letter ticks and unticks, as a click does. */
  public static CheckBox checkBox(String text) {
    return new CheckBox(text) {
      private boolean firing;

      {
        addEventHandler(
            ActionEvent.ACTION,
            e -> {
              if (!firing && !isDisabled()) {
                setSelected(!isSelected()); // the event came from a mnemonic, not from fire()
              }
            });
      }

      @Override
      public void fire() {
        firing = true;
        try {
          super.fire();
        } finally {
          firing = false;
        }
      }
    };
  }
}
