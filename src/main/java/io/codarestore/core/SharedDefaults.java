package io.codarestore.core;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The default catalog and workspace, one for both fronts. The wizard remembers in its settings file
 * the catalog it last opened or imported into ({@value #LAST_CATALOG}; the built-in demo's own
 * catalog too) and the workspace chosen on the Target page ({@value #WORKSPACE}); a command without
 * {@code --db} uses that catalog, else {@link AppPaths#defaultCatalog()}, and a restore without
 * {@code --workspace} that workspace, else {@link AppPaths#defaultWorkspace()}. So after a demo
 * restore in the wizard, {@code plan} and {@code restore} find the demo and reuse its fetched
 * dumps.
 *
 * <p>The importer refuses a second Amanda configuration in one catalog, so {@code catalog import}
 * without {@code --db} never imports into the demo's catalog: it uses the remembered catalog only
 * when that is not the demo's, else the default catalog, and remembers what it imported into.
 */
public final class SharedDefaults {
  /** Settings key: the catalog the wizard or {@code catalog import} last opened. */
  public static final String LAST_CATALOG = "catalog.lastOpened";

  /** Settings key: the restore workspace (the wizard's Target page). */
  public static final String WORKSPACE = "restore.workspace";

  private final AppPaths paths;
  private final Properties settings;

  private SharedDefaults(AppPaths paths, Properties settings) {
    this.paths = paths;
    this.settings = settings;
  }

  /** Reads the settings file; a missing or unreadable one gives the plain defaults. */
  public static SharedDefaults load(AppPaths paths) {
    Properties p = read(paths.settingsFile());
    return new SharedDefaults(paths, p == null ? new Properties() : p);
  }

  private static Properties read(Path file) {
    if (!Files.isRegularFile(file)) {
      return new Properties();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
      return p;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  public AppPaths paths() {
    return paths;
  }

  /** The catalog to read: the one last opened while it exists, else the default catalog. */
  public Path catalog() {
    Path last = path(LAST_CATALOG);
    return last != null && Files.isRegularFile(last) ? last : paths.defaultCatalog();
  }

  /** The catalog to import into: {@link #catalog()} unless that is the demo's own catalog. */
  public Path importCatalog() {
    Path c = catalog();
    return c.toAbsolutePath().normalize().startsWith(paths.demo().toAbsolutePath().normalize())
        ? paths.defaultCatalog()
        : c;
  }

  /** The restore workspace: the one chosen in the wizard, else the default workspace. */
  public Path workspace() {
    Path w = path(WORKSPACE);
    return w != null ? w : paths.defaultWorkspace();
  }

  private Path path(String key) {
    String v = settings.getProperty(key);
    return v == null || v.isBlank() ? null : Path.of(v);
  }

  /**
   * Records {@code catalog} as the one last opened, keeping every other setting (a temporary file
   * renamed over the settings file). Does nothing when the settings file cannot be read: it is not
   * overwritten.
   */
  public static void rememberCatalog(AppPaths paths, Path catalog) throws IOException {
    Path file = paths.settingsFile();
    Properties p = read(file);
    if (p == null) {
      return;
    }
    p.setProperty(LAST_CATALOG, catalog.toAbsolutePath().normalize().toString());
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "Coda Restore Assistant settings");
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
