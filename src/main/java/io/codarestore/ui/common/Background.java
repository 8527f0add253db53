package io.codarestore.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;

/**
 * The worker threads of the assistant: every long piece of work (import, planning, reading headers,
 * the restore) runs here as a {@link Task}, never on the FX thread. Daemon threads, so a closed
 * window never hangs the JVM; {@link #close()} interrupts what is still running.
 */
public final class Background implements AutoCloseable {
  private final ExecutorService executor;
  private final ExecutorService catalogExecutor;

  public Background() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "coda-restore-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    executor = Executors.newCachedThreadPool(factory);
    catalogExecutor = Executors.newSingleThreadExecutor(factory);
  }

  /**
   * Runs work that uses the catalog: one at a time, in order, because the catalog is one SQLite
   * connection.
   */
  public <T> Task<T> catalog(Task<T> task) {
    return submit(catalogExecutor, task);
  }

  public <T> Task<T> run(Task<T> task) {
    return submit(executor, task);
  }

  /** Once closed (the window is gone), late work such as a debounced dry run is dropped. */
  private static <T> Task<T> submit(ExecutorService to, Task<T> task) {
    try {
      to.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      task.cancel();
    }
    return task;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    catalogExecutor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
      catalogExecutor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
