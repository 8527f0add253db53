package io.codarestore.restore;

import io.codarestore.plan.PlanTarget;
import java.nio.file.Path;

/**
 * One restore: which volume as of when, to where, and how.
 *
 * @param host the Amanda host of the volume
 * @param volume the Coda volume (Amanda's disk)
 * @param date the target date or date-time
 * @param target where the restore goes
 * @param keepMerged also keep the merged full dump here (null: never on disk)
 * @param acceptUnchecked go on when a link cannot be checked from the headers
 */
public record RestoreRequest(
    String host,
    String volume,
    PlanTarget date,
    RestoreTarget target,
    Path keepMerged,
    boolean acceptUnchecked) {}
