package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPlaceTest {
  @TempDir Path dir;

  @Test
  void tempFilesBesideTheTargetAreNewHiddenPrivateAndDistinct() throws Exception {
    Path target = dir.resolve("merged.dump");
    Set<Path> made = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Path t = OutputPlace.createTempBeside(target);
      assertThat(made.add(t)).isTrue();
      assertThat(t.getParent()).isEqualTo(dir);
      assertThat(t.getFileName().toString())
          .matches("\\.merged\\.dump\\.part-" + ProcessHandle.current().pid() + "-[0-9a-z]+");
      assertThat(Files.size(t)).isZero();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(t)))
          .isEqualTo("rw-------");
    }
    assertThat(target).doesNotExist();
  }
}
