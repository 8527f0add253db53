package io.codarestore.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Saves a window's picture under target/screenshots/ (for people to look at, and the README). */
public final class Screenshots {
  public static final Path DIR = Path.of("target", "screenshots");

  private Screenshots() {}

  public static Path save(Scene scene, String name) {
    try {
      WaitForAsyncUtils.waitForFxEvents();
      WritableImage img =
          WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(20, TimeUnit.SECONDS);
      Files.createDirectories(DIR);
      Path file = DIR.resolve(name + ".png");
      ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("screenshot " + name + " failed", e);
    }
  }
}
