package io.codarestore.cli;

import io.codarestore.restore.PathsOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
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
      JsonViews.MAPPER.writeValue(out, m);
      out.println();
    } else {
      out.printf(
          "Restored %d file(s) and %d directory(ies) of %s:%s as of %s into %s%n"
              + "  read %d bytes off the media, against %d for the whole chain (%d%%), from %d of"
              + " its dumps: %s%n",
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
          String.join(", ", r.dumpsRead()));
    }
    out.flush();
    return 0;
  }
}
