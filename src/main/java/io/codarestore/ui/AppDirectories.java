package io.codarestore.ui;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the assistant keeps its settings and its data, following the XDG base directory rules on
 * Linux ({@code $XDG_CONFIG_HOME/coda-restore}, {@code $XDG_DATA_HOME/coda-restore}, falling back
 * to {@code ~/.config} and {@code ~/.local/share}). Tests pass their own directories.
 */
public record AppDirectories(Path config, Path data, Path home) {
  static final String APP = "coda-restore";

  /** With the user's home directory (where the default restore folder is made). */
  public AppDirectories(Path config, Path data) {
    this(config, data, Path.of(System.getProperty("user.home")));
  }

  public static AppDirectories fromEnvironment() {
    return from(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static AppDirectories from(Map<String, String> env, Path home) {
    return new AppDirectories(
        base(env.get("XDG_CONFIG_HOME"), home.resolve(".config")).resolve(APP),
        base(env.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share")).resolve(APP),
        home);
  }

  private static Path base(String value, Path fallback) {
    // The XDG spec says relative values are invalid and must be ignored.
    if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
      return fallback;
    }
    return Path.of(value);
  }

  /** The directory the built-in demo is unpacked into. */
  public Path demo() {
    return data.resolve("demo");
  }

  /** The catalog used when the user did not choose one. */
  public Path defaultCatalog() {
    return data.resolve("catalog.db");
  }

  /** The default restore workspace (run logs, runbooks, cached dumps). */
  public Path defaultWorkspace() {
    return data.resolve("workspace");
  }
}
