package io.codarestore.plan;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.catalog.DumpState;
import io.codarestore.core.Datestamp;

/** A dump at or before the target that was passed over because it failed or is partial. */
public record SkippedDump(String datestamp, int level, DumpStatus status, String reason) {
  /** {@link #datestamp()} as a {@link Datestamp}. */
  public Datestamp when() {
    return Datestamp.parse(datestamp);
  }

  /** What the logs say about this dump, in the catalog's words. */
  public DumpState state() {
    return DumpState.of(status);
  }
}
