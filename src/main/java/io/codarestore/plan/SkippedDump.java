package io.codarestore.plan;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.catalog.DumpState;
import io.codarestore.core.Datestamp;

/** A dump at or before the target that was passed over because it failed or is partial. */
public record SkippedDump(Datestamp datestamp, int level, DumpStatus status, String reason) {
  /** What the logs say about this dump, in the catalog's words. */
  public DumpState state() {
    return DumpState.of(status);
  }
}
