package io.codarestore.bench;

import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.index.DumpIndexer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark (run by hand): {@code catalog index} reading a gzipped chain off vtapes (a full dump
 * and two incrementals, built by {@link RestoreBench} into DIR) against {@code cat parts | gzip -dc
 * > /dev/null} of the same parts. Target: at least 80 % of gzip's speed. Best of three rounds each.
 *
 * <pre>
 * mvn -q -B -o package -DskipTests && mvn -q -B -o test-compile
 * java -cp target/test-classes:target/coda-restore.jar io.codarestore.bench.IndexReadBench \
 *     [DIR [FILES [MEAN-SIZE]]]
 * </pre>
 */
public final class IndexReadBench {
  private IndexReadBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/index-read-bench").toAbsolutePath();
    String files = args.length > 1 ? args[1] : "20000";
    String mean = args.length > 2 ? args[2] : "20000";
    if (!Files.exists(dir.resolve("catalog.db"))) {
      RestoreBench.main(new String[] {dir.toString(), files, mean});
    }
    long stored = 0;
    List<List<String>> floors = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<String> cmd =
          new ArrayList<>(List.of("sh", "-c", "cat \"$@\" | gzip -dc > /dev/null", "sh"));
      try (Stream<Path> s = Files.list(dir.resolve("plain/d" + i))) {
        for (Path p : s.sorted().toList()) {
          cmd.add(p.toString());
          stored += Files.size(p);
        }
      }
      floors.add(cmd);
    }
    double floor = Double.MAX_VALUE;
    double ours = Double.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      for (List<String> cmd : floors) {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
          throw new IllegalStateException("gzip failed");
        }
      }
      floor = Math.min(floor, (System.nanoTime() - t0) / 1e9);
      try (Catalog c = Catalog.openExisting(dir.resolve("catalog.db"))) {
        for (CatalogVolume v : c.volumes(null)) {
          c.fileIndex().dropDumpIndex(v.id());
        }
        long t1 = System.nanoTime();
        DumpIndexer.Summary s =
            new DumpIndexer(c, new VtapeFetcher(dir.resolve("vtapes")))
                .run(null, null, null, ProgressListener.NONE, Cancellation.none());
        ours = Math.min(ours, (System.nanoTime() - t1) / 1e9);
        if (s.indexed() != 3 || !s.problems().isEmpty()) {
          throw new IllegalStateException("indexed " + s.indexed() + ": " + s.problems());
        }
      }
    }
    System.out.printf(Locale.ROOT, "%.1f MiB stored (gzip -1) in 3 dumps%n", stored / 1048576.0);
    System.out.printf(
        Locale.ROOT,
        "cat | gzip -dc > /dev/null: %.2f s (%.1f MiB/s)%n",
        floor,
        stored / 1048576.0 / floor);
    System.out.printf(
        Locale.ROOT,
        "catalog index (3 dumps):    %.2f s (%.1f MiB/s), %.0f %% of gzip%n",
        ours,
        stored / 1048576.0 / ours,
        100 * floor / ours);
  }
}
