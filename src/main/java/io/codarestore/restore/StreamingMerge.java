package io.codarestore.restore;

import io.codarestore.core.ChunkPipe;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.ChainMerger;
import io.codarestore.dump.VolumeDiskData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Runs the merge on a worker thread and hands its output to a consumer as a stream, so the merged
 * full dump goes straight into the extraction and never touches the disk. An error on either side
 * stops both; the merger's own error is reported first because it names the bad input.
 */
final class StreamingMerge {
  /** Chunks of 1 MiB in flight between the merge and its consumer. */
  private static final int PIPE_CHUNKS = 8;

  private StreamingMerge() {}

  static <T> T run(
      ChainMerger merger,
      List<Path> chain,
      UnaryOperator<VolumeDiskData> change,
      Function<InputStream, T> consumer) {
    AtomicReference<RuntimeException> mergeError = new AtomicReference<>();
    AtomicReference<ChainMerger.Result> result = new AtomicReference<>();
    ChunkPipe pipe = new ChunkPipe(PIPE_CHUNKS);
    java.io.OutputStream out = pipe.output();
    InputStream in = pipe.input();
    Thread worker =
        new Thread(
            () -> {
              try (out) {
                result.set(merger.merge(chain, out, change));
              } catch (RuntimeException e) {
                mergeError.set(e);
              } catch (IOException e) {
                mergeError.set(
                    new UserFacingException("merge output failed: " + e.getMessage(), e));
              }
            },
            "merge");
    worker.setDaemon(true);
    worker.start();
    T value;
    try (in) {
      value = consumer.apply(in);
    } catch (RuntimeException e) {
      // The reading end is closed by now, so the merger's next write fails and it ends.
      join(worker);
      if (mergeError.get() != null && !(mergeError.get().getCause() instanceof IOException)) {
        throw mergeError.get();
      }
      throw e;
    } catch (IOException e) {
      throw new UserFacingException("merge pipe failed: " + e.getMessage(), e);
    }
    join(worker);
    if (mergeError.get() != null) {
      throw mergeError.get();
    }
    return value;
  }

  private static void join(Thread worker) {
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.codarestore.core.Cancellation.CancelledException();
    }
  }
}
