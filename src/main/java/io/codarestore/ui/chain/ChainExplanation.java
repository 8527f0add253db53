package io.codarestore.ui.chain;

import io.codarestore.catalog.CatalogPart;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.RestorePlan;
import io.codarestore.plan.RestorePoint;
import io.codarestore.plan.SkippedDump;
import io.codarestore.ui.common.Formats;
import java.util.List;

/**
 * The plan in plain words, for someone who has never read an Amanda log: which dumps are read in
 * which order, from which tapes, and why others are not used.
 */
public final class ChainExplanation {
  private ChainExplanation() {}

  public static String of(RestorePlan plan) {
    StringBuilder b = new StringBuilder();
    String vol = plan.host() + ":" + plan.volume();
    if (plan.chain().isEmpty()) {
      b.append("No usable dump of ").append(vol).append(" was made before this date.");
      nearest(b, plan);
      return b.toString();
    }
    ChainLink head = plan.chain().get(plan.chain().size() - 1);
    b.append("To bring back ")
        .append(vol)
        .append(" as it was after the backup of ")
        .append(head.datestamp().shown())
        .append(", ")
        .append(
            plan.chain().size() == 1
                ? "one dump is read"
                : plan.chain().size() + " dumps are read, oldest first")
        .append(":\n");
    int n = 1;
    for (ChainLink l : plan.chain()) {
      b.append(n++).append(". ");
      if (l.level() == 0) {
        b.append("the full dump (level 0) of ");
      } else {
        b.append("the level-").append(l.level()).append(" incremental of ");
      }
      b.append(l.datestamp().shown());
      List<String> tapes = l.parts().stream().map(CatalogPart::label).distinct().toList();
      if (l.dump().onHoldingDisk()) {
        int chunks = l.dump().holding() == null ? 0 : l.dump().holding().chunks().size();
        b.append(" — on the holding disk (not on tape)")
            .append(chunks > 1 ? ", " + chunks + " chunk files" : "");
      } else {
        b.append(" — ")
            .append(l.parts().size())
            .append(l.parts().size() == 1 ? " part" : " parts")
            .append(tapes.isEmpty() ? "" : " on " + String.join(", ", tapes));
      }
      b.append(", ").append(Formats.bytes(l.dump().bytes()));
      if (l.level() > 0) {
        b.append("; it holds what changed since the level-")
            .append(l.level() - 1 == 0 ? "0" : "below-" + l.level())
            .append(" dump before it");
      }
      if (!l.available()) {
        b.append(" — CANNOT BE READ: ").append(l.reason());
      }
      b.append(".\n");
    }
    if (plan.chain().size() > 1) {
      b.append("Each incremental is applied on top of the dumps before it, in one pass.\n");
    }
    for (SkippedDump s : plan.skipped()) {
      b.append("Not used: the level-")
          .append(s.level())
          .append(" dump of ")
          .append(s.datestamp().shown())
          .append(" (")
          .append(s.state().code())
          .append(s.reason() == null ? "" : ": " + s.reason())
          .append(").\n");
    }
    if (!plan.restorable()) {
      b.append("This date cannot be restored");
      if (plan.gap() != null) {
        b.append(": ").append(plan.gap().reason());
      }
      b.append('.');
      nearest(b, plan);
    } else if (!plan.media().isEmpty()) {
      b.append("Tapes needed, in reading order: ")
          .append(String.join(", ", plan.media()))
          .append('.');
    }
    return b.toString().strip();
  }

  private static void nearest(StringBuilder b, RestorePlan plan) {
    RestorePoint before = plan.nearestBefore();
    RestorePoint after = plan.nearestAfter();
    if (before != null) {
      b.append("\nNearest restorable point before: ").append(before.datestamp().shown());
    }
    if (after != null) {
      b.append("\nNearest restorable point after: ").append(after.datestamp().shown());
    }
  }
}
