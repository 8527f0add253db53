package io.codarestore.bench;

import io.codarestore.amanda.AmandaFileHeader;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.restore.ExtractionTreeExtractor;
import io.codarestore.restore.RestoreJob;
import io.codarestore.restore.RestoreRequest;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.restore.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Benchmark (run by hand, not a test): end-to-end restore of a chain (a ~2 GiB full dump and two
 * incrementals, gzipped into split parts on vtapes, with Amanda logs and a tapelist) to a
 * directory, against the floor measured in the same run: {@code cat} + {@code gzip -dc} of the same
 * parts, writing the same bytes. Target: at most 1.3 times the floor.
 *
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx512m -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.codarestore.bench.RestoreBench [DIR [FILES [MEAN-SIZE]]]
 * </pre>
 */
public final class RestoreBench {
  private static final int PART = 64 << 20;
  private static final String DISK = "bench";

  private RestoreBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/work/restore-bench").toAbsolutePath();
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
    double mean = args.length > 2 ? Double.parseDouble(args[2]) : 100_000;
    deleteTree(dir);
    Files.createDirectories(dir);
    Path vtapes = dir.resolve("vtapes");
    Path plain = dir.resolve("plain");
    Path logdir = Files.createDirectories(dir.resolve("log"));
    BenchVolume v = new BenchVolume(11, files, mean);
    String[] stamps = {"20240301010000", "20240302010000", "20240303010000"};
    List<String> tapelist = new ArrayList<>();
    long nativeTotal = 0;
    long storedTotal = 0;
    List<List<Path>> plainParts = new ArrayList<>();
    for (int level = 0; level < 3; level++) {
      Path nat = dir.resolve("native-" + level + ".dump");
      if (level == 0) {
        v.writeFull(nat);
      } else {
        v.writeIncremental(nat, level, v.change(0.05, 0.02, 0.02));
      }
      Path gz = dir.resolve("native-" + level + ".dump.gz");
      run(List.of("sh", "-c", "gzip -1 -c \"$1\" > \"$2\"", "sh", nat.toString(), gz.toString()));
      String[] nativeCrc = crc(nat);
      String[] storedCrc = crc(gz);
      nativeTotal += Files.size(nat);
      storedTotal += Files.size(gz);
      String label = String.format("BENCH-%02d", level + 1);
      List<long[]> parts =
          writeParts(
              gz,
              vtapes.resolve("slot" + (level + 1)),
              plain.resolve("d" + level),
              label,
              stamps[level],
              level,
              nativeCrc,
              storedCrc);
      try (Stream<Path> s = Files.list(plain.resolve("d" + level))) {
        plainParts.add(s.sorted().toList());
      }
      Files.writeString(
          logdir.resolve("log." + stamps[level] + ".0"),
          log(stamps[level], label, level, parts, nativeCrc, storedCrc, Files.size(gz)));
      tapelist.add(
          0,
          stamps[level]
              + " "
              + label
              + " reuse BLOCKSIZE:32 POOL:bench STORAGE:bench CONFIG:bench");
      Files.delete(nat);
      Files.delete(gz);
    }
    Path tl = dir.resolve("tapelist");
    Files.write(tl, tapelist);
    System.out.printf(
        Locale.ROOT,
        "chain: %d files, %.1f MiB native, %.1f MiB gzipped (-1)%n",
        files,
        nativeTotal / 1048576.0,
        storedTotal / 1048576.0);

    Path db = dir.resolve("catalog.db");
    try (Catalog c = Catalog.open(db)) {
      new CatalogImporter(c).importFrom(ImportSource.of(logdir, tl, vtapes));
    }
    run(List.of("sync"));
    // Warm the page cache for both sides alike.
    run(
        List.of(
            "sh",
            "-c",
            "cat \"$@\" > /dev/null",
            "sh",
            vtapes.toString() + "/slot1/00001.localhost.bench.0"));

    double floor = 0;
    for (int i = 0; i < 3; i++) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "sh",
                  "-c",
                  "cat \"$@\" | gzip -dc > \"$0\"",
                  dir.resolve("floor-" + i).toString()));
      plainParts.get(i).forEach(p -> cmd.add(p.toString()));
      long t0 = System.nanoTime();
      run(cmd);
      floor += (System.nanoTime() - t0) / 1e9;
    }
    run(List.of("sync"));
    for (int i = 0; i < 3; i++) {
      Files.delete(dir.resolve("floor-" + i));
    }

    Path out = dir.resolve("restored");
    Runtime rt = Runtime.getRuntime();
    long t0 = System.nanoTime();
    try (Catalog c = Catalog.openExisting(db)) {
      RestoreJob job =
          new RestoreJob(
              c,
              new ChainPlanner(),
              new VtapeFetcher(vtapes),
              new ExtractionTreeExtractor(),
              new Workspace(dir.resolve("ws")),
              ProgressListener.NONE,
              Cancellation.none(),
              Clock.systemUTC());
      job.run(
          new RestoreRequest(
              "localhost",
              DISK,
              PlanTarget.parse("2024-03-03"),
              new RestoreTarget.Directory(out, List.of(), false),
              null,
              false));
    }
    run(List.of("sync"));
    double ours = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "floor (cat + gzip -dc of the parts, writing the same bytes): %.2f s%n",
        floor);
    System.out.printf(
        Locale.ROOT, "restore to a directory (fetch, verify, merge, extract):      %.2f s%n", ours);
    System.out.printf(
        Locale.ROOT,
        "ratio: %.2f (target <= 1.3); heap max %d MiB, used now %d MiB%n",
        ours / floor,
        rt.maxMemory() >> 20,
        (rt.totalMemory() - rt.freeMemory()) >> 20);
  }

  private static String log(
      String ds,
      String label,
      int level,
      List<long[]> parts,
      String[] nat,
      String[] stored,
      long bytes) {
    String key = "localhost " + DISK + " " + ds + " " + level;
    StringBuilder b = new StringBuilder();
    b.append("START planner date ").append(ds).append('\n');
    b.append("DISK planner localhost ").append(DISK).append('\n');
    b.append("START driver date ").append(ds).append('\n');
    b.append("SUCCESS dumper ")
        .append(key)
        .append(' ')
        .append(nat[0])
        .append(' ')
        .append(stored[0])
        .append(" [sec 1.0 kb 1 kps 1.0 orig-kb 1]\n");
    b.append("SUCCESS chunker ")
        .append(key)
        .append(' ')
        .append(stored[0])
        .append(" [sec 1.0 kb 1 kps 1.0]\n");
    b.append("START taper datestamp ")
        .append(ds)
        .append(" \"ST:bench\" \"POOL:bench\" label ")
        .append(label)
        .append(" tape 1\n");
    for (long[] p : parts) {
      b.append("PART taper \"ST:bench\" \"POOL:bench\" ")
          .append(label)
          .append(' ')
          .append(p[1])
          .append(' ')
          .append("localhost ")
          .append(DISK)
          .append(' ')
          .append(ds)
          .append(' ')
          .append(p[0])
          .append("/-1 ")
          .append(level)
          .append(" [sec 1.0 bytes ")
          .append(p[2])
          .append(" kps 1.0 orig-kb 1]\n");
    }
    b.append("DONE taper \"ST:bench\" \"POOL:bench\" localhost ")
        .append(DISK)
        .append(' ')
        .append(ds)
        .append(' ')
        .append(parts.size())
        .append(' ')
        .append(level)
        .append(' ')
        .append(nat[0])
        .append(' ')
        .append(stored[0])
        .append(' ')
        .append(stored[0])
        .append(" [sec 1.0 bytes ")
        .append(bytes)
        .append(" kps 1.0 orig-kb 1]\n");
    b.append("FINISH driver date ").append(ds).append(" time 1.0\n");
    return b.toString();
  }

  /** Splits the gzip file into vtape parts with 32 KiB headers; returns {part, fileno, bytes}. */
  private static List<long[]> writeParts(
      Path gz,
      Path slot,
      Path plainDir,
      String label,
      String ds,
      int level,
      String[] nat,
      String[] stored)
      throws IOException {
    Files.createDirectories(slot);
    Files.createDirectories(plainDir);
    Files.write(
        slot.resolve("00000." + label),
        block("AMANDA: TAPESTART DATE " + ds + " TAPE " + label + "\n\f\n"));
    List<long[]> parts = new ArrayList<>();
    byte[] buf = new byte[PART];
    try (InputStream in = Files.newInputStream(gz)) {
      for (int k = 1; ; k++) {
        int n = in.readNBytes(buf, 0, PART);
        if (n == 0) {
          break;
        }
        String header =
            "AMANDA: SPLIT_FILE "
                + ds
                + " localhost "
                + DISK
                + "  part "
                + k
                + "/-1  lev "
                + level
                + " comp .gz program APPLICATION\nAPPLICATION=amcodavol\nNATIVE-CRC="
                + nat[0]
                + "\nCLIENT-CRC="
                + stored[0]
                + "\nSERVER-CRC="
                + stored[0]
                + "\n";
        try (OutputStream o =
            Files.newOutputStream(
                slot.resolve(String.format(Locale.ROOT, "%05d.localhost.%s.%d", k, DISK, level)))) {
          o.write(block(header));
          o.write(buf, 0, n);
        }
        try (OutputStream o =
            Files.newOutputStream(plainDir.resolve(String.format(Locale.ROOT, "part%03d", k)))) {
          o.write(buf, 0, n);
        }
        parts.add(new long[] {k, k, n});
        if (n < PART) {
          break;
        }
      }
    }
    return parts;
  }

  private static byte[] block(String text) {
    return Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), AmandaFileHeader.SIZE);
  }

  private static String[] crc(Path file) throws IOException {
    CRC32C c = new CRC32C();
    long n = 0;
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      int k;
      while ((k = in.read(buf)) > 0) {
        c.update(buf, 0, k);
        n += k;
      }
    }
    return new String[] {String.format("%08x:%d", c.getValue(), n)};
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("failed: " + cmd);
    }
  }

  private static void deleteTree(Path dir) throws IOException, InterruptedException {
    if (Files.exists(dir)) {
      run(List.of("rm", "-rf", dir.toString()));
    }
  }
}
