package io.codarestore.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.Cancellation;
import io.codarestore.core.UserFacingException;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.ui.common.StageProgress;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Run page's rules and state transitions, without a toolkit. */
class RunModelTest {
  private static final RestorePlan PLAN =
      new RestorePlan(
          "localhost",
          "coda.root",
          PlanTarget.parse("2024-03-07"),
          true,
          List.of(),
          null,
          null,
          null,
          List.of(),
          List.of());
  private static final RestoreTarget TARGET =
      new RestoreTarget.Directory(Path.of("/restore/here"), List.of(), false);

  private final RunModel model = new RunModel(ZoneId.of("UTC"));

  private static StageProgress stage(String name, long done, long total, StageProgress.State s) {
    // two seconds into the stage
    return new StageProgress(name, done, total, 0, 2_000_000_000L, s);
  }

  @Test
  void theRunStartsOnEnteringForwardOnceAndOnlyWithAPlanATargetAndACatalog() {
    assertThat(model.startsOnEntry(true, false)).isTrue();
    assertThat(model.startsOnEntry(false, false)).as("coming back from the summary").isFalse();
    assertThat(model.startsOnEntry(true, true)).as("a run has finished").isFalse();
    assertThat(model.start(null, TARGET, true)).isNull();
    assertThat(model.start(PLAN, null, true)).isNull();
    assertThat(model.start(PLAN, TARGET, false)).isNull();
    assertThat(model.phase()).isEqualTo(RunModel.Phase.IDLE);
    assertThat(model.canCancel()).as("nothing to stop on an idle page").isFalse();

    Cancellation c = model.start(PLAN, TARGET, true);
    assertThat(c).isNotNull();
    assertThat(c.isCancelled()).isFalse();
    assertThat(model.running()).isTrue();
    assertThat(model.stopped()).isFalse();
    assertThat(model.heading()).isEqualTo("Restoring");
    assertThat(model.overall()).isEqualTo(RunModel.INDETERMINATE);
    assertThat(model.placeholder()).isEqualTo("Waiting for the first stage …");
    assertThat(model.status())
        .isEqualTo(
            "Restoring localhost:coda.root to the whole tree into the directory /restore/here …");
    assertThat(model.startsOnEntry(true, false)).as("one runs already").isFalse();
    assertThat(model.start(PLAN, TARGET, true)).as("not twice at once").isNull();
  }

  @Test
  void theOverallBarCountsStagesDoneAgainstTheNextOneAndEndsAtOne() {
    model.start(PLAN, TARGET, true);
    StageProgress fetched = stage("fetch level 0", 100, 100, StageProgress.State.DONE);
    StageProgress merging = stage("merge", 1024, 4096, StageProgress.State.RUNNING);
    model.stages(List.of(fetched, merging));
    assertThat(model.overall()).isEqualTo(1.0 / 3);
    assertThat(model.stages()).containsExactly(fetched, merging);
    assertThat(model.rate(merging)).isEqualTo("512 B/s");
    assertThat(model.timeLeft(merging)).isEqualTo("6 s");
    assertThat(model.timeLeft(fetched)).isEqualTo("done");
    assertThat(RunModel.bytes(merging)).isEqualTo("1.0 KiB of 4.0 KiB");
    assertThat(RunModel.bytes(stage("x", 10, -1, StageProgress.State.RUNNING))).isEqualTo("10 B");
    model.stages(List.of(fetched, stage("merge", 4096, 4096, StageProgress.State.DONE)));
    assertThat(model.overall()).as("never 1 before the run ends").isEqualTo(2.0 / 3);

    model.succeeded(TARGET);
    assertThat(model.phase()).isEqualTo(RunModel.Phase.DONE);
    assertThat(model.overall()).isEqualTo(1);
    assertThat(model.heading()).isEqualTo("Restored");
    assertThat(model.status())
        .isEqualTo("Finished: the whole tree into the directory /restore/here.");
    assertThat(model.stopped()).as("nothing to try again").isFalse();
    assertThat(model.rate(merging)).as("history once stopped").isEmpty();
  }

  @Test
  void cancelStopsOnlyTheRunTheUserWasAskedAboutAndSaysWhatWasRemoved() {
    Cancellation first = model.start(PLAN, TARGET, true);
    model.appendLog("2024-07-01T12:00:00.123456789Z INFO fetching");
    assertThat(model.cancel(new Cancellation())).as("another run's switch").isFalse();
    assertThat(first.isCancelled()).isFalse();
    assertThat(model.canCancel()).isTrue();
    assertThat(model.cancel(model.cancellation())).isTrue();
    assertThat(first.isCancelled()).isTrue();
    assertThat(model.status()).isEqualTo("Cancelling: stopping and removing what was written …");

    boolean dialog = model.failed(new RuntimeException("pipe closed"));
    assertThat(dialog).as("a cancel is no error to show").isFalse();
    assertThat(model.phase()).isEqualTo(RunModel.Phase.CANCELLED);
    assertThat(model.stopped()).isTrue();
    assertThat(model.running()).isFalse();
    assertThat(model.canCancel()).isFalse();
    assertThat(model.cancel(first)).as("it has stopped already").isFalse();
    assertThat(model.heading()).isEqualTo("Restore cancelled");
    assertThat(model.overall()).isZero();
    assertThat(model.placeholder()).isEqualTo("No stage ran.");
    assertThat(model.status())
        .isEqualTo(
            "Cancelled. Everything this run had written was removed. Try again, or go Back to"
                + " change the target.");
    assertThat(model.log()).hasSize(2);
    assertThat(model.log().get(0)).isEqualTo("12:00:00 INFO fetching");
    assertThat(model.log().get(1))
        .endsWith(" cancelled: everything this run had written was removed");
    StageProgress s = stage("merge", 1, 2, StageProgress.State.RUNNING);
    assertThat(model.timeLeft(s)).isEqualTo("stopped");

    Cancellation again = model.start(PLAN, TARGET, true);
    assertThat(again).as("a new switch for the retry").isNotSameAs(first);
    assertThat(again.isCancelled()).isFalse();
    assertThat(model.log()).as("the retry's own log").isEmpty();
    assertThat(model.stages()).isEmpty();
  }

  @Test
  void aFailureSaysWhatIsWrongInTheUsersWordsAndIsShownInADialog() {
    model.start(PLAN, TARGET, true);
    assertThat(model.failed(new UserFacingException("the tape DailySet1-03 is not in its slot")))
        .isTrue();
    assertThat(model.phase()).isEqualTo(RunModel.Phase.FAILED);
    assertThat(model.stopped()).isTrue();
    assertThat(model.heading()).isEqualTo("The restore failed");
    assertThat(model.status())
        .isEqualTo(
            "the tape DailySet1-03 is not in its slot.\n"
                + "Try again, or go Back to change the target.");
    assertThat(model.log())
        .singleElement()
        .asString()
        .endsWith(" failed: the tape DailySet1-03 is not in its slot");
    assertThat(model.failed(new Cancellation.CancelledException()))
        .as("the job's cancelled exception is a cancel")
        .isFalse();
    assertThat(model.phase()).isEqualTo(RunModel.Phase.CANCELLED);
  }
}
