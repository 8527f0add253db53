package io.codarestore.ui.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.restore.RestoreTarget;
import io.codarestore.ui.target.TargetViewModel.Fields;
import io.codarestore.ui.target.TargetViewModel.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Target page's rules and target, without a window. */
class TargetViewModelTest {
  @TempDir Path tmp;

  private static Fields volume(Kind kind, String volutil, String partition, String id) {
    return new Fields(
        kind,
        null,
        false,
        List.of(),
        null,
        null,
        null,
        volutil,
        "scm.example.org",
        partition,
        "restored.root",
        id,
        "",
        "",
        "",
        false,
        "",
        "cfs",
        null,
        TargetViewModel.EVERY_STEP);
  }

  private Path executable(String name) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void aVolutilThatIsNotThereIsTheProblemAndARealOneGivesTheCoresTarget() throws Exception {
    Path missing = tmp.resolve("no").resolve("volutil");
    assertThat(TargetViewModel.problem(volume(Kind.VOLUME_RO, missing.toString(), "/vicepa", "")))
        .isEqualTo("volutil command: " + missing + " is not an executable file.");
    assertThat(TargetViewModel.problem(volume(Kind.VOLUME_RO, "no-such-volutil-x", "/vicepa", "")))
        .isEqualTo(
            "volutil command: no-such-volutil-x is not on the PATH; give the command's full path.");
    String v = executable("volutil").toString();
    assertThat(TargetViewModel.problem(volume(Kind.VOLUME_RO, v, "vicepa", "")))
        .isEqualTo("Partition: a server partition such as /vicepa.");
    assertThat(TargetViewModel.problem(volume(Kind.VOLUME_RW, v, "/vicepa", "")))
        .startsWith("Volume id: a read-write restore needs the volume id");
    Fields ok = volume(Kind.VOLUME_RW, v, "/vicepb", " 0x1000007 ");
    assertThat(TargetViewModel.problem(ok)).isNull();
    assertThat(TargetViewModel.target(ok))
        .isEqualTo(
            new RestoreTarget.Volutil(
                v, "scm.example.org", "/vicepb", "restored.root", 0x1000007, true));
  }

  @Test
  void chosenPathsAreCheckedAgainstTheTreeAndGoToTheTarget() {
    Path out = tmp.resolve("out");
    Fields f =
        new Fields(
            Kind.TAR,
            null,
            true,
            List.of("build", "nope"),
            Set.of(".", "build"),
            out,
            null,
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            false,
            "",
            "",
            null,
            TargetViewModel.EVERY_STEP);
    assertThat(TargetViewModel.problem(f))
        .isEqualTo("nope is not in the volume (as the chain's dumps in the workspace show it).");
    Fields good =
        new Fields(
            Kind.TAR,
            null,
            true,
            List.of("build"),
            Set.of(".", "build"),
            out,
            null,
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            false,
            "",
            "",
            null,
            TargetViewModel.EVERY_STEP);
    assertThat(TargetViewModel.problem(good)).isNull();
    assertThat(TargetViewModel.target(good))
        .isEqualTo(new RestoreTarget.TarFile(out, List.of("build"), false));
  }

  @Test
  void theReplicaRouteNeedsItsOwnNameServersAMountAndRealPrograms() throws Exception {
    Path mount = Files.createDirectories(tmp.resolve("coda")).resolve("new");
    String cfs = executable("cfs").toString();
    Fields same =
        new Fields(
            Kind.REPLICA,
            null,
            false,
            List.of(),
            null,
            null,
            null,
            "",
            "",
            "",
            "",
            "",
            "coda.root",
            "coda.root",
            "scm/vicepa",
            false,
            "",
            cfs,
            mount,
            "copy");
    assertThat(TargetViewModel.problem(same)).startsWith("New replicated volume: give it a name");
    Fields noCfs =
        new Fields(
            Kind.REPLICA,
            null,
            false,
            List.of(),
            null,
            null,
            null,
            "",
            "",
            "",
            "",
            "",
            "coda.root",
            "coda.root.new",
            "scm/vicepa, srv2/vicepb",
            false,
            "",
            "no-cfs-here",
            mount,
            "copy");
    assertThat(TargetViewModel.problem(noCfs)).startsWith("cfs command: no-cfs-here is not on");
    Fields ok =
        new Fields(
            Kind.REPLICA,
            null,
            false,
            List.of(),
            null,
            null,
            null,
            "",
            "",
            "",
            "",
            "",
            "coda.root",
            "coda.root.new",
            "scm/vicepa, srv2/vicepb",
            false,
            "",
            cfs,
            mount,
            "copy");
    assertThat(TargetViewModel.problem(ok)).isNull();
    assertThat(TargetViewModel.target(ok))
        .isEqualTo(
            new RestoreTarget.Replica(
                "coda.root",
                "coda.root.new",
                List.of("scm/vicepa", "srv2/vicepb"),
                null,
                cfs,
                mount,
                "copy"));
  }

  @Test
  void everyKindSaysWhatItIs() {
    for (Kind k : Kind.values()) {
      assertThat(TargetViewModel.note(k)).as(k.name()).isNotBlank().endsWith(".");
    }
    assertThat(TargetViewModel.note(Kind.VOLUME_RO)).contains("~500 KB");
    assertThat(TargetViewModel.problem(volume(null, "", "", "")))
        .isEqualTo("Choose where the volume goes.");
  }

  @Test
  void theDefaultFolderIsNewAndNamedAfterTheVolumeAndDay() throws Exception {
    Path first = TargetViewModel.newFolder(tmp, "coda/root-2024-03-07");
    assertThat(first).isEqualTo(tmp.resolve("coda_root-2024-03-07"));
    Files.createDirectories(first);
    assertThat(TargetViewModel.newFolder(tmp, "coda/root-2024-03-07"))
        .isEqualTo(tmp.resolve("coda_root-2024-03-07-2"));
  }
}
