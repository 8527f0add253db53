package io.codarestore.plan;

import io.codarestore.amanda.DumpStatus;

/** A dump at or before the target that was passed over because it failed or is partial. */
public record SkippedDump(String datestamp, int level, DumpStatus status, String reason) {}
