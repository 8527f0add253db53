package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigRelocationTest {
  private static final String CONF =
      "org \"codafix\"\n"
          + "tpchanger \"chg-disk:/tmp/fix/vtapes\"\n"
          + "infofile \"/tmp/fix/state/curinfo\"\n"
          + "logdir \"/tmp/fix/state/log\"\n"
          + "tapelist \"tapelist\"\n"
          + "holdingdisk hd1 {\n    directory \"/tmp/fix/holding\"\n}\n"
          + "    property \"dumpgen\" \"/work/shared/tools/coda-dumpgen\"\n"
          + "other \"/tmp/fix2/not-this\" # \"/tmp/fix\" in a comment is a string too\n";

  @Test
  void rewritesEveryPathUnderTheOldRootAndNothingElse() {
    String out = ConfigRelocation.relocate(CONF, Path.of("/tmp/fix"), Path.of("/home/a/demo"));
    assertThat(out)
        .contains("tpchanger \"chg-disk:/home/a/demo/vtapes\"")
        .contains("infofile \"/home/a/demo/state/curinfo\"")
        .contains("logdir \"/home/a/demo/state/log\"")
        .contains("directory \"/home/a/demo/holding\"")
        .contains("tapelist \"tapelist\"")
        .contains("org \"codafix\"")
        .contains("\"/work/shared/tools/coda-dumpgen\"")
        .contains("\"/tmp/fix2/not-this\"")
        .doesNotContain("/tmp/fix/");
  }

  @Test
  void quotesAndBackslashesInTheNewRootAreEscaped() {
    String out =
        ConfigRelocation.relocate(
            "logdir \"/tmp/fix/log\"\n", Path.of("/tmp/fix"), Path.of("/home/a \"q\"\\b"));
    assertThat(out).isEqualTo("logdir \"/home/a \\\"q\\\"\\\\b/log\"\n");
  }

  @Test
  void refusesRelativeRoots() {
    assertThatThrownBy(() -> ConfigRelocation.relocate(CONF, Path.of("tmp"), Path.of("/x")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
