package io.codarestore.cli;

import io.codarestore.amanda.DumpFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.IndexSnapshot;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.index.FileQueries;
import io.codarestore.index.PathRestore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code restore --path P --to-dir DIR} when the file index knows the restore point from the dumps:
 * only the dumps holding the chosen files' data are read, each only as far as needed, instead of
 * fetching and merging the whole chain.
 */
final class PathRestoreRoute {
  private PathRestoreRoute() {}

  /** Whether the index can serve this restore (else the whole chain is merged as before). */
  static boolean applies(
      Catalog catalog, String host, String volume, String date, List<String> paths) {
    if (paths.isEmpty()) {
      return false;
    }
    try {
      return IndexSnapshot.DUMPS.equals(new FileQueries(catalog).indexedSource(host, volume, date));
    } catch (UserFacingException e) {
      return false; // not restorable or not indexed: the usual route says why
    }
  }

  static int run(
      Catalog catalog,
      DumpFetcher fetcher,
      String host,
      String volume,
      String date,
      List<String> paths,
      Path dir,
      boolean json,
      PrintWriter out,
      ProgressListener progress,
      Cancellation cancel)
      throws IOException {
    PathRestore.Result r =
        new PathRestore(catalog, fetcher).restore(host, volume, date, paths, dir, progress, cancel);
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
          dir,
          r.bytesRead(),
          r.chainBytes(),
          r.chainBytes() == 0 ? 0 : Math.round(100.0 * r.bytesRead() / r.chainBytes()),
          r.dumpsRead().size(),
          String.join(", ", r.dumpsRead()));
    }
    out.flush();
    return 0;
  }
}
