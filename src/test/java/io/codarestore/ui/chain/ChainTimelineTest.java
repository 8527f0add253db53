package io.codarestore.ui.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogPart;
import io.codarestore.core.Datestamp;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The timeline of a known chain: a full on day 1, a level 1 on day 2, a failed level 2 and a level
 * 2 on day 3 whose tape is still there, an incremental of day 4 after the target. The planner's
 * chain is L0 → L1 → L2(day 3); the drawing must join exactly those, and mark the others.
 */
@ExtendWith(ApplicationExtension.class)
class ChainTimelineTest {
  private final ChainTimeline timeline = new ChainTimeline();
  private static long ids = 1;

  @Start
  void start(Stage stage) {
    stage.setScene(new Scene(new javafx.scene.control.ScrollPane(timeline), 900, 500));
    stage.show();
  }

  private static CatalogDump dump(
      String ds, int level, DumpStatus status, String tape, String tapeNow) {
    List<CatalogPart> parts = new ArrayList<>();
    if (tape != null) {
      parts.add(
          new CatalogPart(
              1,
              tape,
              1,
              Datestamp.parse(ds),
              1000,
              false,
              null,
              tapeNow == null ? null : Datestamp.parse(tapeNow)));
    }
    return new CatalogDump(
        ids++,
        "h",
        "u.alice",
        Datestamp.parse(ds),
        level,
        status,
        tape == null ? 0 : 1,
        1000,
        1,
        null,
        null,
        null,
        "N",
        false,
        null,
        "log." + ds + ".0",
        10,
        parts,
        null);
  }

  @Test
  void drawsExactlyTheLinksOfTheChainAndMarksTheOtherDumps(FxRobot robot) {
    List<CatalogDump> dumps =
        List.of(
            dump("20240301010000", 0, DumpStatus.OK, "T-01", "20240301010000"),
            dump("20240302010000", 1, DumpStatus.OK, "T-02", "20240302010000"),
            dump("20240303010000", 2, DumpStatus.FAILED, null, null),
            dump("20240303020000", 2, DumpStatus.OK, "T-03", "20240303020000"),
            dump("20240303030000", 1, DumpStatus.OK, "T-04", "20240309000000"),
            dump("20240305010000", 1, DumpStatus.OK, "T-05", "20240305010000"));
    RestorePlan plan =
        new ChainPlanner().plan("h", "u.alice", dumps, PlanTarget.parse("2024-03-03T02:00:00"));
    assertThat(plan.restorable()).isTrue();

    robot.interact(() -> timeline.show(plan, dumps, List.of(LinkState.OK, LinkState.BROKEN)));

    assertThat(timeline.links())
        .extracting(Node::getId)
        .containsExactly(
            "link-20240301010000-L0-to-20240302010000-L1",
            "link-20240302010000-L1-to-20240303020000-L2");
    assertThat(timeline.links())
        .extracting(Node::getUserData)
        .containsExactly(LinkState.OK, LinkState.BROKEN);
    assertThat(timeline.links().get(1).getStyleClass()).contains("link-broken");
    assertThat(robot.lookup("#dump-20240301010000-L0").query().getStyleClass())
        .contains("in-chain");
    assertThat(robot.lookup("#dump-20240303020000-L2").query().getStyleClass())
        .contains("in-chain");
    assertThat(robot.lookup("#dump-20240303010000-L2").query().getStyleClass())
        .contains("failed")
        .doesNotContain("in-chain");
    // written after the chain's level 2 but on a tape that was overwritten since
    assertThat(robot.lookup("#dump-20240303030000-L1").query().getStyleClass())
        .contains("unreadable");
    // day 5 is outside the window (target day + 1)
    assertThat(robot.lookup("#dump-20240305010000-L1").tryQuery()).isEmpty();
  }
}
