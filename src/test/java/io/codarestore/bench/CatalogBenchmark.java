package io.codarestore.bench;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.catalog.ImportSummary;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.testing.SyntheticAmanda;
import io.codarestore.testing.SyntheticAmanda.Dump;
import io.codarestore.testing.SyntheticAmanda.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Catalog and planner benchmark (run by hand, not a test): ten years of nightly amdump runs of 500
 * volumes (about 1.8 million dumps) as synthetic Amanda 3.5 log files; a first import, a re-import
 * with nothing new, and plans for random volumes and dates.
 *
 * <pre>
 * mvn -q -B test-compile
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.codarestore.bench.CatalogBenchmark [DIR [VOLUMES [YEARS]]]
 * </pre>
 *
 * (target/cp.txt from {@code mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.)
 * Targets: import under 30 s, re-import under 1 s, a plan under 10 ms.
 */
public final class CatalogBenchmark {
  private static final DateTimeFormatter DS = DateTimeFormatter.ofPattern("yyyyMMdd");

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
    int volumes = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int years = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int nights = years * 365;
    LocalDate start = LocalDate.of(2014, 1, 1);
    Path logdir = dir.resolve("log");
    Path tapelist = dir.resolve("tapelist");
    Path db = dir.resolve("catalog.db");

    long t0 = System.nanoTime();
    int dumps = generate(logdir, tapelist, start, nights, volumes);
    System.out.printf(
        "generated %d log files, %d dumps, %.0f MB in %.1f s%n",
        nights, dumps, du(logdir) / 1e6, (System.nanoTime() - t0) / 1e9);

    ImportSource source = ImportSource.of(logdir, tapelist, null);
    if (System.getProperty("bench.skipImport") == null) {
      Files.deleteIfExists(db);
      Files.deleteIfExists(dir.resolve("catalog.db-wal"));
      Files.deleteIfExists(dir.resolve("catalog.db-shm"));
      try (Catalog c = Catalog.open(db)) {
        long t1 = System.nanoTime();
        long cpu1 = processCpuNanos();
        java.lang.management.ThreadMXBean threads =
            java.lang.management.ManagementFactory.getThreadMXBean();
        long main1 = threads.getCurrentThreadCpuTime();
        ImportSummary s = new CatalogImporter(c).importFrom(source);
        double first = (System.nanoTime() - t1) / 1e9;
        System.out.printf(
            "first import: %.2f s wall, %.2f s CPU (all threads; %.2f s of it the inserting"
                + " thread), load average %.1f (%d files, %d dumps, %d volumes, %d problems)%n",
            first,
            (processCpuNanos() - cpu1) / 1e9,
            (threads.getCurrentThreadCpuTime() - main1) / 1e9,
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(),
            s.filesRead(),
            s.dumps(),
            s.volumes(),
            s.problems().size());
      }
    }
    for (int i = 0; i < 3; i++) {
      try (Catalog c = Catalog.open(db)) {
        long t2 = System.nanoTime();
        ImportSummary s = new CatalogImporter(c).importFrom(source);
        System.out.printf(
            "re-import, nothing new: %.3f s (%d read, %d unchanged)%n",
            (System.nanoTime() - t2) / 1e9, s.filesRead(), s.filesUnchanged());
      }
    }
    try (Catalog c = Catalog.open(db)) {
      ChainPlanner planner = new ChainPlanner();
      // CPU time of the planning thread: the machine this ran on was shared and busy.
      java.lang.management.ThreadMXBean threadCpu =
          java.lang.management.ManagementFactory.getThreadMXBean();
      Random r = new Random(42);
      int runs = 300;
      long[] ms = new long[runs];
      int restorable = 0;
      for (int i = -50; i < runs; i++) {
        String volume = "vol" + r.nextInt(volumes);
        LocalDate day = start.plusDays(r.nextInt(nights + 2));
        long t = threadCpu.getCurrentThreadCpuTime();
        RestorePlan p = planner.plan(c, "fs1", volume, PlanTarget.parse(day.toString()));
        long el = threadCpu.getCurrentThreadCpuTime() - t;
        if (i >= 0) {
          ms[i] = el;
          restorable += p.restorable() ? 1 : 0;
        }
      }
      Arrays.sort(ms);
      System.out.printf(
          "plan (%d random volume/date, after warm-up, thread CPU time): median %.2f ms, p95 %.2f ms, max %.2f ms;"
              + " %d restorable%n",
          runs, ms[runs / 2] / 1e6, ms[runs * 95 / 100] / 1e6, ms[runs - 1] / 1e6, restorable);
    }
    System.out.printf("catalog size: %.0f MB%n", (Files.size(db)) / 1e6);
  }

  /** Nightly runs; fulls every 7 nights per volume (staggered), levels 1..3 in between. */
  static int generate(Path logdir, Path tapelist, LocalDate start, int nights, int volumes)
      throws IOException {
    Files.createDirectories(logdir);
    int tapes = 60;
    String[] tapeDs = new String[tapes];
    Random r = new Random(1);
    int count = 0;
    for (int n = 0; n < nights; n++) {
      String ds = start.plusDays(n).format(DS) + String.format("%02d%02d00", 1 + n % 3, n % 60);
      String label = String.format("BENCH-%02d", n % tapes);
      tapeDs[n % tapes] = ds;
      Path f = logdir.resolve("log." + ds + ".0");
      if (Files.exists(f)) {
        count += volumes;
        continue;
      }
      List<Dump> dumps = new ArrayList<>(volumes);
      for (int v = 0; v < volumes; v++) {
        int phase = (n + v) % 7;
        int level = phase == 0 ? 0 : 1 + (phase - 1) / 2;
        int x = r.nextInt(1000);
        Outcome o =
            x < 5 ? Outcome.FAILED : x < 7 ? Outcome.STRANGE : x < 8 ? Outcome.PARTIAL : Outcome.OK;
        dumps.add(new Dump("fs1", "vol" + v, level, level == 0 ? 2 : 1, o));
      }
      Files.writeString(f, SyntheticAmanda.runLog(ds, label, dumps));
      count += volumes;
    }
    List<String[]> tl = new ArrayList<>();
    for (int i = 0; i < tapes; i++) {
      int idx = ((nights - 1 - i) % tapes + tapes) % tapes;
      if (tapeDs[idx] != null) {
        tl.add(new String[] {tapeDs[idx], String.format("BENCH-%02d", idx)});
      }
    }
    SyntheticAmanda.writeTapelist(tapelist, tl);
    return count;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long du(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }
}
