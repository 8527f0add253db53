package io.codarestore.core;

/**
 * A listener that passes everything on to another: the base of the listeners that add something (a
 * log, a count, an overall stage) and override only what they add to.
 */
public abstract class ForwardingProgress implements ProgressListener {
  protected final ProgressListener next;

  protected ForwardingProgress(ProgressListener next) {
    this.next = next;
  }

  @Override
  public void stageStarted(String stage, long totalBytes) {
    next.stageStarted(stage, totalBytes);
  }

  @Override
  public void progress(String stage, long doneBytes, long totalBytes) {
    next.progress(stage, doneBytes, totalBytes);
  }

  @Override
  public void stageFinished(String stage) {
    next.stageFinished(stage);
  }

  @Override
  public void warning(String message) {
    next.warning(message);
  }
}
