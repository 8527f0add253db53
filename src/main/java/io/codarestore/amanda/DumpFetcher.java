package io.codarestore.amanda;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.OutputStream;
import java.nio.file.Path;

/** Fetches one dump off its media as the plain (decompressed) dump stream. */
public sealed interface DumpFetcher permits VtapeFetcher, AmfetchdumpFetcher {
  /**
   * Streams the dump to {@code out}. On failure, bytes may already have been written: the caller
   * must discard the output (use {@link #fetchToFile} for a file that exists only when complete).
   *
   * @throws FetchException naming the file or command and what is wrong
   * @throws io.codarestore.core.Cancellation.CancelledException when cancelled
   */
  FetchResult fetch(
      FetchRequest request, OutputStream out, ProgressListener progress, Cancellation cancel);

  /**
   * Fetches into {@code target}: writes a temporary file beside it and renames it to {@code target}
   * only when the dump was fetched and verified; on failure nothing is left at {@code target}. An
   * existing {@code target} is never overwritten.
   *
   * @throws FetchOutputException when {@code target} exists or cannot be written
   */
  default FetchResult fetchToFile(
      FetchRequest request, Path target, ProgressListener progress, Cancellation cancel) {
    return OutputFile.write(target, out -> fetch(request, out, progress, cancel));
  }
}
