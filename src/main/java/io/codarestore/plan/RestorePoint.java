package io.codarestore.plan;

import io.codarestore.core.Datestamp;

/**
 * A point a volume can be restored to: the newest dump of a fully readable chain.
 *
 * @param datestamp the run datestamp of that dump, as Amanda writes it
 * @param level its level
 * @param target a target that selects it ({@code YYYY-MM-DDTHH:MM:SS}, or the date for 8-digit
 *     datestamps)
 */
public record RestorePoint(String datestamp, int level, String target) {
  /** {@link #datestamp()} as a {@link Datestamp}. */
  public Datestamp when() {
    return Datestamp.parse(datestamp);
  }
}
