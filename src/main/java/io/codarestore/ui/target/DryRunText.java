package io.codarestore.ui.target;

import io.codarestore.plan.ChainLink;
import io.codarestore.restore.PathsPreview;
import io.codarestore.restore.RestoreJob;
import io.codarestore.restore.SpaceCheck;
import io.codarestore.ui.common.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The restore job's preview as the Target page shows it: figures first, then the runbook. */
final class DryRunText {
  private DryRunText() {}

  /**
   * The dry run of one target: the whole chain's preview, and when the file index serves the
   * restore (chosen paths), which dumps it reads instead.
   */
  record DryRun(RestoreJob.Preview chain, Optional<PathsPreview> byIndex) {}

  static String of(DryRun d) {
    StringBuilder b = new StringBuilder();
    d.byIndex().ifPresent(p -> byIndex(b, p));
    b.append(of(d.chain()));
    return b.toString();
  }

  /** The index route's lines: what the run reads, and that the chain's figures below are not. */
  private static void byIndex(StringBuilder b, PathsPreview p) {
    b.append("# served by the file index (restore point ")
        .append(p.restorePoint().compact())
        .append("): only the dumps holding the chosen files are read\n");
    List<String> dumps = new ArrayList<>();
    for (ChainLink l : p.toRead()) {
      List<String> tapes = l.parts().stream().map(t -> t.label()).distinct().toList();
      dumps.add(
          l.datestamp().compact()
              + " level "
              + l.level()
              + (tapes.isEmpty() ? "" : " (" + String.join(", ", tapes) + ")"));
    }
    b.append("# dumps to read: ")
        .append(dumps.isEmpty() ? "none (directories only)" : String.join(", ", dumps))
        .append("; at most ")
        .append(Formats.bytes(p.bytesToRead()))
        .append(" of the chain's ")
        .append(Formats.bytes(p.chainBytes()))
        .append('\n');
    b.append("# chosen: ")
        .append(Formats.count(p.files(), "file", "files"))
        .append(", ")
        .append(Formats.count(p.directories(), "directory", "directories"))
        .append('\n');
    b.append("# (below: what merging the whole chain would take, for comparison)\n\n");
  }

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
