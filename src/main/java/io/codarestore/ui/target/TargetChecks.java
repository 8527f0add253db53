package io.codarestore.ui.target;

import java.util.List;

/**
 * The dry run's space checks in the wizard's words; every other rule is in the core's TargetRules.
 */
public final class TargetChecks {
  private TargetChecks() {}

  /** The dry run's space checks: the first place without enough room, in words; else null. */
  public static String space(List<io.codarestore.restore.SpaceCheck.Result> checks) {
    for (var r : checks) {
      if (!r.enough()) {
        return "Not enough space in "
            + r.where()
            + ": "
            + io.codarestore.ui.common.Formats.bytes(r.needed())
            + " needed, "
            + io.codarestore.ui.common.Formats.bytes(r.free())
            + " free. Choose a place with more room.";
      }
    }
    return null;
  }
}
