package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.dump.Acl;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CfsAclCommandsTest {
  @Test
  void positiveEntriesClearFirstNegativeOnesFollow() {
    Acl acl = Acl.parse("2\n1\nSystem:Administrators\t127\njan\t9\nhmpierce\t2\n");
    assertThat(CfsAclCommands.forDirectory("cfs", Path.of("/coda/new/docs"), acl))
        .containsExactly(
            java.util.List.of(
                "cfs",
                "setacl",
                "-clear",
                "/coda/new/docs",
                "System:Administrators",
                "rlidwka",
                "jan",
                "rl"),
            java.util.List.of("cfs", "setacl", "-negative", "/coda/new/docs", "hmpierce", "w"));
  }
}
