package io.codarestore.bench;

import io.codarestore.amanda.AmandaFileHeader;
import io.codarestore.amanda.Crc;
import io.codarestore.amanda.FetchRequest;
import io.codarestore.amanda.FetchResult;
import io.codarestore.amanda.PartLocation;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Benchmark (run by hand): fetching a gzipped split dump off vtape files against {@code cat parts |
 * gzip -dc > /dev/null} on the same bytes. Target: at least 90% of gzip's speed.
 *
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.codarestore.bench.VtapeFetchBench [DIR [MiB [gzip-level]]]
 * </pre>
 *
 * The dump (default 1024 MiB) is a Coda dump header followed by the contents of the files under
 * /usr (programs, libraries, text: compresses about 3:1), compressed by the system's gzip like
 * Amanda's client FAST compression, and cut into 64 MiB parts over two vtapes. Generated data are
 * kept in DIR (default /tmp/coda-fetch-bench) for later runs.
 */
public final class VtapeFetchBench {
  private static final int PART_SIZE = 64 << 20;
  private static final int ROUNDS = 7;

  private VtapeFetchBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/coda-fetch-bench");
    long mib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
    String level = args.length > 2 ? args[2] : "1";
    Path nativeFile = dir.resolve("native.dump");
    Path gzFile = dir.resolve("native.dump.gz");
    Path vtapes = dir.resolve("vtapes");
    Path plain = dir.resolve("plain-parts");
    if (!Files.exists(gzFile)) {
      Files.createDirectories(dir);
      System.out.printf("writing a %d MiB dump to %s%n", mib, nativeFile);
      writeNative(nativeFile, mib << 20);
      System.out.printf("gzip -%s ...%n", level);
      run(
          List.of(
              "sh",
              "-c",
              "gzip -" + level + " -c \"$1\" > \"$2\"",
              "sh",
              nativeFile.toString(),
              gzFile.toString()));
    }
    Crc nativeCrc = crc(nativeFile);
    Crc storedCrc = crc(gzFile);
    List<PartLocation> parts = writeParts(gzFile, vtapes, plain, storedCrc, nativeCrc);
    FetchRequest request =
        new FetchRequest(
            "localhost", "bench.vol", "20240306053300", 0, parts, nativeCrc, storedCrc);
    System.out.printf(
        Locale.ROOT,
        "native %.1f MiB, gzip %.1f MiB (ratio %.2f), %d parts%n",
        nativeCrc.length() / 1048576.0,
        storedCrc.length() / 1048576.0,
        (double) nativeCrc.length() / storedCrc.length(),
        parts.size());

    List<String> plainParts;
    try (Stream<Path> s = Files.list(plain)) {
      plainParts = s.map(Path::toString).sorted().toList();
    }
    List<String> gzipCommand =
        new ArrayList<>(List.of("sh", "-c", "cat \"$@\" | gzip -dc > /dev/null", "sh"));
    gzipCommand.addAll(plainParts);

    VtapeFetcher fetcher = new VtapeFetcher(vtapes);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Path times = dir.resolve("time.out");
    List<String> timed =
        new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S"));
    timed.addAll(gzipCommand);
    // warm up the page cache and the JIT
    fetch(fetcher, request);
    run(gzipCommand);

    double[] oursWall = new double[ROUNDS];
    double[] theirsWall = new double[ROUNDS];
    double[] oursCpu = new double[ROUNDS];
    double[] theirsCpu = new double[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      run(timed);
      String[] t = Files.readString(times).trim().split("\\s+");
      theirsWall[i] = Double.parseDouble(t[t.length - 3]);
      theirsCpu[i] = Double.parseDouble(t[t.length - 2]) + Double.parseDouble(t[t.length - 1]);
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      FetchResult r = fetch(fetcher, request);
      oursWall[i] = (System.nanoTime() - t0) / 1e9;
      oursCpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
      if (!r.storedVerified() || !r.nativeVerified()) {
        throw new IllegalStateException("not verified: " + r);
      }
      System.out.printf(
          Locale.ROOT,
          "round %d: cat | gzip -dc %.2f s wall %.2f s cpu; VtapeFetcher %.2f s wall %.2f s cpu%n",
          i + 1,
          theirsWall[i],
          theirsCpu[i],
          oursWall[i],
          oursCpu[i]);
    }
    double mibOut = nativeCrc.length() / 1048576.0;
    report("wall, best", mibOut, min(theirsWall), min(oursWall));
    report("wall, median", mibOut, median(theirsWall), median(oursWall));
    report("cpu, median", mibOut, median(theirsCpu), median(oursCpu));
  }

  private static void report(String what, double mibOut, double theirs, double ours) {
    System.out.printf(
        Locale.ROOT,
        "%-13s cat | gzip -dc %.2f s (%.0f MiB/s out), VtapeFetcher %.2f s (%.0f MiB/s out):"
            + " %.1f%% of gzip's speed (target >= 90%%)%n",
        what,
        theirs,
        mibOut / theirs,
        ours,
        mibOut / ours,
        100 * theirs / ours);
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElseThrow();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static FetchResult fetch(VtapeFetcher fetcher, FetchRequest request) {
    return fetcher.fetch(
        request, OutputStream.nullOutputStream(), ProgressListener.NONE, Cancellation.none());
  }

  /** A Coda dump header (bench.vol.0.backup, level 0) and then the bytes of files under /usr. */
  private static void writeNative(Path file, long size) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
      out.writeByte(1);
      out.writeInt(0xB3A11322);
      out.writeInt(2);
      out.writeByte('v');
      out.writeInt(0x01000006);
      out.writeByte('p');
      out.writeInt(0x01000005);
      out.writeByte('n');
      byte[] name = "bench.vol.0.backup".getBytes(StandardCharsets.US_ASCII);
      out.writeInt(name.length + 1);
      out.write(name);
      out.writeByte(0);
      out.writeByte('b');
      out.writeInt(0x65A0F000);
      out.writeByte('i');
      out.writeInt(0);
      out.writeByte('I');
      out.writeInt(100);
      out.writeInt(100);
      out.writeByte(9);
      long written = out.size();
      byte[] buf = new byte[1 << 20];
      while (written < size) {
        try (Stream<Path> files = Files.walk(Path.of("/usr"))) {
          for (Path p : (Iterable<Path>) files::iterator) {
            if (written >= size) {
              break;
            }
            if (!Files.isRegularFile(p) || Files.isSymbolicLink(p)) {
              continue;
            }
            try (InputStream in = Files.newInputStream(p)) {
              int n;
              while (written < size && (n = in.read(buf)) > 0) {
                int take = (int) Math.min(n, size - written);
                out.write(buf, 0, take);
                written += take;
              }
            } catch (IOException e) {
              // unreadable file: skip it
            }
          }
        }
      }
    }
  }

  private static List<PartLocation> writeParts(
      Path gz, Path vtapes, Path plain, Crc stored, Crc nativeCrc) throws IOException {
    deleteTree(vtapes);
    deleteTree(plain);
    Files.createDirectories(plain);
    long size = Files.size(gz);
    int count = (int) ((size + PART_SIZE - 1) / PART_SIZE);
    List<PartLocation> parts = new ArrayList<>();
    byte[] buf = new byte[PART_SIZE];
    try (InputStream in = Files.newInputStream(gz)) {
      for (int k = 1; k <= count; k++) {
        int n = in.readNBytes(buf, 0, PART_SIZE);
        String label = k <= (count + 1) / 2 ? "BENCH-01" : "BENCH-02";
        Path slot = vtapes.resolve(label.equals("BENCH-01") ? "slot1" : "slot2");
        if (!Files.exists(slot)) {
          Files.createDirectories(slot);
          Files.write(
              slot.resolve("00000." + label),
              block("AMANDA: TAPESTART DATE 20240306053300 TAPE " + label + "\n\f\n"));
        }
        int fileno = label.equals("BENCH-01") ? k : k - (count + 1) / 2;
        String header =
            "AMANDA: SPLIT_FILE 20240306053300 localhost bench.vol  part "
                + k
                + "/-1  lev 0 comp .gz program APPLICATION\nAPPLICATION=amcodavol\n"
                + "NATIVE-CRC="
                + nativeCrc
                + "\nCLIENT-CRC="
                + stored
                + "\nSERVER-CRC="
                + stored
                + "\nDLE=<<ENDDLE\n<dle>\n  <disk>bench.vol</disk>\n  <compress>FAST</compress>\n"
                + "</dle>\nENDDLE\n";
        Path file = slot.resolve(String.format(Locale.ROOT, "%05d.localhost.bench.vol.0", fileno));
        try (OutputStream out = Files.newOutputStream(file)) {
          out.write(block(header));
          out.write(buf, 0, n);
        }
        Files.write(
            plain.resolve(String.format(Locale.ROOT, "part%03d", k)), Arrays.copyOf(buf, n));
        parts.add(new PartLocation(k, label, fileno, n));
      }
    }
    return parts;
  }

  private static byte[] block(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(b, AmandaFileHeader.SIZE);
  }

  private static Crc crc(Path file) throws IOException {
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
    return new Crc(c.getValue(), n);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .inheritIO()
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (p.waitFor() != 0) {
      throw new IOException(command + " failed with " + p.exitValue());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
