package io.codarestore.ui.common;

import io.codarestore.core.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.application.Platform;

/**
 * Adapts the core's {@link ProgressListener} (called often, from worker threads) to the screen: it
 * keeps the latest figures per stage and hands a snapshot to the FX thread at most once per pulse,
 * so a fast stream of bytes never floods the event queue. Warnings are passed on one by one, in
 * order.
 */
public final class FxProgress implements ProgressListener {
  private final Consumer<List<StageProgress>> onStages;
  private final Consumer<String> onMessage;
  private final Consumer<Runnable> fxThread;
  private final LongSupplier clock;
  private final Map<String, StageProgress> stages = new LinkedHashMap<>();
  private final AtomicBoolean posted = new AtomicBoolean();

  /**
   * @param onStages receives every stage seen so far, in start order, on the FX thread
   * @param onMessage receives stage starts, ends and warnings as log lines, on the FX thread
   */
  public FxProgress(Consumer<List<StageProgress>> onStages, Consumer<String> onMessage) {
    this(onStages, onMessage, Platform::runLater, System::nanoTime);
  }

  FxProgress(
      Consumer<List<StageProgress>> onStages,
      Consumer<String> onMessage,
      Consumer<Runnable> fxThread,
      LongSupplier clock) {
    this.onStages = onStages;
    this.onMessage = onMessage;
    this.fxThread = fxThread;
    this.clock = clock;
  }

  @Override
  public void stageStarted(String stage, long totalBytes) {
    long now = clock.getAsLong();
    synchronized (stages) {
      stages.put(
          stage, new StageProgress(stage, 0, totalBytes, now, now, StageProgress.State.RUNNING));
    }
    fxThread.accept(() -> onMessage.accept("started: " + stage));
    post();
  }

  @Override
  public void progress(String stage, long doneBytes, long totalBytes) {
    long now = clock.getAsLong();
    synchronized (stages) {
      StageProgress old = stages.get(stage);
      long start = old == null ? now : old.startNanos();
      stages.put(
          stage,
          new StageProgress(stage, doneBytes, totalBytes, start, now, StageProgress.State.RUNNING));
    }
    post();
  }

  @Override
  public void stageFinished(String stage) {
    long now = clock.getAsLong();
    synchronized (stages) {
      StageProgress old = stages.get(stage);
      if (old != null) {
        stages.put(
            stage,
            new StageProgress(
                stage,
                old.doneBytes(),
                old.totalBytes(),
                old.startNanos(),
                now,
                StageProgress.State.DONE));
      }
    }
    fxThread.accept(() -> onMessage.accept("finished: " + stage));
    post();
  }

  @Override
  public void warning(String message) {
    fxThread.accept(() -> onMessage.accept("warning: " + message));
  }

  /** A log line from the job itself (not a stage event). */
  public void message(String line) {
    fxThread.accept(() -> onMessage.accept(line));
  }

  private void post() {
    if (posted.compareAndSet(false, true)) {
      fxThread.accept(
          () -> {
            posted.set(false);
            onStages.accept(snapshot());
          });
    }
  }

  public List<StageProgress> snapshot() {
    synchronized (stages) {
      return List.copyOf(new ArrayList<>(stages.values()));
    }
  }
}
