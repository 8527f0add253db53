package io.codarestore.ui.demo;

import io.codarestore.catalog.AmandaSetup;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks the built-in demo (a real Amanda configuration with vtapes, see the README beside the
 * resource) into the user's data directory and points its {@code amanda.conf} at the unpacked
 * location. Unpacks into a temporary sibling and renames it at the end, so a cancelled or failed
 * install never leaves a directory that looks complete. An existing install of the same version is
 * reused as it is.
 */
public final class DemoInstaller {
  /** The resource (beside this class's resources) that holds the demo. */
  public static final String RESOURCE = "/io/codarestore/ui/demo/coda-demo.zip";

  static final String DESCRIPTOR = "demo.properties";
  static final String MARKER = ".coda-restore-demo";

  private final ResourceOpener resource;

  /** Opens the demo archive; a seam for tests. */
  public interface ResourceOpener {
    InputStream open() throws IOException;
  }

  public DemoInstaller() {
    this(
        () -> {
          InputStream in = DemoInstaller.class.getResourceAsStream(RESOURCE);
          if (in == null) {
            throw new IOException("the demo archive " + RESOURCE + " is missing from the program");
          }
          return in;
        });
  }

  public DemoInstaller(ResourceOpener resource) {
    this.resource = resource;
  }

  /** Where things are after installing. */
  public record DemoInstall(Path root, Path configDir, String configName, String description) {}

  /** Installs into {@code target} (or reuses what is there) and returns its config directory. */
  public DemoInstall install(Path target, ProgressListener progress, Cancellation cancel) {
    try {
      if (Files.isRegularFile(target.resolve(MARKER))) {
        return describe(target);
      }
      if (Files.exists(target)) {
        throw new UserFacingException(
            target
                + " exists but is not a complete demo installation; move it away and try again"
                + " (nothing was changed)");
      }
      Path parent = target.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempDirectory(parent, target.getFileName() + ".unpacking-");
      try {
        unpack(tmp, progress, cancel);
        Properties d = descriptor(tmp);
        Path conf = tmp.resolve(d.getProperty("config.dir", "etc")).resolve("amanda.conf");
        String text = Files.readString(conf, StandardCharsets.UTF_8);
        Path original = Path.of(d.getProperty("original.root"));
        Files.writeString(
            conf,
            AmandaSetup.relocate(text, original, target.toAbsolutePath()),
            StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve(MARKER), d.getProperty("version", "1") + "\n");
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        io.codarestore.core.TempOutputs.removeTree(tmp);
      }
      return describe(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the demo into " + target, e);
    }
  }

  private DemoInstall describe(Path root) throws IOException {
    Properties d = descriptor(root);
    return new DemoInstall(
        root,
        root.resolve(d.getProperty("config.dir", "etc")),
        d.getProperty("config.name", "demo"),
        d.getProperty("description", "demo"));
  }

  private static Properties descriptor(Path root) throws IOException {
    Path file = root.resolve(DESCRIPTOR);
    if (!Files.isRegularFile(file)) {
      throw new UserFacingException(file + ": missing; the demo archive is damaged");
    }
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    if (p.getProperty("original.root") == null) {
      throw new UserFacingException(file + ": no original.root; the demo archive is damaged");
    }
    return p;
  }

  private void unpack(Path into, ProgressListener progress, Cancellation cancel)
      throws IOException {
    String stage = "unpack demo";
    progress.stageStarted(stage, -1);
    long done = 0;
    byte[] buf = new byte[64 * 1024];
    try (InputStream raw = resource.open();
        ZipInputStream zip = new ZipInputStream(raw)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        cancel.check();
        Path out = into.resolve(e.getName()).normalize();
        if (!out.startsWith(into) || out.equals(into)) {
          throw new UserFacingException(
              "demo archive entry " + e.getName() + " points outside the demo directory");
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
          int n;
          while ((n = zip.read(buf)) > 0) {
            o.write(buf, 0, n);
            done += n;
          }
        }
        progress.progress(stage, done, -1);
      }
    } finally {
      progress.stageFinished(stage);
    }
  }
}
