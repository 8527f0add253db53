package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverallProgressTest {
  @Test
  void countsEveryStageUpToItsTotalAgainstThePlan() {
    List<long[]> overall = new ArrayList<>();
    List<String> stages = new ArrayList<>();
    ProgressListener rec =
        new ProgressListener() {
          @Override
          public void stageStarted(String stage, long totalBytes) {
            stages.add(stage);
          }

          @Override
          public void progress(String stage, long done, long total) {
            if (stage.equals(OverallProgress.STAGE)) {
              overall.add(new long[] {done, total});
            }
          }
        };
    OverallProgress p = new OverallProgress(rec, 300);
    p.stageStarted("fetch", 100);
    p.progress("fetch", 40, 100);
    p.progress("fetch", 150, 100); // a stage never counts beyond what it announced
    p.stageFinished("fetch");
    p.stageStarted("extract", -1);
    p.progress("extract", 999, -1); // unknown size: not counted
    p.stageStarted("merge", 200);
    p.progress("merge", 200, 200);
    p.finish();
    assertThat(stages).containsExactly("overall", "fetch", "extract", "merge");
    assertThat(overall).extracting(a -> a[0]).containsExactly(40L, 100L, 300L, 300L);
    assertThat(overall).allMatch(a -> a[1] == 300);
  }
}
