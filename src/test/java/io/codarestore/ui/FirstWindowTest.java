package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.ui.wizard.DeferredPage;
import io.codarestore.ui.wizard.WizardPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The first window waits for the Source page only: the other six pages are built right after its
 * first frame, and a page asked for before that is built on the spot.
 */
@ExtendWith(ApplicationExtension.class)
class FirstWindowTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;
  private List<Boolean> builtAtShow;

  @Start
  void start(Stage stage) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    app =
        new CodaRestoreApp(
            new AppDirectories(tmp.resolve("config"), tmp.resolve("data"), home),
            new TestDesktop(),
            java.util.function.UnaryOperator.identity());
    app.start(stage);
    builtAtShow = app.window().deferredPages().stream().map(p -> p.builtOrNull() != null).toList();
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.hideStage();
    FxToolkit.cleanupStages();
    app.stop();
  }

  @Test
  void theOtherPagesAreBuiltAfterTheFirstFrame(FxRobot robot) {
    assertThat(builtAtShow).hasSize(6).containsOnly(false);
    WizardDriver.waitFor(
        "the pages built after the first frame",
        () -> app.window().deferredPages().stream().allMatch(p -> p.builtOrNull() != null));
    WizardDriver w = new WizardDriver(robot, app);
    assertThat(w.page()).isEqualTo("Source");
    w.importDemo();
    w.clickNext();
    assertThat(w.page()).isEqualTo("Volume");
  }

  @Test
  void aDeferredPageIsBuiltOnceOnFirstUseAndMustMatchItsTitle() {
    AtomicInteger built = new AtomicInteger();
    DeferredPage<WizardPage> p =
        new DeferredPage<>(
            "Volume",
            MaterialDesignH.HARDDISK,
            () -> {
              built.incrementAndGet();
              return page("Volume");
            });
    assertThat(p.title()).isEqualTo("Volume");
    assertThat(p.icon()).isEqualTo(MaterialDesignH.HARDDISK);
    assertThat(p.cancelWork()).as("nothing to cancel before it is built").isFalse();
    assertThat(built).hasValue(0);
    assertThat(p.heading()).isEqualTo("Which Volume?");
    p.view();
    assertThat(built).hasValue(1);

    DeferredPage<WizardPage> wrong =
        new DeferredPage<>("Date", MaterialDesignH.HARDDISK, () -> page("Volume"));
    org.assertj.core.api.Assertions.assertThatThrownBy(wrong::view)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'Date' is built as 'Volume'");
  }

  private static WizardPage page(String title) {
    Label view = new Label(title);
    return new WizardPage() {
      @Override
      public String title() {
        return title;
      }

      @Override
      public org.kordamp.ikonli.Ikon icon() {
        return MaterialDesignH.HARDDISK;
      }

      @Override
      public String heading() {
        return "Which " + title + "?";
      }

      @Override
      public Node view() {
        return view;
      }

      @Override
      public ObservableBooleanValue complete() {
        return Bindings.createBooleanBinding(() -> true);
      }
    };
  }
}
