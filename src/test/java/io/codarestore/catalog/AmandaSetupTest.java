package io.codarestore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.amanda.AmandaConfigException;
import io.codarestore.amanda.DumpStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog-level view of an Amanda configuration and of a dump's state the fronts use. */
class AmandaSetupTest {
  private static String conf(Path root) {
    return "org \"codafix\"\n"
        + "tpchanger \"chg-disk:"
        + root
        + "/vtapes\"\n"
        + "infofile \""
        + root
        + "/state/curinfo\"\n"
        + "logdir \""
        + root
        + "/state/log\"\n"
        + "indexdir \""
        + root
        + "/state/index\"\n"
        + "tapelist \"tapelist\"\n"
        + "holdingdisk hd1 {\n"
        + "    directory \""
        + root
        + "/holding\"\n"
        + "}\n";
  }

  @Test
  void aConfigDirectoryBecomesWhatToImport(@TempDir Path dir) throws Exception {
    Path etc = Files.createDirectory(dir.resolve("etc"));
    Files.writeString(etc.resolve("amanda.conf"), conf(dir));
    ImportSource s = AmandaSetup.importSource(etc);
    assertThat(s.configDir()).isEqualTo(etc);
    assertThat(s.logdir()).isEqualTo(dir.resolve("state/log"));
    assertThat(s.tapelist()).isEqualTo(etc.resolve("tapelist"));
    assertThat(s.vtapeRoot()).isEqualTo(dir.resolve("vtapes"));
    assertThat(s.indexdir()).isEqualTo(dir.resolve("state/index"));
    assertThat(s.infofile()).isEqualTo(dir.resolve("state/curinfo"));
    assertThat(s.holdingDirs()).containsExactly(dir.resolve("holding"));
  }

  @Test
  void aMissingConfigIsTheConfigError(@TempDir Path dir) {
    assertThatThrownBy(() -> AmandaSetup.importSource(dir))
        .isInstanceOf(AmandaConfigException.class)
        .hasMessageContaining("amanda.conf");
  }

  @Test
  void aRelocatedConfigReadsFromItsNewPlace(@TempDir Path dir) throws Exception {
    Path etc = Files.createDirectories(dir.resolve("new/etc"));
    Path old = Path.of("/srv/made-elsewhere");
    Files.writeString(
        etc.resolve("amanda.conf"), AmandaSetup.relocate(conf(old), old, dir.resolve("new")));
    ImportSource s = AmandaSetup.importSource(etc);
    assertThat(s.logdir()).isEqualTo(dir.resolve("new/state/log"));
    assertThat(s.vtapeRoot()).isEqualTo(dir.resolve("new/vtapes"));
    assertThat(s.holdingDirs()).containsExactly(dir.resolve("new/holding"));
  }

  @Test
  void everyLogStatusHasTheSameStateWordAndGoodness() {
    for (DumpStatus st : DumpStatus.values()) {
      DumpState s = DumpState.of(st);
      assertThat(s.code()).isEqualTo(st.code());
      assertThat(s.isGood()).isEqualTo(st.isGood());
      assertThat(s.name()).isEqualTo(st.name());
    }
    assertThat(DumpState.values()).hasSameSizeAs(DumpStatus.values());
  }
}
