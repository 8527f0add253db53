package io.codarestore.bench;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.FileIndexReads;
import io.codarestore.catalog.IndexedEntry;
import io.codarestore.core.Datestamp;
import io.codarestore.dump.VnodeType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * File index benchmark (run by hand, not a test): one volume of FILES files in 1 000 directories
 * indexed day after day for DAYS days, CHANGES files changed each day (90 % rewritten, 5 % deleted,
 * 5 % created), a full dump every FULL days, the rest level 1; then the queries of {@code files},
 * {@code find} and {@code versions}, and the index size against Amanda's gzipped path index of the
 * same dumps (a full lists every path, an incremental the paths it holds).
 *
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.codarestore.bench.FileIndexScaleBench [DIR [FILES [DAYS [CHANGES [FULL]]]]]
 * </pre>
 */
public final class FileIndexScaleBench {
  private FileIndexScaleBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/index-bench");
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int days = args.length > 2 ? Integer.parseInt(args[2]) : 365;
    int changes = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
    int fullEvery = args.length > 4 ? Integer.parseInt(args[4]) : 7;
    Files.createDirectories(dir);
    Path db = dir.resolve("index-bench.db");
    Files.deleteIfExists(db);
    Files.deleteIfExists(dir.resolve("index-bench.db-wal"));
    Files.deleteIfExists(dir.resolve("index-bench.db-shm"));
    Random rnd = new Random(42);
    TreeMap<String, IndexedEntry> tree = new TreeMap<>();
    tree.put(".", new IndexedEntry(".", VnodeType.DIRECTORY, 2048, 0, 0755, 1, 1, 1));
    int[] nextVnode = {3};
    for (int d = 0; d < 1000; d++) {
      String p = String.format("dir %03d", d);
      tree.put(p, new IndexedEntry(p, VnodeType.DIRECTORY, 2048, 0, 0755, nextVnode[0], 1, 1));
      nextVnode[0] += 2;
    }
    List<String> live = new ArrayList<>();
    int[] serial = {0};
    for (int i = 0; i < files; i++) {
      live.add(create(tree, rnd, nextVnode, serial));
    }
    long amandaBytes = 0;
    long t0 = System.nanoTime();
    long volumeId;
    try (Catalog c = Catalog.open(db)) {
      volumeId = volume(c);
      for (int day = 0; day < days; day++) {
        int level = day % fullEvery == 0 ? 0 : 1;
        List<String> touched = new ArrayList<>();
        if (day > 0) {
          change(tree, live, rnd, nextVnode, serial, changes, day, touched);
        }
        Datestamp ds = Datestamp.ofDay(java.time.LocalDate.of(2014, 1, 1).plusDays(day));
        c.fileIndex()
            .addDumpSnapshot(
                volumeId, ds, level, null, null, new ArrayList<>(tree.values()), List.of());
        amandaBytes += amandaIndexBytes(level == 0 ? tree.keySet() : touched);
        if (day % 50 == 0) {
          System.out.printf(Locale.ROOT, "day %d: %.1f s%n", day, (System.nanoTime() - t0) / 1e9);
        }
      }
      try (Connection k = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
          Statement s = k.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    }
    double build = (System.nanoTime() - t0) / 1e9;
    long size = Files.size(db);
    System.out.printf(
        Locale.ROOT,
        "%d files, %d days, %d changes/day, full every %d days: built in %.1f s%n",
        files,
        days,
        changes,
        fullEvery,
        build);
    System.out.printf(
        Locale.ROOT,
        "index %.1f MiB; Amanda's gzipped path index of the same dumps %.1f MiB; ratio %.2f%n",
        size / 1048576.0,
        amandaBytes / 1048576.0,
        (double) size / amandaBytes);
    try (Catalog c = Catalog.openExisting(db)) {
      queries(c, volumeId, days, live, rnd);
    }
  }

  private static void queries(Catalog c, long volumeId, int days, List<String> live, Random rnd) {
    FileIndexReads reads = c.fileIndexReads();
    long[] files = new long[20];
    for (int i = 0; i < files.length; i++) {
      long snap = 1 + rnd.nextInt(days);
      long t = System.nanoTime();
      int n = reads.treeAt(volumeId, snap, null).size();
      files[i] = System.nanoTime() - t;
      if (i == 0) {
        System.out.println("tree of a random day: " + n + " names");
      }
    }
    long[] versions = new long[200];
    for (int i = 0; i < versions.length; i++) {
      String p = live.get(rnd.nextInt(live.size()));
      long t = System.nanoTime();
      reads.versions(volumeId, p);
      versions[i] = System.nanoTime() - t;
    }
    long[] find = new long[50];
    for (int i = 0; i < find.length; i++) {
      String p = live.get(rnd.nextInt(live.size()));
      String name = p.substring(p.lastIndexOf('/') + 1);
      long t = System.nanoTime();
      reads.find(i % 2 == 0 ? name : "*" + name.substring(name.length() - 9), null, 1000);
      find[i] = System.nanoTime() - t;
    }
    report("files (tree as of a random day, whole volume)", files);
    report("versions (random path)", versions);
    report("find (exact name / glob *SUFFIX over all names)", find);
  }

  private static void report(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%-50s median %.1f ms, p95 %.1f ms, max %.1f ms%n",
        what,
        s[s.length / 2] / 1e6,
        s[(int) (s.length * 0.95)] / 1e6,
        s[s.length - 1] / 1e6);
  }

  private static String create(
      TreeMap<String, IndexedEntry> tree, Random rnd, int[] vnode, int[] serial) {
    String[] ext = {".tex", ".txt", ".c", ".h", ".pdf", ".jpg", ".md", ".dat"};
    String p =
        String.format(
            "dir %03d/file-%07d%s", rnd.nextInt(1000), serial[0]++, ext[rnd.nextInt(ext.length)]);
    tree.put(
        p,
        new IndexedEntry(
            p,
            VnodeType.FILE,
            rnd.nextInt(1 << 20),
            1_400_000_000L + serial[0],
            0644,
            vnode[0],
            1,
            1));
    vnode[0] += 2;
    return p;
  }

  private static void change(
      TreeMap<String, IndexedEntry> tree,
      List<String> live,
      Random rnd,
      int[] vnode,
      int[] serial,
      int changes,
      int day,
      List<String> touched) {
    for (int i = 0; i < changes; i++) {
      int k = rnd.nextInt(live.size());
      String p = live.get(k);
      int what = rnd.nextInt(100);
      if (what < 5) {
        tree.remove(p);
        live.set(k, live.get(live.size() - 1));
        live.remove(live.size() - 1);
      } else if (what < 10) {
        String n = create(tree, rnd, vnode, serial);
        live.add(n);
        touched.add(n);
      } else {
        IndexedEntry e = tree.get(p);
        tree.put(
            p,
            new IndexedEntry(
                p,
                e.type(),
                rnd.nextInt(1 << 20),
                1_500_000_000L + day * 86400L,
                e.mode(),
                e.vnode(),
                e.uniquifier(),
                e.dataVersion() + 1));
        touched.add(p);
      }
    }
  }

  /** Bytes of a gzipped Amanda index listing these paths (directories as Amanda writes them). */
  private static long amandaIndexBytes(java.util.Collection<String> paths) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      for (String p : new java.util.TreeSet<>(paths)) {
        gz.write(("/" + (p.equals(".") ? "" : p) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.size();
  }

  private static long volume(Catalog c) throws Exception {
    try (Connection k = java.sql.DriverManager.getConnection("jdbc:sqlite:" + c.file());
        Statement s = k.createStatement()) {
      s.executeUpdate("INSERT INTO host (id, name) VALUES (1, 'bench')");
      s.executeUpdate("INSERT INTO volume (id, host_id, name) VALUES (1, 1, 'u.bench')");
    }
    return 1;
  }
}
