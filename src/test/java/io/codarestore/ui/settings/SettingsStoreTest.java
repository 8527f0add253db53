package io.codarestore.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
  @TempDir Path dir;

  @Test
  void aMissingFileGivesEmptySettingsThatAskForASource() {
    Settings s = new SettingsStore(dir.resolve("none")).load();
    assertThat(s).isEqualTo(Settings.empty());
    assertThat(s.hasNoSource()).isTrue();
  }

  @Test
  void valuesSurviveASaveAndALoadInAFreshStore() throws Exception {
    Settings s =
        Settings.empty()
            .with(Setting.CATALOG, "/data/catalog.db")
            .with(Setting.VOLUTIL_COMMAND, "/usr/sbin/volutil")
            .with(Setting.SERVER, "scm.example.org")
            .with(Setting.PARTITION, "/vicepa")
            .with(Setting.WINDOW_WIDTH, "1280.0");
    new SettingsStore(dir.resolve("cfg")).save(s);

    Settings back = new SettingsStore(dir.resolve("cfg")).load();
    assertThat(back).isEqualTo(s);
    assertThat(back.get(Setting.SERVER)).contains("scm.example.org");
    assertThat(back.number(Setting.WINDOW_WIDTH)).contains(1280.0);
    assertThat(back.hasNoSource()).isFalse();
    try (var files = Files.list(dir.resolve("cfg"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.properties");
    }
  }

  @Test
  void blankValuesRemoveASetting() {
    Settings s = Settings.empty().with(Setting.SERVER, "a").with(Setting.SERVER, " ");
    assertThat(s.get(Setting.SERVER)).isEmpty();
  }

  @Test
  void aHandEditedNumberThatIsNotANumberIsIgnored() throws Exception {
    Files.writeString(dir.resolve("settings.properties"), "window.width=wide\nwindow.x=NaN\n");
    Settings s = new SettingsStore(dir).load();
    assertThat(s.number(Setting.WINDOW_WIDTH)).isEmpty();
    assertThat(s.number(Setting.WINDOW_X)).isEmpty();
  }

  @Test
  void anUnreadableFileIsKeptAsideInsteadOfOverwritten() throws Exception {
    byte[] garbage = "catalog.path=\\u12".getBytes(StandardCharsets.UTF_8); // bad \\u escape
    Files.write(dir.resolve("settings.properties"), garbage);
    SettingsStore store = new SettingsStore(dir);
    assertThat(store.load()).isEqualTo(Settings.empty());

    store.save(Settings.empty().with(Setting.SERVER, "x"));
    assertThat(Files.readAllBytes(dir.resolve("settings.properties.bad"))).isEqualTo(garbage);
    assertThat(new SettingsStore(dir).load().get(Setting.SERVER)).contains("x");
  }
}
