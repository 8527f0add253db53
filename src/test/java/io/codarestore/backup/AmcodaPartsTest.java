package io.codarestore.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.core.ExternalProgram;
import io.codarestore.dump.DumpIndex;
import io.codarestore.testing.AmcodaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces: volume-list lines, finding a volume, properties, index escaping, the launcher. */
class AmcodaPartsTest {
  @TempDir Path dir;

  static final List<String> LIST =
      List.of(
          "P/vicepa Hvm Tfbf8e74 F4f96110",
          "Wu.alice.0 I1000001 H1 P/vicepa m0 M0 U21b6 W1000001 C65927100 D65927100 B659279f1 A0",
          "Wproj.src.0 I1000002 H1 P/vicepa m0 M0 U2858 W1000002 C65927100 D65927100 B0 A0",
          "Bu.alice.0.backup I1000003 H1 P/vicepa m0 M0 U21b6 W1000001 C659279f1 D659279f1 B0 A0",
          "GetVolumeList finished successfully");

  static List<ListedVolume> parsed() {
    return LIST.stream().map(ListedVolume::parse).filter(v -> v != null).toList();
  }

  @Test
  void volumeListLinesAreReadAsHexWithoutPadding() {
    List<ListedVolume> v = parsed();
    assertThat(v).hasSize(3);
    assertThat(v.get(0))
        .isEqualTo(new ListedVolume('W', "u.alice.0", 0x1000001, 0x1000001, 0x659279f1L, 0x21b6));
    assertThat(v.get(2).kind()).isEqualTo('B');
    assertThat(v.get(2).parentId()).isEqualTo(0x1000001);
  }

  @Test
  void aDiskIsFoundByReplicatedNameReplicaNameOrId() {
    for (String disk : List.of("u.alice", "u.alice.0", "1000001", "0x01000001")) {
      CodaVolume c = CodaVolume.find(disk, parsed());
      assertThat(c.replica().name()).as(disk).isEqualTo("u.alice.0");
      assertThat(c.backupClone().id()).isEqualTo(0x1000003);
    }
    assertThat(CodaVolume.find("proj.src", parsed()).backupClone()).isNull();
    assertThatThrownBy(() -> CodaVolume.find("u.ali", parsed()))
        .hasMessageContaining("no read-write replica");
    assertThatThrownBy(() -> CodaVolume.find("u", parsed()))
        .hasMessageContaining("no read-write replica");
  }

  @Test
  void theCloneIsRefreshedWhenMissingOrOlderThanTheMaximumAge() {
    CodaVolume alice = CodaVolume.find("u.alice", parsed());
    Instant backup = Instant.ofEpochSecond(0x659279f1L);
    Duration four = Duration.ofHours(4);
    assertThat(BackupClone.needsRefresh(alice, four, backup.plus(Duration.ofHours(3)))).isFalse();
    assertThat(BackupClone.needsRefresh(alice, four, backup.plus(Duration.ofHours(5)))).isTrue();
    assertThat(BackupClone.needsRefresh(CodaVolume.find("proj.src", parsed()), four, backup))
        .isTrue();
  }

  @Test
  void propertiesAreCheckedAndUnknownOnesReported() {
    AmcodaProperties ok = AmcodaProperties.of(null, null, null, null, List.of());
    assertThat(ok.problems()).isEmpty();
    assertThat(ok.volutil()).isEqualTo("volutil");
    assertThat(ok.cloneMaxAge()).isEqualTo(Duration.ofHours(4));
    assertThat(ok.estimate()).isEqualTo(AmcodaProperties.EstimateMode.DUMP);
    AmcodaProperties set =
        AmcodaProperties.of("/usr/sbin/volutil", "srv", "90m", "History", List.of());
    assertThat(set.cloneMaxAge()).isEqualTo(Duration.ofMinutes(90));
    assertThat(set.estimate()).isEqualTo(AmcodaProperties.EstimateMode.HISTORY);
    assertThat(set.volutilHost()).isEqualTo("srv");
    AmcodaProperties bad = AmcodaProperties.of(null, "-x", "soon", "guess", List.of("--colour"));
    assertThat(bad.problems()).hasSize(4);
    assertThat(String.join("\n", bad.problems())).contains("--colour", "soon", "guess", "-x");
  }

  @Test
  void indexEscapingDoublesBackslashesAndRoundTrips() {
    assertThat(DumpIndex.escape("/a b/c")).isEqualTo("/a b/c");
    assertThat(DumpIndex.escape("/back\\slash")).isEqualTo("/back\\\\slash");
    assertThat(DumpIndex.escape("/tab\there")).isEqualTo("/tab\\011here");
    for (String s : List.of("/a", "/back\\slash", "/tab\there", "/x\\011y", "/end\\")) {
      assertThat(DumpIndex.unescape(DumpIndex.escape(s))).isEqualTo(s);
    }
  }

  @Test
  void theLauncherRunsWithAnEmptyEnvironmentThroughASymlink() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String cp = String.join(":", AmcodaProcess.javaCommand().get(2));
    Path launcher = Launcher.install(dir.resolve("app"), java, cp);
    assertThat(Files.getPosixFilePermissions(launcher))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    if ("root".equals(System.getProperty("user.name"))) {
      assertThat(Files.getOwner(launcher).getName()).isEqualTo("root");
    }
    String script = Files.readString(launcher);
    assertThat(script)
        .contains("java='" + java + "'", "readlink -f", "LANG=C.UTF-8", "TZ=", "JAVA_HOME=");
    Path link = Files.createSymbolicLink(dir.resolve("amcoda"), launcher);
    ExternalProgram.Result r =
        ExternalProgram.of(List.of("env", "-i", link.toString(), "support")).run();
    assertThat(r.exitStatus()).isZero();
    assertThat(r.stderr()).isEmpty();
    assertThat(r.stdout()).contains("MULTI-ESTIMATE YES", "RECOVER-PATH CWD");
    assertThatThrownBy(() -> Launcher.install(dir.resolve("x"), Path.of("java"), cp))
        .hasMessageContaining("not an executable absolute path");
  }
}
