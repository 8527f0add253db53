package io.codarestore.restore;

import io.codarestore.core.ForwardingProgress;
import io.codarestore.core.ProgressListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes every stage on and adds one more, {@value #STAGE}: the bytes done in all stages of a run
 * (each stage counted up to the total it announced) against the bytes the run planned to handle.
 * Stages of unknown size (a streamed extraction) do not count.
 */
final class OverallProgress extends ForwardingProgress {
  static final String STAGE = "overall";

  private final long planned;
  private final Map<String, Long> done = new ConcurrentHashMap<>();
  private final Map<String, Long> totals = new ConcurrentHashMap<>();

  OverallProgress(ProgressListener next, long planned) {
    super(next);
    this.planned = Math.max(planned, 1);
    next.stageStarted(STAGE, this.planned);
  }

  @Override
  public void stageStarted(String stage, long totalBytes) {
    if (totalBytes > 0) {
      totals.put(stage, totalBytes);
    }
    next.stageStarted(stage, totalBytes);
  }

  @Override
  public void progress(String stage, long doneBytes, long totalBytes) {
    next.progress(stage, doneBytes, totalBytes);
    Long total = totals.get(stage);
    if (total == null) {
      return;
    }
    done.put(stage, Math.min(doneBytes, total));
    long sum = 0;
    for (long d : done.values()) {
      sum += d;
    }
    next.progress(STAGE, Math.min(sum, planned), planned);
  }

  @Override
  public void stageFinished(String stage) {
    Long total = totals.get(stage);
    if (total != null) {
      done.put(stage, total);
    }
    next.stageFinished(stage);
  }

  /** The run is over: the overall stage ends too. */
  void finish() {
    next.progress(STAGE, planned, planned); // the plan's byte counts are estimates
    next.stageFinished(STAGE);
  }
}
