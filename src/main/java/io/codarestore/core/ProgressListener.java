package io.codarestore.core;

/**
 * The one progress interface of the core. Stages report bytes done against a known total (or -1
 * when the total is unknown); the wizard adapts it to JavaFX tasks, the command line to a line on
 * stderr. Implementations must be cheap and thread safe: they are called from worker threads,
 * often.
 */
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = new ProgressListener() {};

  /** A stage begins, e.g. "fetch u.alice level 1" with the bytes it expects to handle. */
  default void stageStarted(String stage, long totalBytes) {}

  /** Bytes handled so far by the current stage. */
  default void progress(String stage, long doneBytes, long totalBytes) {}

  /** The stage ended (successfully or not). */
  default void stageFinished(String stage) {}

  /** Something the user should read, but not an error. */
  default void warning(String message) {}
}
