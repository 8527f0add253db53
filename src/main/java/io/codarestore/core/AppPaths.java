package io.codarestore.core;

import dev.dirs.ProjectDirectories;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the assistant keeps its files, the one place both fronts (wizard and command line) ask.
 * Configuration and data follow each operating system's conventions through the {@code
 * dev.dirs:directories} library: {@code $XDG_CONFIG_HOME/coda-restore} and {@code
 * $XDG_DATA_HOME/coda-restore} on Linux (else {@code ~/.config}, {@code ~/.local/share}), {@code
 * ~/Library/Application Support/io.codarestore.coda-restore} on macOS, the Known Folders under
 * {@code %APPDATA%} and {@code %LOCALAPPDATA%} on Windows. The library has no log directory, so the
 * logs go to {@code $XDG_STATE_HOME/coda-restore/log} (else {@code ~/.local/state}) on Linux,
 * {@code ~/Library/Logs/coda-restore} on macOS and {@code log} in the local data directory on
 * Windows; the system property {@code coda.restore.logDir} overrides it.
 *
 * @param config the settings file's directory
 * @param data the default catalog, the demo and the default restore workspace
 * @param logs the application log (coda-restore.log, rotated)
 * @param home the user's home directory
 */
public record AppPaths(Path config, Path data, Path logs, Path home) {
  public static final String APP = "coda-restore";

  /** The directories of this process's user and operating system. */
  public static AppPaths fromEnvironment() {
    Path home = Path.of(System.getProperty("user.home"));
    ProjectDirectories dirs = ProjectDirectories.from("io", "codarestore", APP);
    return of(
        dirs.configDir,
        dirs.dataLocalDir,
        System.getProperty("os.name", ""),
        System.getenv(),
        System.getProperty("coda.restore.logDir"),
        home);
  }

  /**
   * The directories from what the library found and the environment (seam for tests).
   *
   * @param logDir the {@code coda.restore.logDir} override, or null
   */
  static AppPaths of(
      String config,
      String data,
      String osName,
      Map<String, String> env,
      String logDir,
      Path home) {
    // The XDG spec says a relative value is invalid and must be ignored; the library takes it.
    Path c = absoluteOr(config, home.resolve(".config").resolve(APP));
    Path d = absoluteOr(data, home.resolve(".local").resolve("share").resolve(APP));
    Path logs = logDir != null && !logDir.isBlank() ? Path.of(logDir) : logs(osName, env, d, home);
    return new AppPaths(c, d, logs, home);
  }

  private static Path absoluteOr(String dir, Path fallback) {
    return dir != null && Path.of(dir).isAbsolute() ? Path.of(dir) : fallback;
  }

  private static Path logs(String osName, Map<String, String> env, Path data, Path home) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return data.resolve("log");
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return home.resolve("Library").resolve("Logs").resolve(APP);
    }
    String state = env.get("XDG_STATE_HOME");
    Path base =
        state != null && !state.isBlank() && Path.of(state).isAbsolute()
            ? Path.of(state)
            : home.resolve(".local").resolve("state");
    return base.resolve(APP).resolve("log");
  }

  /** The settings file (the wizard's remembered choices; the command line reads two of them). */
  public Path settingsFile() {
    return config.resolve("settings.properties");
  }

  /** The catalog used when the user did not choose one. */
  public Path defaultCatalog() {
    return data.resolve("catalog.db");
  }

  /** The default restore workspace (run logs, runbooks, cached dumps). */
  public Path defaultWorkspace() {
    return data.resolve("workspace");
  }

  /** The directory the built-in demo is unpacked into (it has its own catalog). */
  public Path demo() {
    return data.resolve("demo");
  }
}
