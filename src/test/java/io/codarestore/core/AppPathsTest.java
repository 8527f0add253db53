package io.codarestore.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the files live: the library's directories (checked for real on Linux, where it reads the
 * XDG variables of this process), an invalid relative value ignored, and the log folder per OS.
 */
class AppPathsTest {
  private final Path home = Path.of("/home/u");

  @Test
  void linuxTakesTheLibrarysXdgDirectoriesAndTheStateHomeForLogs() {
    AppPaths p =
        AppPaths.of(
            "/c/coda-restore",
            "/d/coda-restore",
            "Linux",
            Map.of("XDG_STATE_HOME", "/s"),
            null,
            home);
    assertThat(p.config()).isEqualTo(Path.of("/c/coda-restore"));
    assertThat(p.settingsFile()).isEqualTo(Path.of("/c/coda-restore/settings.properties"));
    assertThat(p.defaultCatalog()).isEqualTo(Path.of("/d/coda-restore/catalog.db"));
    assertThat(p.defaultWorkspace()).isEqualTo(Path.of("/d/coda-restore/workspace"));
    assertThat(p.demo()).isEqualTo(Path.of("/d/coda-restore/demo"));
    assertThat(p.logs()).isEqualTo(Path.of("/s/coda-restore/log"));
  }

  @Test
  void relativeXdgValuesAreIgnoredAsTheSpecSays() {
    AppPaths p =
        AppPaths.of(
            "rel/coda-restore",
            "rel/coda-restore",
            "Linux",
            Map.of("XDG_STATE_HOME", "rel"),
            null,
            home);
    assertThat(p.config()).isEqualTo(Path.of("/home/u/.config/coda-restore"));
    assertThat(p.data()).isEqualTo(Path.of("/home/u/.local/share/coda-restore"));
    assertThat(p.logs()).isEqualTo(Path.of("/home/u/.local/state/coda-restore/log"));
  }

  @Test
  void logFolderOnMacAndWindowsAndTheOverride() {
    String data = "/Users/u/Library/Application Support/io.codarestore.coda-restore";
    assertThat(AppPaths.of(data, data, "Mac OS X", Map.of(), null, Path.of("/Users/u")).logs())
        .isEqualTo(Path.of("/Users/u/Library/Logs/coda-restore"));
    assertThat(AppPaths.of("/a", "/l/data", "Windows 11", Map.of(), null, home).logs())
        .isEqualTo(Path.of("/l/data/log"));
    assertThat(AppPaths.of("/a", "/b", "Linux", Map.of(), "/var/log/cr", home).logs())
        .isEqualTo(Path.of("/var/log/cr"));
  }

  @Test
  void thisProcessGetsTheLibrarysDirectoriesForItsOwnEnvironment() {
    AppPaths p = AppPaths.fromEnvironment();
    dev.dirs.ProjectDirectories lib =
        dev.dirs.ProjectDirectories.from("io", "codarestore", "coda-restore");
    if (Path.of(lib.dataLocalDir).isAbsolute()) {
      assertThat(p.data()).isEqualTo(Path.of(lib.dataLocalDir));
    }
    if (Path.of(lib.configDir).isAbsolute()) {
      assertThat(p.config()).isEqualTo(Path.of(lib.configDir));
    }
    assertThat(p.home()).isEqualTo(Path.of(System.getProperty("user.home")));
  }
}
