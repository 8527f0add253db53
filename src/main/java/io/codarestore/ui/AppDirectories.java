package io.codarestore.ui;

import io.codarestore.core.AppPaths;
import io.codarestore.core.SharedDefaults;
import java.nio.file.Path;

/**
 * The wizard's view of {@link AppPaths} (where settings, data and logs live; the command line asks
 * the same class). Tests pass their own directories.
 */
public record AppDirectories(AppPaths paths) {

  /** With the user's home directory (where the default restore folder is made). */
  public AppDirectories(Path config, Path data) {
    this(config, data, Path.of(System.getProperty("user.home")));
  }

  /** Test directories: the log folder is {@code data/log}. */
  public AppDirectories(Path config, Path data, Path home) {
    this(new AppPaths(config, data, data.resolve("log"), home));
  }

  public static AppDirectories fromEnvironment() {
    return new AppDirectories(AppPaths.fromEnvironment());
  }

  public Path config() {
    return paths.config();
  }

  public Path data() {
    return paths.data();
  }

  public Path home() {
    return paths.home();
  }

  /** The application log's folder. */
  public Path logs() {
    return paths.logs();
  }

  /** The directory the built-in demo is unpacked into. */
  public Path demo() {
    return paths.demo();
  }

  /** The catalog used when the user did not choose one. */
  public Path defaultCatalog() {
    return paths.defaultCatalog();
  }

  /** The default restore workspace (run logs, runbooks, cached dumps). */
  public Path defaultWorkspace() {
    return paths.defaultWorkspace();
  }

  /** The catalog and workspace the command line uses without --db and --workspace. */
  public SharedDefaults shared() {
    return SharedDefaults.load(paths);
  }
}
