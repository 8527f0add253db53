package io.codarestore.bench;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.dump.DirectoryPagesBuilder;
import io.codarestore.dump.DumpHeader;
import io.codarestore.dump.DumpListing;
import io.codarestore.dump.DumpWriter;
import io.codarestore.dump.ExtractReport;
import io.codarestore.dump.ExtractRequest;
import io.codarestore.dump.Extraction;
import io.codarestore.dump.IndexHeader;
import io.codarestore.dump.VersionVector;
import io.codarestore.dump.VnodeClass;
import io.codarestore.dump.VnodeRecord;
import io.codarestore.dump.VnodeType;
import io.codarestore.dump.VolumeDiskData;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (run by hand, not a test): time and peak heap of ls, extract to a directory and extract
 * to a tar file, on a synthetic full dump, against reading the dump with plain Java I/O.
 *
 * <pre>
 * mvn -q -DskipTests test-compile
 * java -Xmx64m -cp target/classes:target/test-classes io.codarestore.bench.ExtractBench \
 *     WORKDIR DIRECTORIES FILES_PER_DIRECTORY FILE_BYTES
 * </pre>
 *
 * e.g. {@code /tmp/bench 50 2000 10000} (100 000 files, 1 GB) or {@code /tmp/bench 1 1 1500000000}
 * (one 1.5 GB file). WORKDIR must not exist.
 */
public final class ExtractBench {
  private ExtractBench() {}

  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]);
    int dirs = Integer.parseInt(args[1]);
    int perDir = Integer.parseInt(args[2]);
    long size = Long.parseLong(args[3]);
    Files.createDirectories(work);
    Path dump = work.resolve("bench.dump");
    long t0 = System.nanoTime();
    generate(dump, dirs, perDir, size);
    long bytes = Files.size(dump);
    report("generate", t0, bytes, 0);

    t0 = System.nanoTime();
    long n = 0;
    try (InputStream in = Files.newInputStream(dump)) {
      byte[] buf = new byte[1 << 16];
      int k;
      while ((k = in.read(buf)) > 0) {
        n += k;
      }
    }
    report("read (baseline)", t0, n, 0);

    sync();
    t0 = System.nanoTime();
    Files.copy(dump, work.resolve("copy.dump"));
    sync();
    report("copy + sync (baseline)", t0, bytes, 0);
    Files.delete(work.resolve("copy.dump"));

    resetPeaks();
    t0 = System.nanoTime();
    DumpListing l = DumpListing.read(dump, Cancellation.none());
    report("ls (" + l.entries().size() + " names)", t0, bytes, peakHeap());
    l = null;
    System.gc();

    resetPeaks();
    sync();
    t0 = System.nanoTime();
    ExtractReport r =
        Extraction.run(
            dump,
            new ExtractRequest(
                ExtractRequest.Format.DIRECTORY, work.resolve("tree"), List.of(), false, null),
            ProgressListener.NONE,
            Cancellation.none());
    sync();
    report("extract --to-dir + sync (" + r.files() + " files)", t0, bytes, peakHeap());

    resetPeaks();
    sync();
    t0 = System.nanoTime();
    Extraction.run(
        dump,
        new ExtractRequest(
            ExtractRequest.Format.TAR, work.resolve("tree.tar"), List.of(), false, null),
        ProgressListener.NONE,
        Cancellation.none());
    sync();
    report("extract --to-tar + sync", t0, bytes, peakHeap());
    sync();
    Path un = Files.createDirectory(work.resolve("untar"));
    t0 = System.nanoTime();
    run("tar", "-x", "-p", "-f", work.resolve("tree.tar").toString(), "-C", un.toString());
    sync();
    report("GNU tar -x of that tar + sync (baseline)", t0, bytes, 0);
    System.out.printf(Locale.ROOT, "max heap %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
  }

  private static void sync() {
    run("sync");
  }

  private static void run(String... cmd) {
    try {
      if (new ProcessBuilder(cmd).inheritIO().start().waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed");
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void report(String what, long t0, long bytes, long heap) {
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-40s %8.2f s %8.1f MB/s  peak heap %s%n",
        what,
        s,
        bytes / 1e6 / s,
        heap == 0 ? "-" : (heap >> 20) + " MiB");
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Root with DIRS directories of PER_DIR files each; file data streamed, never held. */
  static void generate(Path dump, int dirs, int perDir, long size) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(dump), 1 << 16)) {
      DumpWriter w = new DumpWriter(os);
      String name = "bench.0.backup";
      w.writeHeader(new DumpHeader(0x01000006, 0x01000005, name, 1_700_000_000, 0, 100, 100));
      w.writeVolumeData(
          new VolumeDiskData(
              0x01000006,
              1,
              name,
              "/vicepa",
              1,
              1,
              1_000_000,
              2,
              0x01000005,
              0,
              0,
              0,
              0,
              0,
              0,
              0,
              dirs * perDir,
              1,
              0,
              0,
              1_700_000_000,
              0,
              1_700_000_000,
              0,
              0,
              "",
              "",
              new int[7],
              0,
              0,
              VersionVector.EMPTY));
      int largeLists = ((dirs + 1) / 128 + 1) * 128;
      w.writeIndexHeader(new IndexHeader(VnodeClass.LARGE, dirs + 1, largeLists));
      DirectoryPagesBuilder root = DirectoryPagesBuilder.directory(1, 1, 1, 1);
      for (int d = 0; d < dirs; d++) {
        root.add("dir-" + d, dirVnode(d), 2 + d);
      }
      dir(w, 1, 1, 0, 0, root.build());
      int uniq = 2 + dirs;
      for (int d = 0; d < dirs; d++) {
        DirectoryPagesBuilder b = DirectoryPagesBuilder.directory(dirVnode(d), 2 + d, 1, 1);
        for (int f = 0; f < perDir; f++) {
          b.add("f" + f, fileVnode(d, f, perDir), uniq + d * perDir + f);
        }
        dir(w, dirVnode(d), 2 + d, 1, 1, b.build());
      }
      long files = (long) dirs * perDir;
      int smallLists = (int) ((files / 256 + 1) * 256);
      w.writeIndexHeader(new IndexHeader(VnodeClass.SMALL, (int) files, smallLists));
      byte[] chunk = new byte[1 << 16];
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = (byte) (i * 131 + (i >> 8));
      }
      for (int d = 0; d < dirs; d++) {
        for (int f = 0; f < perDir; f++) {
          w.writeVnode(
              new VnodeRecord(
                  fileVnode(d, f, perDir),
                  uniq + d * perDir + f,
                  VnodeType.FILE,
                  0644,
                  1,
                  size,
                  1,
                  VersionVector.EMPTY,
                  1_600_000_000,
                  1000,
                  1000,
                  dirVnode(d),
                  2 + d,
                  null));
          w.beginFileData(size);
          long left = size;
          while (left > 0) {
            int k = (int) Math.min(left, chunk.length);
            w.writeData(chunk, 0, k);
            left -= k;
          }
        }
      }
      w.writeEnd();
    }
  }

  private static int dirVnode(int d) {
    return 2 * (d + 1) + 1;
  }

  private static int fileVnode(int d, int f, int perDir) {
    return 2 * (d * perDir + f) + 2;
  }

  private static void dir(DumpWriter w, int vnode, int uniq, int pv, int pu, byte[] pages) {
    w.writeVnode(
        new VnodeRecord(
            vnode,
            uniq,
            VnodeType.DIRECTORY,
            0755,
            1,
            pages.length,
            1,
            VersionVector.EMPTY,
            1_700_000_000,
            1000,
            1000,
            pv,
            pu,
            "1\n0\nSystem:Administrators\t127\n"));
    w.writeDirectoryPages(pages);
  }
}
