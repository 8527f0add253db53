package io.codarestore.bench;

import io.codarestore.catalog.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Name search benchmark (run by hand, not a test): the file index's table of distinct names ({@code
 * fi_name}, with the trigram index schema 4 keeps beside it) filled with NAMES distinct names, as
 * many as 500 volumes' catalogs would hold; then {@code find}'s name lookups: an exact name, a
 * {@code prefix*} glob, and globs with a leading wildcard ({@code *12345*}, {@code *sis-0*.tex})
 * through the trigram index and, for comparison, by scanning every name. Stops filling after
 * MINUTES minutes (and says how far it got).
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.codarestore.bench.FileIndexNamesBench [DIR [NAMES [MINUTES]]]
 * </pre>
 */
public final class FileIndexNamesBench {
  private static final String[] WORDS = {
    "thesis", "notes", "report", "data", "figure", "main", "paper", "draft", "slides", "budget",
    "photo", "scan", "results", "table", "letter", "backup", "config", "index", "chapter", "mail"
  };
  private static final String[] EXT = {".tex", ".txt", ".c", ".h", ".pdf", ".jpg", ".md", ".dat"};

  private FileIndexNamesBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/names-bench");
    long names = args.length > 1 ? Long.parseLong(args[1]) : 20_000_000L;
    double minutes = args.length > 2 ? Double.parseDouble(args[2]) : 10;
    Files.createDirectories(dir);
    Path db = dir.resolve("names.db");
    for (String s : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(dir.resolve("names.db" + s));
    }
    long made = 0;
    long t0 = System.nanoTime();
    Catalog.open(db).close(); // the schema, with the trigram index and its triggers
    try (Connection k = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db)) {
      k.setAutoCommit(false);
      Random rnd = new Random(7);
      try (PreparedStatement p = k.prepareStatement("INSERT INTO fi_name (name) VALUES (?)")) {
        while (made < names && (System.nanoTime() - t0) / 60e9 < minutes) {
          for (int i = 0; i < 100_000; i++, made++) {
            p.setString(1, name(made, rnd));
            p.addBatch();
          }
          p.executeBatch();
          k.commit();
          if (made % 1_000_000 == 0) {
            System.out.printf(
                Locale.ROOT, "%d names: %.1f s%n", made, (System.nanoTime() - t0) / 1e9);
          }
        }
      }
      k.setAutoCommit(true);
      try (Statement s = k.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
      double build = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%d distinct names in %.1f s; file %.1f MiB (names and their trigram index)%n",
          made,
          build,
          Files.size(db) / 1048576.0);
      queries(k, made, rnd);
    }
  }

  /** A distinct name: a word, a serial number, an extension (some with a space). */
  static String name(long serial, Random rnd) {
    String w = WORDS[rnd.nextInt(WORDS.length)];
    return String.format(
        Locale.ROOT,
        "%s%s%07d%s",
        w,
        rnd.nextInt(10) == 0 ? " " : "-",
        serial,
        EXT[(int) (serial % EXT.length)]);
  }

  private static void queries(Connection k, long made, Random rnd) throws Exception {
    String trigram =
        "SELECT id FROM fi_name WHERE id IN (SELECT rowid FROM fi_name_trigram WHERE name GLOB ?1)"
            + " AND name GLOB ?1";
    String scan = "SELECT id FROM fi_name WHERE name GLOB ?1";
    List<String> digits = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      digits.add("*" + String.format(Locale.ROOT, "%05d", rnd.nextInt(100_000)) + "*");
    }
    time(
        k,
        "exact name (unique index)",
        "SELECT id FROM fi_name WHERE name = ?1",
        List.of(name(made / 2, new Random(1)), "thesis-0000042.tex", "no such name"));
    time(k, "prefix glob thesis-00012* (unique index)", scan, List.of("thesis-00012*"));
    time(k, "*NNNNN* via trigrams", trigram, digits);
    time(k, "*sis-00012*.tex via trigrams", trigram, List.of("*sis-00012*.tex"));
    time(k, "*NNNNN* scanning every name", scan, digits.subList(0, 3));
  }

  private static void time(Connection k, String what, String sql, List<String> patterns)
      throws Exception {
    long[] ns = new long[patterns.size()];
    long found = 0;
    try (PreparedStatement p = k.prepareStatement(sql)) {
      for (int i = 0; i < ns.length; i++) {
        long t = System.nanoTime();
        p.setString(1, patterns.get(i));
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            found++;
          }
        }
        ns[i] = System.nanoTime() - t;
      }
    }
    Arrays.sort(ns);
    System.out.printf(
        Locale.ROOT,
        "%-45s median %.1f ms, max %.1f ms (%d queries, %.1f names found each)%n",
        what,
        ns[ns.length / 2] / 1e6,
        ns[ns.length - 1] / 1e6,
        ns.length,
        (double) found / ns.length);
  }
}
