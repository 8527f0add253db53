package io.codarestore.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogLocationTest {
  @Test
  void linuxUsesXdgDataHomeOrLocalShare() {
    assertThat(CatalogLocation.defaultPath(Map.of("XDG_DATA_HOME", "/data"), "Linux", "/home/u"))
        .isEqualTo(Path.of("/data/coda-restore/catalog.db"));
    assertThat(CatalogLocation.defaultPath(Map.of(), "Linux", "/home/u"))
        .isEqualTo(Path.of("/home/u/.local/share/coda-restore/catalog.db"));
    // A relative XDG_DATA_HOME is invalid per the spec and ignored.
    assertThat(CatalogLocation.defaultPath(Map.of("XDG_DATA_HOME", "rel"), "Linux", "/home/u"))
        .isEqualTo(Path.of("/home/u/.local/share/coda-restore/catalog.db"));
  }

  @Test
  void macAndWindows() {
    assertThat(CatalogLocation.defaultPath(Map.of(), "Mac OS X", "/Users/u"))
        .isEqualTo(Path.of("/Users/u/Library/Application Support/coda-restore/catalog.db"));
    assertThat(
            CatalogLocation.defaultPath(
                Map.of("LOCALAPPDATA", "/c/Users/u/AppData/Local"), "Windows 11", "/c/Users/u"))
        .isEqualTo(Path.of("/c/Users/u/AppData/Local/coda-restore/catalog.db"));
    assertThat(CatalogLocation.defaultPath(Map.of(), "Windows 11", "/c/Users/u"))
        .isEqualTo(Path.of("/c/Users/u/AppData/Local/coda-restore/catalog.db"));
  }
}
