package io.codarestore.restore;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.InputStream;

/**
 * Writes the file tree of a full dump, read as a stream, to a directory or tar target. Nothing is
 * left looking complete at the target when it fails or is cancelled.
 */
@FunctionalInterface
public interface TreeExtractor {
  /** Returns what was written: a {@link Restored.Directory} or {@link Restored.TarFile}. */
  Restored extract(
      InputStream dump,
      String source,
      RestoreTarget target,
      ProgressListener progress,
      Cancellation cancel);
}
