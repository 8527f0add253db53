package io.codarestore.ui;

import io.codarestore.core.ProgressListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Holds a restore run at a known point: the {@code n}-th progress report of a stage (passed on
 * first) blocks the run's thread until the test releases it. The demo restores in a blink; this is
 * how a test gets to click Cancel while the run is really in the middle of writing.
 */
final class RunGate implements UnaryOperator<ProgressListener> {
  private final String stage;
  private final int n;
  private final AtomicInteger seen = new AtomicInteger();
  private final CountDownLatch reached = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  RunGate(String stage, int n) {
    this.stage = stage;
    this.n = n;
  }

  @Override
  public ProgressListener apply(ProgressListener next) {
    return new ProgressListener() {
      @Override
      public void stageStarted(String s, long totalBytes) {
        next.stageStarted(s, totalBytes);
      }

      @Override
      public void progress(String s, long doneBytes, long totalBytes) {
        next.progress(s, doneBytes, totalBytes);
        if (s.equals(stage) && seen.incrementAndGet() == n) {
          reached.countDown();
          try {
            if (!released.await(120, TimeUnit.SECONDS)) {
              throw new IllegalStateException("the test never released the run");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }

      @Override
      public void stageFinished(String s) {
        next.stageFinished(s);
      }

      @Override
      public void warning(String message) {
        next.warning(message);
      }
    };
  }

  /** Waits until the run is held. */
  void awaitHeld() throws InterruptedException {
    if (!reached.await(90, TimeUnit.SECONDS)) {
      throw new AssertionError("the run never reached progress report " + n + " of " + stage);
    }
  }

  void release() {
    released.countDown();
  }
}
