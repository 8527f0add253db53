package io.codarestore.ui.target;

import io.codarestore.restore.RestoreJob;
import io.codarestore.restore.SpaceCheck;
import io.codarestore.ui.common.Formats;

/** The restore job's preview as the Target page shows it: figures first, then the runbook. */
final class DryRunText {
  private DryRunText() {}

  static String of(RestoreJob.Preview p) {
    StringBuilder b = new StringBuilder();
    b.append("# tapes, in reading order: ").append(String.join(", ", p.media())).append('\n');
    b.append("# to read: ")
        .append(Formats.bytes(p.bytesToRead()))
        .append("; to write: ")
        .append(Formats.bytes(p.bytesToWrite()))
        .append('\n');
    for (SpaceCheck.Result r : p.space()) {
      b.append("# space: ").append(r.describe()).append('\n');
    }
    for (String w : io.codarestore.ui.common.WizardPhrases.warnings(p.warnings())) {
      b.append("# warning: ").append(w).append('\n');
    }
    b.append('\n').append(p.runbook().text());
    return b.toString();
  }
}
