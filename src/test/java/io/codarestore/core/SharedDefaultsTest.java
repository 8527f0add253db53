package io.codarestore.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog and workspace both fronts use when none is named. */
class SharedDefaultsTest {
  @TempDir Path tmp;

  private AppPaths paths() {
    return new AppPaths(tmp.resolve("config"), tmp.resolve("data"), tmp.resolve("log"), tmp);
  }

  private void settings(String text) throws Exception {
    Files.createDirectories(paths().config());
    Files.writeString(paths().settingsFile(), text, StandardCharsets.ISO_8859_1);
  }

  @Test
  void withoutSettingsTheDefaultCatalogAndWorkspace() {
    SharedDefaults d = SharedDefaults.load(paths());
    assertThat(d.catalog()).isEqualTo(tmp.resolve("data/catalog.db"));
    assertThat(d.importCatalog()).isEqualTo(tmp.resolve("data/catalog.db"));
    assertThat(d.workspace()).isEqualTo(tmp.resolve("data/workspace"));
  }

  @Test
  void theWizardsLastCatalogAndWorkspaceWhileTheCatalogExists() throws Exception {
    Path other = Files.createFile(tmp.resolve("other.db"));
    settings("catalog.lastOpened=" + other + "\nrestore.workspace=" + tmp.resolve("ws") + "\n");
    SharedDefaults d = SharedDefaults.load(paths());
    assertThat(d.catalog()).isEqualTo(other);
    assertThat(d.importCatalog()).isEqualTo(other);
    assertThat(d.workspace()).isEqualTo(tmp.resolve("ws"));
    Files.delete(other);
    assertThat(SharedDefaults.load(paths()).catalog()).isEqualTo(tmp.resolve("data/catalog.db"));
  }

  @Test
  void theDemosCatalogIsReadButNeverImportedIntoByDefault() throws Exception {
    Path demo = Files.createDirectories(paths().demo()).resolve("catalog.db");
    Files.createFile(demo);
    settings("catalog.lastOpened=" + demo + "\n");
    SharedDefaults d = SharedDefaults.load(paths());
    assertThat(d.catalog()).isEqualTo(demo);
    assertThat(d.importCatalog()).isEqualTo(tmp.resolve("data/catalog.db"));
  }

  @Test
  void rememberingACatalogKeepsTheOtherSettings() throws Exception {
    settings("window.width=800\nrestore.workspace=/w\n");
    Path c = Files.createFile(tmp.resolve("c.db"));
    SharedDefaults.rememberCatalog(paths(), c);
    String text = Files.readString(paths().settingsFile(), StandardCharsets.ISO_8859_1);
    assertThat(text).contains("window.width=800").contains("restore.workspace=/w");
    assertThat(SharedDefaults.load(paths()).catalog()).isEqualTo(c);
  }

  @Test
  void anUnreadableSettingsFileIsLeftAsItIs() throws Exception {
    settings("bad=\\u00zz\n");
    SharedDefaults.rememberCatalog(paths(), Files.createFile(tmp.resolve("c.db")));
    assertThat(Files.readString(paths().settingsFile(), StandardCharsets.ISO_8859_1))
        .isEqualTo("bad=\\u00zz\n");
    assertThat(SharedDefaults.load(paths()).catalog()).isEqualTo(tmp.resolve("data/catalog.db"));
  }
}
