package io.codarestore.catalog;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the catalog lives by default: {@code $XDG_DATA_HOME/coda-restore/catalog.db} on Linux and
 * other Unix systems (falling back to {@code ~/.local/share}), {@code ~/Library/Application
 * Support/coda-restore} on macOS and {@code %LOCALAPPDATA%\coda-restore} on Windows.
 */
public final class CatalogLocation {
  static final String APP_DIR = "coda-restore";
  static final String FILE = "catalog.db";

  private CatalogLocation() {}

  /** The default for this process's user and operating system. */
  public static Path defaultPath() {
    return defaultPath(
        System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
  }

  /** The default for the given environment, operating system name and home directory. */
  public static Path defaultPath(Map<String, String> env, String osName, String home) {
    String os = osName.toLowerCase(Locale.ROOT);
    Path base;
    if (os.startsWith("windows")) {
      String local = nonBlank(env.get("LOCALAPPDATA"));
      String roaming = nonBlank(env.get("APPDATA"));
      base =
          local != null
              ? Path.of(local)
              : roaming != null ? Path.of(roaming) : Path.of(home, "AppData", "Local");
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      base = Path.of(home, "Library", "Application Support");
    } else {
      String xdg = nonBlank(env.get("XDG_DATA_HOME"));
      // The XDG spec says a relative value is invalid and must be ignored.
      base =
          xdg != null && Path.of(xdg).isAbsolute()
              ? Path.of(xdg)
              : Path.of(home, ".local", "share");
    }
    return base.resolve(APP_DIR).resolve(FILE);
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
