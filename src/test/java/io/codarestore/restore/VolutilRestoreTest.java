package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.core.Cancellation;
import io.codarestore.core.UserFacingException;
import io.codarestore.testing.VolutilSim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolutilRestoreTest {
  @TempDir Path tmp;

  @Test
  void theArgumentArrayAlwaysPassesTheDumpAsAFile() {
    VolutilRestore.Invocation inv =
        new VolutilRestore.Invocation(
            "volutil", "scm", "/vicepa", "u.alice.restored", 0x1000099, Path.of("/w/m d.dump"));
    assertThat(inv.argv())
        .containsExactly(
            "volutil",
            "-h",
            "scm",
            "restore",
            "-f",
            "/w/m d.dump",
            "/vicepa",
            "u.alice.restored",
            "1000099");
    assertThat(inv.display())
        .isEqualTo("volutil -h scm restore -f '/w/m d.dump' /vicepa u.alice.restored 1000099");
    assertThatThrownBy(
            () -> new VolutilRestore.Invocation("volutil", null, "/vicepa", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void volumeIdNeedsANameAndNamesHaveNoControlCharacters() {
    Path f = Path.of("x.dump");
    assertThatThrownBy(() -> new VolutilRestore.Invocation("volutil", null, "/vicepa", null, 5, f))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("volume name");
    assertThatThrownBy(
            () -> new VolutilRestore.Invocation("volutil", null, "/vicepa", "a\nb", null, f))
        .isInstanceOf(UserFacingException.class)
        .hasMessage(
            "volume name 'a\\nb' contains a control character (U+000A); give a name without one");
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
  void theSimulatedStockClientFailsAboveTheLimitAndTheErrorSaysSo() throws Exception {
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil = sim.volutil(tmp.resolve("volutil"), "stock");
    Path big = tmp.resolve("big.dump");
    Files.write(big, new byte[600_000]);
    List<String> live = new ArrayList<>();
    VolutilRestore.Invocation inv =
        new VolutilRestore.Invocation(volutil.toString(), null, "/vicepa", "big", null, big);
    VolutilRestore.Outcome o = new VolutilRestore(Cancellation.none()).run(inv, live::add);
    assertThat(o.succeeded()).isFalse();
    assertThat(live).contains("VolRestore failed with Unknown RPC2 return code 700");
    String m = VolutilRestore.explain(o, 600_000, big, io.codarestore.cli.CliPhrases.INSTANCE);
    assertThat(m)
        .doesNotContain("\n")
        .startsWith("volutil restore failed: the stock Coda 8 volutil client cannot send dumps")
        .contains("this dump has 600000 bytes")
        .contains("ReadDump: Error RPC2_SEFAIL2 (F) in CheckSideEffect")
        .contains("The dump is kept at " + big);
  }

  @Test
  void otherFailuresCarryVolutilsWordsAndTheirMeaning() throws Exception {
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil = sim.volutil(tmp.resolve("volutil"), "fixed");
    Path junk = tmp.resolve("junk.dump");
    Files.write(junk, new byte[] {18, 1, 2});
    VolutilRestore.Outcome o =
        new VolutilRestore(Cancellation.none())
            .run(
                new VolutilRestore.Invocation(
                    volutil.toString(), null, "/vicepa", null, null, junk),
                l -> {});
    String m = VolutilRestore.explain(o, 3, junk, io.codarestore.cli.CliPhrases.INSTANCE);
    assertThat(m)
        .startsWith(
            "volutil restore failed with exit status 1 (volutil: VolRestore failed with"
                + " Unknown RPC2 return code 700)")
        .contains("the server refused the restore (VFAIL)")
        .doesNotContain("stock Coda 8");
    assertThat(sim.srvLog()).contains("Error reading dump header");
  }
}
