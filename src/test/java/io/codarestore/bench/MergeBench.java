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
 * The merge benchmark (not a test; run it through {@code src/test/bench/merge-bench.sh}). For each
 * configuration it generates a chain (a full dump and two incrementals, see {@link BenchVolume}),
 * checks it, then alternates {@code cat FULL INCR1 INCR2 > OUT} with {@code coda-restore merge
 * --out OUT FULL INCR1 INCR2} (the real command, in a child JVM with a small heap) and reports:
 * both times (median and best of the runs), the merge's throughput against cat's (bytes written per
 * second: the merge writes fewer bytes than cat, so this is "cat writing the same number of
 * bytes"), the heap the merge needed (the smallest of -Xmx 128m, 256m, 512m, 1g, 2g that worked),
 * its peak heap use and its maximum RSS; also a JVM that only copies the inputs the way the merge
 * does, and the merge in a JVM that has already run it twice (the engine warm, as in the wizard or
 * a restore job, without the JVM's start-up and compilation).
 *
 * <p>Options: {@code --dir DIR} (default /tmp/coda-merge-bench), {@code --sizes 256m,1g,2g} (full
 * dumps of about that size, files averaging {@code --mean 48k}), {@code --vnodes
 * 10000,100000,1000000} (volumes of that many small files averaging {@code --small-mean 512}),
 * {@code --repeat 3}, {@code --xmx 128m} (the first heap tried), {@code --keep} (keep the dumps),
 * {@code --no-min-heap} (skip the search for the smallest -Xmx down to 8m that still works), {@code
 * --java-opt OPT} (an option for the merge's JVM, may repeat, e.g. -XX:TieredStopAtLevel=1).
 */
public final class MergeBench {
  private static final List<String> HEAPS = List.of("128m", "256m", "512m", "1g", "2g");

  private MergeBench() {}

  record Config(String name, int files, double meanSize) {}

  record Timing(
      double seconds,
      double inside,
      double cpu,
      long maxRssKb,
      long peakHeap,
      int exit,
      String log) {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("transfer")) {
      transfer(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("warm")) {
      warm(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Path dir = Path.of("/tmp/coda-merge-bench");
    double mean = 48 * 1024;
    double smallMean = 512;
    String sizes = "256m,1g,2g";
    String vnodes = "10000,100000,1000000";
    int repeat = 3;
    String xmx = "128m";
    boolean keep = false;
    boolean minHeap = true;
    List<String> javaOpts = new ArrayList<>();
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
        case "--no-min-heap" -> minHeap = false;
        case "--java-opt" -> javaOpts.add(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<Config> configs = new ArrayList<>();
    for (String s : sizes.split(",")) {
      if (!s.isBlank()) {
        configs.add(new Config("size " + s, (int) Math.max(100, parseSize(s) / mean), mean));
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
        "%d cores, java %s, load average %s; %d run(s) each%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        loadAverage(),
        repeat);
    List<String> table = new ArrayList<>();
    table.add(
        String.format(
            Locale.ROOT,
            "%-14s %8s %8s %8s | %13s %7s | %13s | %13s | %11s | %6s %5s | %11s %6s | %5s %6s %6s"
                + " %7s",
            "config",
            "vnodes",
            "chainMiB",
            "outMiB",
            "merge s m/b",
            "inJVM",
            "cat s m/b",
            "jcopy s m/b",
            "ratio m/b",
            "warm s",
            "ratio",
            "cpu s m/c",
            "ratio",
            "Xmx",
            "heapMB",
            "rssMB",
            "minXmx"));
    for (Config c : configs) {
      table.add(run(dir, c, repeat, xmx, keep, minHeap, javaOpts));
      System.out.println(table.get(table.size() - 1));
    }
    System.out.println();
    table.forEach(System.out::println);
    System.out.println(
        "ratio = merge throughput / cat throughput (bytes written per second), from median and"
            + " best wall times; inJVM = median time inside the merge command (no JVM start-up);"
            + " jcopy = a JVM that only copies the inputs the way the merge copies (a 128 KiB"
            + " buffer written out whole); warm = median time of the merge in a JVM that has"
            + " already merged the chain twice (the engine's speed in a running program: the"
            + " wizard, a restore job), and its ratio to cat's median; cpu = median user+sys CPU"
            + " of the merge process and of cat, and the ratio of bytes written per CPU second;"
            + " every run starts after sync");
  }

  private static String run(
      Path root,
      Config c,
      int repeat,
      String firstXmx,
      boolean keep,
      boolean minHeap,
      List<String> javaOpts)
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
    long vnodes = v.vnodeCount();
    System.out.printf(
        Locale.ROOT,
        "%s: generated in %.1f s: full %s, incr1 %s, incr2 %s%n",
        c.name(),
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
    long chain = Files.size(full) + Files.size(i1) + Files.size(i2);
    Path out = dir.resolve("merged.dump");
    Path catOut = dir.resolve("cat.out");
    List<Timing> merges = new ArrayList<>();
    List<Timing> cats = new ArrayList<>();
    List<Timing> copies = new ArrayList<>();
    List<Double> warms = new ArrayList<>();
    long outBytes = 0;
    int heapIndex = Math.max(0, HEAPS.indexOf(firstXmx));
    String xmx = firstXmx;
    for (int r = 0; r < repeat; r++) {
      Files.deleteIfExists(catOut);
      cats.add(timeCat(catOut, full, i1, i2));
      Files.deleteIfExists(catOut);
      copies.add(timeJava(List.of("transfer", catOut.toString()), full, i1, i2));
      Files.deleteIfExists(catOut);
      Timing m;
      while (true) {
        Files.deleteIfExists(out);
        m = timeMerge(xmx, javaOpts, out, full, i1, i2);
        if (m.exit() == 0) {
          break;
        }
        System.out.printf(
            "  merge with -Xmx%s failed (exit %d): %s%n", xmx, m.exit(), lastLine(m.log()));
        if (++heapIndex >= HEAPS.size()) {
          throw new IllegalStateException("merge failed with every heap size");
        }
        xmx = HEAPS.get(heapIndex);
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
      List<String> warmArgs = new ArrayList<>(javaOpts);
      warmArgs.addAll(
          List.of("-Xmx" + xmx, MergeBench.class.getName(), "warm", "merge", "--out", out + ""));
      Timing w = runJava(warmArgs, dir, full, i1, i2);
      if (w.exit() != 0) {
        throw new IllegalStateException("warm merge failed: " + lastLine(w.log()));
      }
      warms.add(w.inside());
      Files.deleteIfExists(out);
    }
    Files.deleteIfExists(catOut);
    String smallest = xmx;
    if (minHeap) {
      for (String h : List.of("64m", "32m", "16m", "8m")) {
        if (parseSize(h) >= parseSize(smallest)) {
          continue;
        }
        Files.deleteIfExists(out);
        if (timeMerge(h, javaOpts, out, full, i1, i2).exit() != 0) {
          break;
        }
        smallest = h;
      }
      Files.deleteIfExists(out);
    }
    if (!keep) {
      for (Path p : List.of(full, i1, i2)) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    }
    double[] ms = merges.stream().mapToDouble(Timing::seconds).sorted().toArray();
    double[] cs = cats.stream().mapToDouble(Timing::seconds).sorted().toArray();
    double[] js = copies.stream().mapToDouble(Timing::seconds).sorted().toArray();
    double inside = median(merges.stream().mapToDouble(Timing::inside).toArray());
    double warm = median(warms.stream().mapToDouble(Double::doubleValue).toArray());
    double ratioWarm = (outBytes / warm) / (chain / median(cs));
    double ratioMedian = (outBytes / median(ms)) / (chain / median(cs));
    double ratioBest = (outBytes / ms[0]) / (chain / cs[0]);
    double mergeCpu = median(merges.stream().mapToDouble(Timing::cpu).toArray());
    double catCpu = median(cats.stream().mapToDouble(Timing::cpu).toArray());
    double ratioCpu = (outBytes / mergeCpu) / (chain / catCpu);
    long heap = merges.stream().mapToLong(Timing::peakHeap).max().orElse(-1);
    long rss = merges.stream().mapToLong(Timing::maxRssKb).max().orElse(-1);
    return String.format(
        Locale.ROOT,
        "%-14s %8d %8.0f %8.0f | %6.2f/%6.2f %7.2f | %6.2f/%6.2f | %6.2f/%6.2f | %4.0f%%/%4.0f%% |"
            + " %6.2f %4.0f%% | %5.2f/%5.2f %5.0f%% | %5s %6.0f %6.0f %7s",
        c.name(),
        vnodes,
        chain / 1048576.0,
        outBytes / 1048576.0,
        median(ms),
        ms[0],
        inside,
        median(cs),
        cs[0],
        median(js),
        js[0],
        100 * ratioMedian,
        100 * ratioBest,
        warm,
        100 * ratioWarm,
        mergeCpu,
        catCpu,
        100 * ratioCpu,
        xmx,
        heap / 1048576.0,
        rss / 1024.0,
        minHeap ? smallest : "-");
  }

  private static void checkWithDumpgen(List<Path> dumps) throws Exception {
    Path tool = Path.of("../shared/tools/coda-dumpgen");
    if (!Files.isRegularFile(tool)) {
      tool = Path.of("/work/shared/tools/coda-dumpgen");
    }
    if (!Files.isRegularFile(tool) || Files.size(dumps.get(0)) > (600L << 20)) {
      return;
    }
    long t0 = System.nanoTime();
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
    System.out.printf(
        Locale.ROOT, "  coda-dumpgen check: OK (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
  }

  private static Timing timeCat(Path out, Path... in) throws Exception {
    List<String> cmd = new ArrayList<>();
    boolean time = Files.isExecutable(Path.of("/usr/bin/time"));
    if (time) {
      cmd.addAll(List.of("/usr/bin/time", "-f", "cpu %U %S"));
    }
    cmd.add("cat");
    for (Path p : in) {
      cmd.add(p.toString());
    }
    sync();
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    double s = (System.nanoTime() - t0) / 1e9;
    Matcher m = Pattern.compile("cpu ([\\d.]+) ([\\d.]+)").matcher(err);
    double cpu = m.find() ? Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) : -1;
    return new Timing(s, s, cpu, -1, -1, exit, err);
  }

  /** Writes back dirty pages first, so that no run pays for the previous one's writes. */
  private static void sync() throws Exception {
    new ProcessBuilder("sync").start().waitFor();
  }

  private static Timing timeMerge(String xmx, List<String> javaOpts, Path out, Path... in)
      throws Exception {
    List<String> args = new ArrayList<>(javaOpts);
    args.add("-Xmx" + xmx);
    args.addAll(List.of(MergeBench.class.getName(), "child", "merge", "--out", out.toString()));
    return runJava(args, out.getParent(), in);
  }

  /** A JVM running this class with {@code args} (after the class name), inputs appended. */
  private static Timing timeJava(List<String> args, Path... in) throws Exception {
    List<String> all = new ArrayList<>(List.of("-Xmx64m", MergeBench.class.getName()));
    all.addAll(args);
    return runJava(all, in[0].getParent(), in);
  }

  private static Timing runJava(List<String> jvmAndArgs, Path workDir, Path... in)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/time"))) {
      cmd.addAll(List.of("/usr/bin/time", "-v"));
    }
    cmd.add(java);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(jvmAndArgs);
    for (Path p : in) {
      cmd.add(p.toString());
    }
    Path log = Files.createTempFile(workDir, "run", ".log");
    sync();
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
    return new Timing(
        s,
        number(text, "merge nanoseconds: (\\d+)") / 1e9,
        decimal(text, "User time \\(seconds\\): ([\\d.]+)")
            + decimal(text, "System time \\(seconds\\): ([\\d.]+)"),
        number(text, "Maximum resident set size \\(kbytes\\): (\\d+)"),
        number(text, "peak heap bytes: (\\d+)"),
        p.exitValue(),
        text);
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static double decimal(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private static String lastLine(String text) {
    return text.lines().filter(l -> l.startsWith("coda-restore")).findFirst().orElse("");
  }

  /**
   * The reference child: copies the inputs into OUT as the merge copies (read into a 128 KiB
   * buffer, written out whole), nothing else.
   */
  private static void transfer(String[] args) throws java.io.IOException {
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(128 << 10);
    try (java.nio.channels.FileChannel out =
        java.nio.channels.FileChannel.open(
            Path.of(args[0]),
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      for (int i = 1; i < args.length; i++) {
        try (java.nio.channels.FileChannel in =
            java.nio.channels.FileChannel.open(Path.of(args[i]))) {
          long pos = 0;
          int n;
          while ((n = in.read(buf, pos)) >= 0) {
            pos += n;
            if (!buf.hasRemaining()) {
              buf.flip();
              while (buf.hasRemaining()) {
                out.write(buf);
              }
              buf.clear();
            }
          }
        }
      }
      buf.flip();
      while (buf.hasRemaining()) {
        out.write(buf);
      }
    }
  }

  /**
   * A JVM that merges the chain three times (after sync each time, the output removed in between)
   * and reports the last: the merge once the code is loaded and compiled.
   */
  private static void warm(String[] args) throws Exception {
    Path out = Path.of(args[Arrays.asList(args).indexOf("--out") + 1]);
    PrintWriter quiet = new PrintWriter(java.io.Writer.nullWriter());
    long last = -1;
    for (int k = 0; k < 3; k++) {
      Files.deleteIfExists(out);
      sync();
      long t0 = System.nanoTime();
      int code = Cli.run(quiet, new PrintWriter(System.err, true), args);
      last = System.nanoTime() - t0;
      if (code != 0) {
        System.exit(code);
      }
    }
    System.out.println("merge nanoseconds: " + last);
  }

  /** The child JVM: runs the real command line, then prints its time and peak heap use. */
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

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
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
