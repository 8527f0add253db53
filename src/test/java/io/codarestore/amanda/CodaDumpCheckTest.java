package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodaDumpCheckTest {
  private static final CodaDumpCheck CHECK = new CodaDumpCheck();

  private static FetchRequest request(String disk, int level) {
    return new FetchRequest("localhost", disk, "20240306053300", level, List.of(), null, null);
  }

  private static void check(String disk, int level, byte[] dump) {
    CHECK.check(request(disk, level), dump, Math.min(dump.length, DumpStartCheck.PROBE_BYTES));
  }

  @Test
  void theCloneNameRule() {
    assertThat(CodaDumpCheck.isCloneOf("u.alice.0.backup", "u.alice")).isTrue();
    assertThat(CodaDumpCheck.isCloneOf("u.alice.12.backup", "u.alice")).isTrue();
    assertThat(CodaDumpCheck.isCloneOf("u.alice.backup", "u.alice")).isTrue();
    assertThat(CodaDumpCheck.isCloneOf("u.alice.0.readonly", "u.alice")).isTrue();
    assertThat(CodaDumpCheck.isCloneOf("u.alice", "u.alice")).isTrue();
    assertThat(CodaDumpCheck.isCloneOf("u.alice.0.backup", "u.alice.0")).isTrue();

    assertThat(CodaDumpCheck.isCloneOf("u.bob.0.backup", "u.alice")).isFalse();
    assertThat(CodaDumpCheck.isCloneOf("u.alice2.0.backup", "u.alice")).isFalse();
    assertThat(CodaDumpCheck.isCloneOf("u.alice.x.backup", "u.alice")).isFalse();
    assertThat(CodaDumpCheck.isCloneOf("u.alice.0.backup.old", "u.alice")).isFalse();
    assertThat(CodaDumpCheck.isCloneOf("u.alice.0.restored", "u.alice")).isFalse();
    assertThat(CodaDumpCheck.isCloneOf("u.alice.0.back", "u.alice")).isFalse(); // not cut
    assertThat(CodaDumpCheck.isCloneOf("u", "u.alice")).isFalse();
  }

  @Test
  void namesCutTo31BytesStillMatch() {
    String disk = "projects.very.long.volume"; // 25 bytes: "<disk>.0.backup" has 34
    String cut = (disk + ".0.backup").substring(0, 31);
    assertThat(cut).hasSize(31);
    assertThat(CodaDumpCheck.isCloneOf(cut, disk)).isTrue();
    assertThat(CodaDumpCheck.isCloneOf(cut, "projects.very.long.volumeX")).isFalse();
    // a disk longer than Coda allows, cut inside the volume name itself
    String longDisk = "a.volume.name.that.is.far.too.long";
    assertThat(CodaDumpCheck.isCloneOf(longDisk.substring(0, 31), longDisk)).isTrue();
    assertThat(CodaDumpCheck.isCloneOf(longDisk.substring(0, 30), longDisk)).isFalse();
  }

  @Test
  void acceptsRealDumpsOfTheRightVolumeAndLevel() throws IOException {
    Path real = io.codarestore.dump.RealFixtures.dir();
    assumeTrue(io.codarestore.dump.RealFixtures.available(), "no real Coda dumps at " + real);
    // written by a real server: the volume "dumpfix", replica 0, clone "dumpfix.0.backup"
    check("dumpfix", 0, Files.readAllBytes(real.resolve("dumpfix-B0-full.dump")));
    check("dumpfix", 1, Files.readAllBytes(real.resolve("dumpfix-B1-incr-l1.dump")));
    byte[] level2 = Files.readAllBytes(real.resolve("dumpfix-B2-incr-l2.dump"));
    check("dumpfix", 2, level2);
    check("testvol", 1, Files.readAllBytes(real.resolve("testvol-empty-incr-l1.dump")));

    assertThatThrownBy(() -> check("dumpfix", 1, level2))
        .isInstanceOf(DumpMismatchException.class)
        .hasMessageContaining("is a level 2 Coda dump of dumpfix.0.backup, not level 1");
    assertThatThrownBy(() -> check("testvol", 2, level2))
        .isInstanceOf(DumpMismatchException.class)
        .hasMessageContaining("dumpfix.0.backup, which is not a clone of testvol");
  }

  @Test
  void refusesDataThatAreNoCodaDump() {
    byte[] gzip = TestVtapes.gzip(new byte[1000]);
    assertThatThrownBy(() -> check("u.alice", 1, gzip))
        .isInstanceOf(DumpMismatchException.class)
        .hasMessageContaining("localhost:u.alice 20240306053300 level 1 is not a Coda volume dump");
    assertThatThrownBy(() -> check("u.alice", 1, new byte[0]))
        .isInstanceOf(DumpMismatchException.class);
    byte[] good = TestVtapes.codaDump("u.alice.0.backup", 1, 200, 1);
    check("u.alice", 1, good);
    byte[] cut = java.util.Arrays.copyOf(good, 20); // the header itself is cut short
    assertThatThrownBy(() -> check("u.alice", 1, cut)).isInstanceOf(DumpMismatchException.class);
  }
}
