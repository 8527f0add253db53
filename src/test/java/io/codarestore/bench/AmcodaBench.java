package io.codarestore.bench;

import io.codarestore.backup.StreamedDump;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ExternalProgram;
import io.codarestore.core.PipeCapacity;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of amcoda's backup data path (run by hand, not a test; see
 * src/test/bench/amcoda-bench.sh): a dump comes out of a program's stdout (as volutil's does) and
 * is passed on to a pipe, once by {@code cat | cat > /dev/null} (the reference), once by {@code cat
 * | cat | cat > /dev/null} (a middle stage that only copies, as the JVM's place) and once by {@link
 * StreamedDump#pass} (verification and index building, as {@code amcoda backup} does), whose output
 * goes through a pipe to {@code cat > /dev/null}, widened as amcoda widens its fd 1; then the index
 * is written. Prints wall times (median of the runs, alternating), the overhead, and the peak heap
 * after the index is built.
 *
 * <pre>
 * java -Xmx64m -cp target/test-classes:target/coda-restore.jar io.codarestore.bench.AmcodaBench \
 *     WORKDIR DIRECTORIES FILES_PER_DIRECTORY FILE_BYTES RUNS
 * </pre>
 */
public final class AmcodaBench {
  private AmcodaBench() {}

  private static final String CAT2 = "cat \"$1\" | cat > /dev/null";
  private static final String CAT3 = "cat \"$1\" | cat | cat > /dev/null";

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    int dirs = Integer.parseInt(args[1]);
    int perDir = Integer.parseInt(args[2]);
    long size = Long.parseLong(args[3]);
    int runs = Integer.parseInt(args[4]);
    Files.createDirectories(work);
    Path dump = work.resolve("amcoda-bench.dump");
    if (!Files.exists(dump)) {
      Path tmp = work.resolve("amcoda-bench.dump.tmp");
      ExtractBench.generate(tmp, dirs, perDir, size);
      Files.move(tmp, dump);
    }
    System.out.printf(
        Locale.ROOT,
        "dump: %d directories x %d files, %.1f MiB%n",
        dirs,
        perDir,
        Files.size(dump) / 1048576.0);
    List<Double> cat = new ArrayList<>();
    List<Double> cat3 = new ArrayList<>();
    List<Double> amcoda = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      cat.add(reference(dump, CAT2));
      cat3.add(reference(dump, CAT3));
      amcoda.add(dataPath(dump));
    }
    double c = median(cat);
    double a = median(amcoda);
    System.out.printf(
        Locale.ROOT, "cat | cat:      median %.3f s (best %.3f)%n", c, Collections.min(cat));
    System.out.printf(
        Locale.ROOT,
        "cat | cat | cat: median %.3f s (best %.3f)%n",
        median(cat3),
        Collections.min(cat3));
    System.out.printf(
        Locale.ROOT, "amcoda path:    median %.3f s (best %.3f)%n", a, Collections.min(amcoda));
    System.out.printf(
        Locale.ROOT,
        "first data path run (a fresh JVM's code not compiled yet, as in one amcoda backup):"
            + " %.3f s%n",
        amcoda.get(0));
    System.out.printf(Locale.ROOT, "overhead:       %+.1f %%%n", (a / c - 1) * 100);
    System.out.printf(Locale.ROOT, "over cat|cat|cat: %+.1f %%%n", (a / median(cat3) - 1) * 100);
    double cpu2 = median(CPU.get(CAT2));
    double cpu3 = median(CPU.get(CAT3));
    System.out.printf(
        Locale.ROOT,
        "CPU (user+sys, medians): cat|cat %.2f s, cat|cat|cat %.2f s, so a copying middle stage"
            + " %.2f s; the JVM of the amcoda path %.2f s (best %.2f)%n",
        cpu2,
        cpu3,
        cpu3 - cpu2,
        median(JVM_CPU),
        Collections.min(JVM_CPU));
    System.out.printf(
        Locale.ROOT,
        "heap: %.1f MiB in use after a collection with the index reachable; pools' peaks summed"
            + " %.1f MiB (max heap %d MiB)%n",
        retained / 1048576.0,
        peakHeap() / 1048576.0,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  /** CPU seconds (user + system) of the last reference pipeline's processes, by pipeline. */
  private static final java.util.Map<String, List<Double>> CPU = new java.util.HashMap<>();

  private static double reference(Path dump, String pipeline) {
    long t0 = System.nanoTime();
    ExternalProgram.Result r =
        ExternalProgram.of(List.of("sh", "-c", pipeline + "; times", "sh", dump.toString()))
            .runChecked();
    double t = (System.nanoTime() - t0) / 1e9;
    // times: the shell's, then its children's user and system time ("0m0.010000s 0m0.120000s")
    String[] children = r.stdout().get(r.stdout().size() - 1).trim().split("\\s+");
    CPU.computeIfAbsent(pipeline, k -> new ArrayList<>())
        .add(shellSeconds(children[0]) + shellSeconds(children[1]));
    return t;
  }

  private static double shellSeconds(String t) {
    int m = t.indexOf('m');
    return Integer.parseInt(t.substring(0, m)) * 60
        + Double.parseDouble(t.substring(m + 1, t.length() - 1));
  }

  /** The JVM's CPU seconds (all its threads: parser, JIT, GC) during each data path run. */
  private static final List<Double> JVM_CPU = new ArrayList<>();

  private static double jvmCpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
  }

  /** Heap in use after a collection with the last dump's index still reachable (bytes). */
  private static long retained;

  /**
   * The data path as {@code amcoda backup} runs it: the dump read from a program's output channel
   * ({@link ExternalProgram#startStreamingChannel}, as volutil's) and written to a plain {@link
   * FileOutputStream} on a pipe (as fd 1) whose reader is {@code cat > /dev/null}.
   */
  @SuppressWarnings("try") // the held descriptor is only held
  private static double dataPath(Path dump) throws IOException {
    Path fifo = Files.createTempDirectory("amcoda-bench").resolve("sink");
    ExternalProgram.of(List.of("mkfifo", fifo.toString())).runChecked();
    double cpu0 = jvmCpu();
    long t0 = System.nanoTime();
    StreamedDump d;
    Process sink;
    try (ExternalProgram.Running src =
        ExternalProgram.of(List.of("cat", dump.toString())).startStreamingChannel()) {
      OutputStream out;
      try (FileChannel hold =
          FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        sink =
            new ProcessBuilder("cat")
                .redirectInput(fifo.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        out = new FileOutputStream(fifo.toFile());
        PipeCapacity.widen(fifo); // as amcoda backup widens its fd 1
      }
      try (out) {
        d = StreamedDump.pass(src.stdoutChannel(), out, "bench", Cancellation.none());
      }
      d.index().writeLines(OutputStream.nullOutputStream());
      src.await();
      sink.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    double t = (System.nanoTime() - t0) / 1e9;
    JVM_CPU.add(jvmCpu() - cpu0);
    System.gc();
    retained =
        Math.max(retained, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    Reference.reachabilityFence(d);
    Files.delete(fifo);
    Files.delete(fifo.getParent());
    return t;
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
