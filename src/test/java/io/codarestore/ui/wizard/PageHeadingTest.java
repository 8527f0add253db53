package io.codarestore.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

/** A page with a fixed heading gives one PageHeading; the frame reads it through WizardPage. */
class PageHeadingTest {
  private static WizardPage page(PageHeading h) {
    return new WizardPage() {
      @Override
      public PageHeading pageHeading() {
        return h;
      }

      @Override
      public Node view() {
        return null;
      }

      @Override
      public ObservableBooleanValue complete() {
        return null;
      }
    };
  }

  @Test
  void theStepListAndTheQuestionComeFromTheHeading() {
    WizardPage p = page(new PageHeading(MaterialDesignH.HARDDISK, "Volume", "Which volume?"));
    assertThat(p.title()).isEqualTo("Volume");
    assertThat(p.icon()).isEqualTo(MaterialDesignH.HARDDISK);
    assertThat(p.heading()).isEqualTo("Which volume?");
    assertThat(p.headingValue().getValue()).isEqualTo("Which volume?");
    assertThat(page(new PageHeading(null, "Run", "Restoring")).icon()).isNull();
  }

  @Test
  void aHeadingNeedsATitleAndAQuestion() {
    assertThatThrownBy(() -> new PageHeading(null, " ", "Which volume?"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PageHeading(null, "Volume", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
