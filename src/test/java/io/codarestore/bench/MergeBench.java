package io.codarestore.bench;

import io.codarestore.cli.Cli;
import io.codarestore.core.Cancellation;
import io.codarestore.dump.DumpVerifier;
import io.codarestore.dump.VerifyReport;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merge benchmark (not a test; run through {@code src/test/bench/merge-bench.sh}): builds a
 * chain of a full dump and two incrementals, then times {@code coda-restore merge} (the real
 * command, in a child JVM with a small heap) against {@code cat} of the same inputs, and reports
 * the ratio of their throughputs (bytes written per second), the peak heap and the maximum RSS.
 *
 * <p>Options: {@code --dir DIR} (work directory, default /tmp/coda-merge-bench), {@code --sizes
 * 256m,1g,2g} (full dumps of about that size, files averaging {@code --mean 48k}), {@code --vnodes
 * 10000,100000,1000000} (volumes of that many small files averaging {@code --small-mean 512}),
 * {@code --repeat 3}, {@code --xmx 128m}, {@code --keep} (keep the dumps).
 */
public final class MergeBench {
  private MergeBench() {}

  record Config(String name, int files, double meanSize) {}

  record Timing(double seconds, double inside, long maxRssKb, long peakHeap, int exit) {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Path dir = Path.of("/tmp/coda-merge-bench");
    List<Config> configs = new ArrayList<>();
    double mean = 48 * 1024;
    double smallMean = 512;
    String sizes = "256m,1g,2g";
    String vnodes = "10000,100000,1000000";
    int repeat = 3;
    String xmx = "128m";
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[++i]);
        case "--sizes" -> sizes = args[++i];
        case "--vnodes" -> vnodes = args[++i];
        case "--mean" -> mean = parseSize(args[++i]);
        case "--small-mean" -> smallMean = parseSize(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--xmx" -> xmx = args[++i];
        case "--keep" -> keep = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    for (String s : sizes.split(",")) {
      if (!s.isBlank()) {
        long bytes = parseSize(s);
        configs.add(new Config("size " + s, (int) Math.max(100, bytes / mean), mean));
      }
    }
    for (String v : vnodes.split(",")) {
      if (!v.isBlank()) {
        configs.add(new Config("vnodes " + v, Integer.parseInt(v), smallMean));
      }
    }
    Files.createDirectories(dir);
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, java %s; merge child: -Xmx%s; %d run(s) each, median shown%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        xmx,
        repeat);
    List<String> table = new ArrayList<>();
    table.add(
        String.format(
            Locale.ROOT,
            "%-16s %9s %9s %10s %10s %8s %8s %8s %7s %7s %9s %9s",
            "config",
            "vnodes",
            "full MiB",
            "chain MiB",
            "out MiB",
            "merge s",
            "(in JVM)",
            "cat s",
            "MB/s m",
            "MB/s c",
            "ratio",
            "heap/RSS MiB"));
    for (Config c : configs) {
      table.add(run(dir, c, repeat, xmx, keep));
      System.out.println(table.get(table.size() - 1));
    }
    System.out.println();
    table.forEach(System.out::println);
  }

  private static String run(Path root, Config c, int repeat, String xmx, boolean keep)
      throws Exception {
    Path dir = root.resolve(c.name().replace(' ', '-'));
    Files.createDirectories(dir);
    Path full = dir.resolve("full.dump");
    Path i1 = dir.resolve("incr1.dump");
    Path i2 = dir.resolve("incr2.dump");
    long t0 = System.nanoTime();
    BenchVolume v = new BenchVolume(c.files() * 31L + 7, c.files(), c.meanSize());
    v.writeFull(full);
    v.writeIncremental(i1, 1, v.change(0.05, 0.02, 0.02));
    v.writeIncremental(i2, 2, v.change(0.05, 0.02, 0.02));
    long vnodes = v.fileCount();
    System.out.printf(
        Locale.ROOT,
        "%s: generated %d files in %.1f s (%s, %s, %s)%n",
        c.name(),
        c.files(),
        (System.nanoTime() - t0) / 1e9,
        mib(Files.size(full)),
        mib(Files.size(i1)),
        mib(Files.size(i2)));
    for (Path p : List.of(full, i1, i2)) {
      VerifyReport r = new DumpVerifier(Cancellation.none()).verify(p);
      if (!r.ok()) {
        throw new IllegalStateException("generated dump is not sound: " + r.errors());
      }
    }
    checkWithDumpgen(List.of(full, i1, i2));
    long fullBytes = Files.size(full);
    long chain = fullBytes + Files.size(i1) + Files.size(i2);
    Path out = dir.resolve("merged.dump");
    Path catOut = dir.resolve("cat.out");
    List<Timing> merges = new ArrayList<>();
    List<Timing> cats = new ArrayList<>();
    long outBytes = 0;
    for (int r = 0; r < repeat; r++) {
      Files.deleteIfExists(catOut);
      cats.add(timeCat(catOut, full, i1, i2));
      Files.deleteIfExists(catOut);
      Files.deleteIfExists(out);
      Timing m = timeMerge(xmx, out, full, i1, i2);
      if (m.exit() != 0) {
        throw new IllegalStateException(
            "merge failed with -Xmx" + xmx + " (exit " + m.exit() + ")");
      }
      merges.add(m);
      outBytes = Files.size(out);
      if (r == 0) {
        VerifyReport rep = new DumpVerifier(Cancellation.none()).verify(out);
        if (!rep.ok()) {
          throw new IllegalStateException("merged dump is not sound: " + rep.errors());
        }
      }
      Files.deleteIfExists(out);
    }
    Files.deleteIfExists(catOut);
    if (!keep) {
      for (Path p : List.of(full, i1, i2)) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    }
    double ms = median(merges.stream().mapToDouble(Timing::seconds).toArray());
    double inside = median(merges.stream().mapToDouble(Timing::inside).toArray());
    double cs = median(cats.stream().mapToDouble(Timing::seconds).toArray());
    double mRate = outBytes / ms / 1e6;
    double cRate = chain / cs / 1e6;
    long heap = merges.stream().mapToLong(Timing::peakHeap).max().orElse(-1);
    long rss = merges.stream().mapToLong(Timing::maxRssKb).max().orElse(-1);
    return String.format(
        Locale.ROOT,
        "%-16s %9d %9.0f %10.0f %10.0f %8.2f %8.2f %8.2f %7.0f %7.0f %8.0f%% %5.0f/%.0f",
        c.name(),
        vnodes,
        fullBytes / 1048576.0,
        chain / 1048576.0,
        outBytes / 1048576.0,
        ms,
        inside,
        cs,
        mRate,
        cRate,
        100 * mRate / cRate,
        heap / 1048576.0,
        rss / 1024.0);
  }

  private static void checkWithDumpgen(List<Path> dumps) throws Exception {
    Path tool = Path.of("../shared/tools/coda-dumpgen");
    if (!Files.isRegularFile(tool)) {
      tool = Path.of("/work/shared/tools/coda-dumpgen");
    }
    if (!Files.isRegularFile(tool) || Files.size(dumps.get(0)) > (600L << 20)) {
      return;
    }
    for (Path p : dumps) {
      Process pr =
          new ProcessBuilder("python3", tool.toString(), "check", p.toString())
              .redirectErrorStream(true)
              .start();
      String text = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (pr.waitFor() != 0) {
        throw new IllegalStateException("coda-dumpgen check " + p + ": " + text);
      }
    }
    System.out.println("  coda-dumpgen check: OK");
  }

  private static Timing timeCat(Path out, Path... in) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("cat"));
    for (Path p : in) {
      cmd.add(p.toString());
    }
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).start();
    int exit = p.waitFor();
    double s = (System.nanoTime() - t0) / 1e9;
    return new Timing(s, s, -1, -1, exit);
  }

  private static Timing timeMerge(String xmx, Path out, Path... in) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    boolean time = Files.isExecutable(Path.of("/usr/bin/time"));
    if (time) {
      cmd.addAll(List.of("/usr/bin/time", "-v"));
    }
    cmd.addAll(
        List.of(
            java,
            "-Xmx" + xmx,
            "-cp",
            System.getProperty("java.class.path"),
            MergeBench.class.getName(),
            "child",
            "merge",
            "--out",
            out.toString()));
    for (Path p : in) {
      cmd.add(p.toString());
    }
    Path log = Files.createTempFile(out.getParent(), "merge", ".log");
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(2, TimeUnit.HOURS)) {
      p.destroyForcibly();
      throw new IllegalStateException("merge did not finish");
    }
    double s = (System.nanoTime() - t0) / 1e9;
    String text = Files.readString(log);
    Files.delete(log);
    if (p.exitValue() != 0) {
      System.out.println(text);
    }
    return new Timing(
        s,
        number(text, "merge nanoseconds: (\\d+)") / 1e9,
        number(text, "Maximum resident set size \\(kbytes\\): (\\d+)"),
        number(text, "peak heap bytes: (\\d+)"),
        p.exitValue());
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The child JVM: runs the real command line, then prints the peak heap use. */
  private static void child(String[] args) {
    long t0 = System.nanoTime();
    int code = Cli.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    System.out.println("merge nanoseconds: " + (System.nanoTime() - t0));
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("peak heap bytes: " + peak);
    System.exit(code);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  private static long parseSize(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    long mult = 1;
    if (t.endsWith("k")) {
      mult = 1L << 10;
    } else if (t.endsWith("m")) {
      mult = 1L << 20;
    } else if (t.endsWith("g")) {
      mult = 1L << 30;
    }
    if (mult > 1) {
      t = t.substring(0, t.length() - 1);
    }
    return (long) (Double.parseDouble(t) * mult);
  }
}
