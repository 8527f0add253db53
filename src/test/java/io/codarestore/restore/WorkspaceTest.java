package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
  @TempDir Path tmp;

  @Test
  void onlyVerifiedUnchangedDumpsAreReused() throws Exception {
    Workspace ws = new Workspace(tmp);
    Path d = ws.cachedDump("localhost", "u.alice", "20240305070000", 1);
    assertThat(ws.verifiedDump("localhost", "u.alice", "20240305070000", 1)).isEmpty();
    Files.createDirectories(d.getParent());
    Files.writeString(d, "dump bytes");
    assertThat(ws.verifiedDump("localhost", "u.alice", "20240305070000", 1))
        .as("no sidecar yet")
        .isEmpty();
    ws.markVerified(d);
    assertThat(ws.verifiedDump("localhost", "u.alice", "20240305070000", 1)).contains(d);
    Files.writeString(d, "dump bytes, but changed");
    assertThat(ws.verifiedDump("localhost", "u.alice", "20240305070000", 1))
        .as("content changed")
        .isEmpty();
  }

  @Test
  void namesCannotEscapeTheWorkspace() {
    Workspace ws = new Workspace(tmp);
    Path d = ws.cachedDump("..", "../../etc", "x/y", 0);
    assertThat(d.normalize().startsWith(tmp)).isTrue();
    assertThat(d.getParent().getParent().getParent()).isEqualTo(tmp.resolve("cache"));
  }
}
