package io.codarestore.ui.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogPart;
import io.codarestore.core.Datestamp;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.ChainSpace;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.LinkCheck;
import io.codarestore.restore.LinkCheck.Verdict;
import io.codarestore.restore.SpaceCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Chain page's rules, without a window. */
class ChainModelTest {
  private long ids;

  private CatalogDump dump(String ds, int level, DumpStatus status, long nativeBytes) {
    CatalogPart p =
        new CatalogPart(
            1, "T-" + ds, 1, Datestamp.parse(ds), 100, false, null, Datestamp.parse(ds));
    return new CatalogDump(
        ++ids,
        "h",
        "v",
        Datestamp.parse(ds),
        level,
        status,
        1,
        100,
        1,
        "0000abcd:" + nativeBytes,
        null,
        null,
        ".gz",
        false,
        null,
        "log." + ds + ".0",
        1,
        List.of(p),
        null);
  }

  private RestorePlan plan(String target, CatalogDump... dumps) {
    return new ChainPlanner().plan("h", "v", List.of(dumps), PlanTarget.parse(target));
  }

  private final CatalogDump full = dump("20240301000000", 0, DumpStatus.OK, 1 << 20);
  private final CatalogDump inc = dump("20240302000000", 1, DumpStatus.OK, 1 << 10);

  private static LinkCheck.Link link(Verdict v, String why) {
    return new LinkCheck.Link(null, null, v, why);
  }

  @Test
  void thePageIsCompleteOnlyForAProvenOrAcceptedRestorableChain() {
    RestorePlan p = plan("2024-03-02", full, inc);
    assertThat(p.restorable()).isTrue();
    List<LinkState> ok = List.of(LinkState.OK);
    List<LinkState> unchecked = List.of(LinkState.UNCHECKED);
    assertThat(ChainModel.complete(p, false, ok, false)).isTrue();
    assertThat(ChainModel.complete(p, true, ok, false)).as("still checking").isFalse();
    assertThat(ChainModel.complete(p, false, List.of(LinkState.BROKEN), true)).isFalse();
    assertThat(ChainModel.complete(p, false, unchecked, false)).isFalse();
    assertThat(ChainModel.complete(p, false, unchecked, true)).isTrue();
    assertThat(ChainModel.complete(null, false, ok, true)).isFalse();
    RestorePlan none = plan("2024-02-01", full, inc);
    assertThat(none.restorable()).isFalse();
    assertThat(ChainModel.complete(none, false, List.of(), true)).isFalse();
  }

  @Test
  void onlyAChainWithIncrementsHasLinksToCheck() {
    assertThat(ChainModel.hasLinks(plan("2024-03-02", full, inc))).isTrue();
    assertThat(ChainModel.hasLinks(plan("2024-03-01", full, inc))).isFalse();
    assertThat(ChainModel.all(plan("2024-03-02", full, inc), LinkState.PENDING))
        .containsExactly(LinkState.PENDING);
  }

  @Test
  void verdictsBecomeStatesAndWords() {
    ChainModel.Checked c =
        ChainModel.checked(
            List.of(
                link(Verdict.OK, "a"), link(Verdict.UNCHECKED, "b"), link(Verdict.BROKEN, "c")));
    assertThat(c.states()).containsExactly(LinkState.OK, LinkState.UNCHECKED, LinkState.BROKEN);
    assertThat(c.broken()).isTrue();
    assertThat(c.needsAcceptance()).isTrue();
    assertThat(c.text()).contains("✓ a", "? b", "✗ c", "cannot be restored");
    ChainModel.Checked fine = ChainModel.checked(List.of(link(Verdict.OK, "a")));
    assertThat(fine.broken()).isFalse();
    assertThat(fine.needsAcceptance()).isFalse();
    assertThat(fine.text()).doesNotContain("cannot be restored");
    ChainModel.Checked unreadable =
        ChainModel.unreadable(plan("2024-03-02", full, inc), "tape gone");
    assertThat(unreadable.states()).containsExactly(LinkState.UNCHECKED);
    assertThat(unreadable.text()).contains("could not be read: tape gone");
  }

  @Test
  void theSpaceLineShowsTheCoresNumberNotTheStoredBytes() {
    RestorePlan p = plan("2024-03-02", full, inc);
    ChainSpace space = ChainSpace.of(p, d -> d == full);
    assertThat(space.needed()).isEqualTo(1 << 10);
    ChainModel.Chain chain =
        new ChainModel.Chain(
            p, List.of(full, inc), space, new SpaceCheck.Result(Path.of("/ws"), 1 << 10, 1 << 30));
    assertThat(ChainModel.spaceText(chain))
        .contains("1.0 MiB of it already in the workspace cache")
        .contains("needs 1.0 KiB in the workspace /ws")
        .doesNotContain("NOT ENOUGH");
    ChainModel.Chain tight =
        new ChainModel.Chain(
            p, List.of(full, inc), space, new SpaceCheck.Result(Path.of("/ws"), 1 << 10, 10));
    assertThat(ChainModel.spaceText(tight)).contains("NOT ENOUGH");
  }
}
