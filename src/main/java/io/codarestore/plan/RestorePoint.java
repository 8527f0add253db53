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
public record RestorePoint(Datestamp datestamp, int level, String target) {
  /** The restore point of the dump of this datestamp and level: its target selects that run. */
  public static RestorePoint of(Datestamp datestamp, int level) {
    return new RestorePoint(datestamp, level, datestamp.target());
  }
}
