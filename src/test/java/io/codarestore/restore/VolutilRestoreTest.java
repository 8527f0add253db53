package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.core.Cancellation;
import io.codarestore.core.UserFacingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolutilRestoreTest {
  @TempDir Path tmp;

  /** A volutil stand-in: records its arguments and standard input, answers like the server. */
  Path standIn(int exit) throws Exception {
    Path script = tmp.resolve("volutil");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "printf '%s\\n' \"$@\" > \""
            + tmp.resolve("argv")
            + "\"\n"
            + "cat > \""
            + tmp.resolve("stdin")
            + "\"\n"
            + "echo 'VolRestore successful, created 01000099'\n"
            + "exit "
            + exit
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  @Test
  void argumentArrayFollowsVolutilSyntax() {
    VolutilRestore.Invocation inv =
        new VolutilRestore.Invocation(
            "volutil", "scm", "/vicepa", "u.alice.restored", 0x1000099, null);
    assertThat(inv.argv())
        .containsExactly(
            "volutil", "-h", "scm", "restore", "/vicepa", "u.alice.restored", "1000099");
    VolutilRestore.Invocation withFile =
        new VolutilRestore.Invocation(
            "/usr/sbin/volutil", null, "/vicepa", null, null, Path.of("/tmp/m d.dump"));
    assertThat(withFile.argv())
        .containsExactly("/usr/sbin/volutil", "restore", "-f", "/tmp/m d.dump", "/vicepa");
    assertThat(withFile.display("unused"))
        .isEqualTo("/usr/sbin/volutil restore -f '/tmp/m d.dump' /vicepa");
  }

  @Test
  void volumeIdNeedsAName() {
    assertThatThrownBy(
            () -> new VolutilRestore.Invocation("volutil", null, "/vicepa", null, 5, null))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("volume name");
  }

  @Test
  void volumeIdsAreHex() {
    assertThat(VolutilRestore.parseVolumeId("0x1000007")).isEqualTo(0x1000007);
    assertThat(VolutilRestore.parseVolumeId("7f000002")).isEqualTo(0x7f000002);
    assertThatThrownBy(() -> VolutilRestore.parseVolumeId("zz"))
        .hasMessageContaining("not a Coda volume id");
    assertThatThrownBy(() -> VolutilRestore.parseVolumeId("0"))
        .hasMessageContaining("not a Coda volume id");
  }

  @Test
  void streamsTheDumpToStandardInputAndCapturesOutput() throws Exception {
    Path cmd = standIn(0);
    byte[] payload = "pretend this is a dump".getBytes(StandardCharsets.US_ASCII);
    List<String> live = new ArrayList<>();
    VolutilRestore.Outcome out =
        new VolutilRestore(Cancellation.none())
            .run(
                new VolutilRestore.Invocation(
                    cmd.toString(), "srv", "/vicepb", "n", 0x1000001, null),
                os -> os.write(payload),
                live::add);
    assertThat(out.succeeded()).isTrue();
    assertThat(out.output()).containsExactly("VolRestore successful, created 01000099");
    assertThat(live).containsExactly("VolRestore successful, created 01000099");
    assertThat(Files.readAllBytes(tmp.resolve("stdin"))).isEqualTo(payload);
    assertThat(Files.readAllLines(tmp.resolve("argv")))
        .containsExactly("-h", "srv", "restore", "/vicepb", "n", "1000001");
  }

  @Test
  void aFailingVolutilIsReportedWithItsStatus() throws Exception {
    Path cmd = standIn(3);
    VolutilRestore.Outcome out =
        new VolutilRestore(Cancellation.none())
            .run(
                new VolutilRestore.Invocation(cmd.toString(), null, "/vicepa", null, null, null),
                os -> os.write(1),
                s -> {});
    assertThat(out.succeeded()).isFalse();
    assertThat(out.exitStatus()).isEqualTo(3);
  }

  @Test
  void aMissingCommandIsAClearError() {
    assertThatThrownBy(
            () ->
                new VolutilRestore(Cancellation.none())
                    .run(
                        new VolutilRestore.Invocation(
                            tmp.resolve("nope").toString(), null, "/vicepa", null, null, null),
                        os -> {},
                        s -> {}))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("cannot run");
  }

  @Test
  void shellQuotingForTheRunbook() {
    assertThat(Shell.join(List.of("cfs", "setacl", "/coda/x y", "it's", "rl")))
        .isEqualTo("cfs setacl '/coda/x y' 'it'\\''s' rl");
  }
}
