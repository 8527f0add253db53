package io.codarestore.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FxProgressTest {
  private final List<Runnable> queued = new ArrayList<>();
  private final List<List<StageProgress>> shown = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final AtomicLong now = new AtomicLong();
  private final FxProgress progress = new FxProgress(shown::add, log::add, queued::add, now::get);

  private void runQueued() {
    List<Runnable> r = new ArrayList<>(queued);
    queued.clear();
    r.forEach(Runnable::run);
  }

  @Test
  void manyUpdatesBeforeAPulseReachTheScreenOnceWithTheLatestFigures() {
    progress.stageStarted("fetch u.alice level 0", 1000);
    for (int i = 1; i <= 500; i++) {
      now.addAndGet(1_000_000); // 1 ms
      progress.progress("fetch u.alice level 0", i, 1000);
    }
    // one message for the start, one snapshot for everything after it
    assertThat(queued).hasSize(2);
    runQueued();
    assertThat(shown).hasSize(1);
    StageProgress s = shown.get(0).get(0);
    assertThat(s.doneBytes()).isEqualTo(500);
    assertThat(s.fraction()).isEqualTo(0.5);
    assertThat(s.bytesPerSecond()).isEqualTo(1000.0); // 500 bytes in 0.5 s
    assertThat(s.eta()).isEqualTo(Duration.ofSeconds(1));
    assertThat(log).containsExactly("started: fetch u.alice level 0");
  }

  @Test
  void stagesKeepTheirStartOrderAndFinishAsDone() {
    progress.stageStarted("fetch", 10);
    progress.stageStarted("merge", -1);
    progress.stageFinished("fetch");
    progress.warning("tape CODA-03 label differs");
    runQueued();
    List<StageProgress> last = shown.get(shown.size() - 1);
    assertThat(last).extracting(StageProgress::stage).containsExactly("fetch", "merge");
    assertThat(last.get(0).state()).isEqualTo(StageProgress.State.DONE);
    assertThat(last.get(0).fraction()).isEqualTo(1.0);
    assertThat(last.get(1).fraction()).isEqualTo(-1.0);
    assertThat(log)
        .containsExactly(
            "started: fetch",
            "started: merge",
            "finished: fetch",
            "warning: tape CODA-03 label differs");
  }
}
