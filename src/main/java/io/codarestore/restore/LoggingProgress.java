package io.codarestore.restore;

import io.codarestore.core.ForwardingProgress;
import io.codarestore.core.ProgressListener;
import java.util.List;

/** Mirrors progress into the run log (stages and warnings) and collects warnings. */
final class LoggingProgress extends ForwardingProgress {
  private final RunLog log;
  private final List<RestoreWarning> warnings;

  LoggingProgress(ProgressListener next, RunLog log, List<RestoreWarning> warnings) {
    super(next);
    this.log = log;
    this.warnings = warnings;
  }

  @Override
  public void stageStarted(String stage, long totalBytes) {
    log.info("stage: " + stage + (totalBytes >= 0 ? " (" + totalBytes + " bytes)" : ""));
    next.stageStarted(stage, totalBytes);
  }

  @Override
  public void warning(String message) {
    log.warn(message);
    synchronized (warnings) {
      warnings.add(new RestoreWarning.Reported(message));
    }
    next.warning(message);
  }
}
