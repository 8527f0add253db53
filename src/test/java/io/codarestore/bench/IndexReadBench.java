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
 * > /dev/null} of the same parts. Target: at least 80 % of gzip's speed. Seven interleaved rounds
 * ({@code -Drounds=N}), alternating which side goes first; medians, and the load average of each
 * round.
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
    int rounds = Integer.getInteger("rounds", 7);
    List<Double> gz = new ArrayList<>();
    List<Double> ix = new ArrayList<>();
    List<Double> gzCpu = new ArrayList<>();
    List<Double> ixCpu = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      // interleaved, the order alternating: the machine's load falls on both sides alike
      for (int side = 0; side < 2; side++) {
        if ((side + round) % 2 == 0) {
          double c0 = childrenCpu();
          gz.add(gzip(floors));
          gzCpu.add(childrenCpu() - c0);
        } else {
          double c0 = ownCpu();
          ix.add(index(dir));
          ixCpu.add(ownCpu() - c0);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "round %d: gzip -dc %.2f s (cpu %.2f s), catalog index %.2f s (cpu %.2f s): %.0f %%,"
              + " load average %s%n",
          round + 1,
          gz.get(round),
          gzCpu.get(round),
          ix.get(round),
          ixCpu.get(round),
          100 * gz.get(round) / ix.get(round),
          load());
    }
    double floor = median(gz);
    double ours = median(ix);
    System.out.printf(Locale.ROOT, "%.1f MiB stored (gzip -1) in 3 dumps%n", stored / 1048576.0);
    System.out.printf(
        Locale.ROOT,
        "cat | gzip -dc > /dev/null: %.2f s (%.1f MiB/s)%n",
        floor,
        stored / 1048576.0 / floor);
    System.out.printf(
        Locale.ROOT,
        "catalog index (3 dumps):    %.2f s (%.1f MiB/s), %.0f %% of gzip's speed (medians of"
            + " %d)%n",
        ours,
        stored / 1048576.0 / ours,
        100 * floor / ours,
        rounds);
    System.out.printf(
        Locale.ROOT,
        "CPU time (user+sys, load-independent): gzip side %.2f s, catalog index %.2f s (all its"
            + " threads, JIT and GC included): %.0f %% of gzip's speed (medians)%n",
        median(gzCpu),
        median(ixCpu),
        100 * median(gzCpu) / median(ixCpu));
  }

  /** CPU seconds of this JVM, every thread. */
  static double ownCpu() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /** CPU seconds of the finished children waited for (cutime + cstime of /proc/self/stat). */
  static double childrenCpu() throws java.io.IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields 16 and 17 of the line, counted from the state (field 3) here
    return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
  }

  static double gzip(List<List<String>> floors) throws Exception {
    long t0 = System.nanoTime();
    for (List<String> cmd : floors) {
      Process p = new ProcessBuilder(cmd).inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("gzip failed");
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  static double index(Path dir) {
    try (Catalog c = Catalog.openExisting(dir.resolve("catalog.db"))) {
      for (CatalogVolume v : c.volumes(null)) {
        c.fileIndex().dropDumpIndex(v.id());
      }
      long t1 = System.nanoTime();
      DumpIndexer.Summary s =
          new DumpIndexer(c, new VtapeFetcher(dir.resolve("vtapes")))
              .run(null, null, null, ProgressListener.NONE, Cancellation.none());
      double t = (System.nanoTime() - t1) / 1e9;
      if (s.indexed() != 3 || !s.problems().isEmpty()) {
        throw new IllegalStateException("indexed " + s.indexed() + ": " + s.problems());
      }
      return t;
    }
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    java.util.Collections.sort(s);
    return s.get(s.size() / 2);
  }

  static String load() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }
}
