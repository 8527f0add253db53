package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirectoriesTest {
  private final Path home = Path.of("/home/admin");

  @Test
  void followsXdgVariables() {
    AppDirectories d =
        AppDirectories.from(Map.of("XDG_CONFIG_HOME", "/c", "XDG_DATA_HOME", "/d"), home);
    assertThat(d.config()).isEqualTo(Path.of("/c/coda-restore"));
    assertThat(d.data()).isEqualTo(Path.of("/d/coda-restore"));
    assertThat(d.demo()).isEqualTo(Path.of("/d/coda-restore/demo"));
  }

  @Test
  void fallsBackToTheHomeDirectoryWhenUnsetOrRelative() {
    AppDirectories d = AppDirectories.from(Map.of("XDG_CONFIG_HOME", "relative/dir"), home);
    assertThat(d.config()).isEqualTo(Path.of("/home/admin/.config/coda-restore"));
    assertThat(d.data()).isEqualTo(Path.of("/home/admin/.local/share/coda-restore"));
  }
}
