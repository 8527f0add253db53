package io.codarestore.cli;

import io.codarestore.plan.ChainLink;
import io.codarestore.restore.PathsOutcome;
import io.codarestore.restore.PathsPreview;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code restore --path P --to-dir DIR} reports a restore the file index served ({@link
 * io.codarestore.restore.RestoreService#indexRoute} decides when): only the dumps holding the
 * chosen files' data were read, each only as far as needed, instead of the whole chain.
 */
final class PathRestoreRoute {
  private PathRestoreRoute() {}

  static int print(PathsOutcome r, String host, String volume, boolean json, PrintWriter out)
      throws IOException {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("restorePoint", r.restorePoint());
      m.put("files", r.files());
      m.put("directories", r.directories());
      m.put("bytesRead", r.bytesRead());
      m.put("chainBytes", r.chainBytes());
      m.put("dumpsRead", r.dumpsRead());
      m.put("runDirectory", r.runDirectory().toString());
      JsonViews.MAPPER.writeValue(out, m);
      out.println();
    } else {
      out.printf(
          "Restored %d file(s) and %d directory(ies) of %s:%s as of %s into %s%n"
              + "  read %d bytes off the media, against %d for the whole chain (%d%%), from %d of"
              + " its dumps: %s%n"
              + "log: %s%n",
          r.files(),
          r.directories(),
          host,
          volume,
          r.restorePoint(),
          r.dir(),
          r.bytesRead(),
          r.chainBytes(),
          r.percentOfChainRead(),
          r.dumpsRead().size(),
          String.join(", ", r.dumpsRead()),
          r.runDirectory().resolve("run.log"));
    }
    out.flush();
    return 0;
  }

  /**
   * The dry run's view of the index route ({@code restore --dry-run --path}): the dumps the restore
   * reads, as JSON fields (beside the whole chain's preview, which stays as it was).
   */
  static Map<String, Object> previewJson(PathsPreview p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("restorePoint", p.restorePoint().digits());
    m.put("files", p.files());
    m.put("directories", p.directories());
    List<Map<String, Object>> dumps = new ArrayList<>();
    for (ChainLink l : p.toRead()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("datestamp", l.datestamp().digits());
      d.put("level", l.level());
      d.put("bytes", l.dump().bytes());
      d.put("media", l.parts().stream().map(t -> t.label()).distinct().toList());
      dumps.add(d);
    }
    m.put("dumpsToRead", dumps);
    m.put("bytesToRead", p.bytesToRead());
    m.put("chainBytes", p.chainBytes());
    return m;
  }

  /** The same as text lines, printed before the whole chain's preview. */
  static void printPreview(PathsPreview p, PrintWriter out) {
    List<String> dumps = new ArrayList<>();
    for (ChainLink l : p.toRead()) {
      dumps.add(l.datestamp().digits() + " (level " + l.level() + ")");
    }
    out.printf(
        "route: the file index (restore point %s): %d file(s) and %d directory(ies) chosen%n"
            + "  reads at most %d bytes off the media, against %d for the whole chain, from %d of"
            + " its dumps: %s%n"
            + "  (below: the whole chain's preview, for comparison)%n%n",
        p.restorePoint().digits(),
        p.files(),
        p.directories(),
        p.bytesToRead(),
        p.chainBytes(),
        p.toRead().size(),
        dumps.isEmpty() ? "none" : String.join(", ", dumps));
  }
}
