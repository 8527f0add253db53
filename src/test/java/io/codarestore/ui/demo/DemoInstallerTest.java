package io.codarestore.ui.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoInstallerTest {
  @TempDir Path tmp;

  @Test
  void unpacksTheShippedDemoAndPointsItsConfigurationAtTheNewPlace() throws Exception {
    Path target = tmp.resolve("data").resolve("demo");
    DemoInstaller.DemoInstall d =
        new DemoInstaller().install(target, ProgressListener.NONE, Cancellation.none());

    assertThat(d.configDir()).isEqualTo(target.resolve("codademo"));
    assertThat(d.configName()).isEqualTo("codademo");
    String conf = Files.readString(d.configDir().resolve("amanda.conf"));
    assertThat(conf)
        .contains("chg-disk:" + target.toAbsolutePath() + "/vtapes")
        .doesNotContain("/tmp/gui-demo-e");
    // the Amanda configuration reader of the amanda package sees the relocated paths
    AmandaConfig c = AmandaConfig.read(d.configDir());
    assertThat(c.vtapeRoot()).isEqualTo(target.toAbsolutePath().resolve("vtapes"));
    assertThat(c.logdir()).isDirectory();
    assertThat(target.resolve("vtapes/slot7")).isEmptyDirectory();
    try (var s = Files.list(tmp.resolve("data"))) {
      assertThat(s).as("no unpacking leftovers").containsExactly(target);
    }
  }

  @Test
  void aSecondInstallReusesTheFirst() throws Exception {
    Path target = tmp.resolve("demo");
    DemoInstaller installer = new DemoInstaller();
    installer.install(target, ProgressListener.NONE, Cancellation.none());
    Path marker = target.resolve("codademo/amanda.conf");
    Files.writeString(marker, Files.readString(marker) + "# touched\n");

    installer.install(target, ProgressListener.NONE, Cancellation.none());
    assertThat(Files.readString(marker)).endsWith("# touched\n");
  }

  @Test
  void neverWritesIntoADirectoryThatIsNotADemo() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("demo"));
    Files.writeString(target.resolve("mine.txt"), "user data");
    assertThatThrownBy(
            () -> new DemoInstaller().install(target, ProgressListener.NONE, Cancellation.none()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("not a complete demo installation");
    try (var s = Files.list(target)) {
      assertThat(s).containsExactly(target.resolve("mine.txt"));
    }
  }

  @Test
  void anArchiveEntryLeavingTheDirectoryIsRefusedAndNothingIsLeft() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry("demo.properties"));
      z.write("original.root=/x\n".getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("../escape.txt"));
      z.write(1);
    }
    DemoInstaller installer =
        new DemoInstaller(() -> new ByteArrayInputStream(bytes.toByteArray()));
    Path target = tmp.resolve("sub").resolve("demo");
    assertThatThrownBy(() -> installer.install(target, ProgressListener.NONE, Cancellation.none()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("outside the demo directory");
    assertThat(tmp.resolve("sub/escape.txt")).doesNotExist();
    try (var s = Files.list(tmp.resolve("sub"))) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aCancelledInstallLeavesNothing() throws Exception {
    Cancellation cancel = new Cancellation();
    cancel.cancel();
    Path target = tmp.resolve("demo");
    assertThatThrownBy(() -> new DemoInstaller().install(target, ProgressListener.NONE, cancel))
        .isInstanceOf(Cancellation.CancelledException.class);
    try (var s = Files.list(tmp)) {
      assertThat(s).isEmpty();
    }
  }
}
