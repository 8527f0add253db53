package io.codarestore.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.Datestamp;
import io.codarestore.dump.VnodeType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema version 4: {@code find} answers globs with a leading wildcard from the FTS5 trigram index
 * over the names, with the same results as a scan (globs, spaces, UTF-8, a {@code *} in a name,
 * case), and a catalog of version 3 gets the index of the names it already had.
 */
class NameTrigramTest {
  @TempDir Path dir;

  static final List<String> ODD =
      List.of(
          "thesis.tex",
          "Thesis.TEX",
          "old thesis (draft).tex",
          "x*.txt",
          "what?.txt",
          "résumé-2024.odt",
          "日本語のファイル.txt",
          "naïve café.md",
          "ab",
          "[brackets].log");

  /** A volume's single full dump holding the odd names and {@code n} numbered ones. */
  static List<IndexedEntry> tree(int n) {
    List<IndexedEntry> t = new ArrayList<>();
    t.add(new IndexedEntry(".", VnodeType.DIRECTORY, 2048, 100, 0755, 1, 1, 1));
    t.add(new IndexedEntry("d ir", VnodeType.DIRECTORY, 2048, 100, 0755, 3, 1, 1));
    long vnode = 4;
    for (String name : ODD) {
      t.add(new IndexedEntry("d ir/" + name, VnodeType.FILE, 1, 1, 0644, vnode += 2, 1, 1));
    }
    for (int i = 0; i < n; i++) {
      t.add(
          new IndexedEntry(
              String.format("d ir/file-%05d.dat", i),
              VnodeType.FILE,
              1,
              1,
              0644,
              vnode += 2,
              1,
              1));
    }
    return t;
  }

  static void addVolume(Catalog c, int n) throws Exception {
    try (Statement s = c.connection().createStatement()) {
      s.executeUpdate("INSERT INTO host (id, name) VALUES (1, 'h')");
      s.executeUpdate("INSERT INTO volume (id, host_id, name) VALUES (7, 1, 'v')");
    }
    c.fileIndex()
        .addDumpSnapshot(7, Datestamp.parse("20240101000000"), 0, null, null, tree(n), List.of());
  }

  @Test
  void leadingWildcardsAndSubstringsUseTheTrigramsAndFindWhatAScanFinds() throws Exception {
    try (Catalog c = Catalog.open(dir.resolve("c.db"))) {
      addVolume(c, 3000);
      List<String> names = new ArrayList<>(ODD);
      names.add("d ir");
      for (int i = 0; i < 3000; i++) {
        names.add(String.format("file-%05d.dat", i));
      }
      for (String glob :
          List.of(
              "*thesis*",
              "*.tex",
              "*.TEX",
              "*sis (dr*",
              "*x\\*.txt",
              "*x*.txt",
              "*t?.txt",
              "*ésumé*",
              "*本語の*",
              "*ïve caf*",
              "*12345*",
              "*0123*",
              "*[0-9]99.dat",
              "*[brackets]*",
              "?ab*",
              "*ab",
              "file-0001*",
              "*nothing-like-this*")) {
        TreeSet<String> expected = new TreeSet<>();
        Pattern re = globToRegex(glob);
        names.forEach(n -> addIf(expected, n, re));
        TreeSet<String> got = new TreeSet<>();
        c.fileIndexReads()
            .find(glob, null, 100_000)
            .forEach(m -> got.add(m.path().substring(m.path().lastIndexOf('/') + 1)));
        assertThat(got).as(glob).isEqualTo(expected);
      }
      assertThat(FileIndexReads.usesTrigrams("*thesis*")).isTrue();
      assertThat(FileIndexReads.usesTrigrams("*本語の*")).isTrue();
      assertThat(FileIndexReads.usesTrigrams("file-0001*")).isFalse(); // the names' own index
      assertThat(FileIndexReads.usesTrigrams("*ab")).isFalse(); // too short for a trigram
      assertThat(FileIndexReads.usesTrigrams("*[0-9]99.dat")).isTrue();
      assertThat(plan(c.connection(), "*12345*")).contains("VIRTUAL TABLE INDEX");
      integrityCheck(c.connection());
    }
  }

  static void addIf(TreeSet<String> out, String name, Pattern re) {
    if (re.matcher(name).matches()) {
      out.add(name);
    }
  }

  /** What SQLite plans for the name query of a trigram glob. */
  static String plan(Connection k, String glob) throws Exception {
    StringBuilder b = new StringBuilder();
    try (var p =
        k.prepareStatement(
            "EXPLAIN QUERY PLAN SELECT id FROM fi_name WHERE id IN"
                + " (SELECT rowid FROM fi_name_trigram WHERE name GLOB ?1) AND name GLOB ?1")) {
      p.setString(1, glob);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          b.append(r.getString(4)).append('\n');
        }
      }
    }
    return b.toString();
  }

  /** FTS5's own check that the trigram index holds exactly the names of fi_name. */
  static void integrityCheck(Connection k) throws Exception {
    try (Statement s = k.createStatement()) {
      s.executeUpdate(
          "INSERT INTO fi_name_trigram (fi_name_trigram, rank) VALUES ('integrity-check', 1)");
    }
  }

  @Test
  void aVersionThreeCatalogGetsTheTrigramsOfItsNamesOnceAndNewNamesAreAdded() throws Exception {
    Path db = dir.resolve("v3.db");
    try (Connection k =
        new org.sqlite.SQLiteConfig().createConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
      CatalogMigrations.migrate(k, db.toString(), 3);
    }
    // A version-3 catalog with names in it (written without the trigger that version 4 adds).
    try (Connection k =
        new org.sqlite.SQLiteConfig().createConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
      try (Statement s = k.createStatement()) {
        s.executeUpdate("INSERT INTO fi_name (name) VALUES ('old thesis.tex'), ('notes.md')");
        assertThat(
                s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name LIKE 'fi_name_t%'")
                    .getInt(1))
            .isZero();
      }
    }
    for (int open = 0; open < 2; open++) {
      try (Catalog c = Catalog.open(db)) {
        assertThat(CatalogMigrations.currentVersion(c.connection()))
            .isEqualTo(CatalogMigrations.latestVersion());
        integrityCheck(c.connection());
        try (Statement s = c.connection().createStatement();
            ResultSet r =
                s.executeQuery(
                    "SELECT n.name FROM fi_name n WHERE n.id IN (SELECT rowid FROM"
                        + " fi_name_trigram WHERE name GLOB '*thesis*')")) {
          assertThat(r.next()).isTrue();
          assertThat(r.getString(1)).isEqualTo("old thesis.tex");
          assertThat(r.next()).isFalse();
        }
      }
    }
    try (Catalog c = Catalog.open(db)) {
      addVolume(c, 10);
      integrityCheck(c.connection());
      assertThat(c.fileIndexReads().find("*sis (draft)*", null, 10))
          .extracting(FileIndexReads.Match::path)
          .containsExactly("d ir/old thesis (draft).tex");
    }
  }

  static Pattern globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    boolean inClass = false;
    for (int ch : glob.codePoints().toArray()) {
      if (inClass) {
        re.appendCodePoint(ch);
        inClass = ch != ']';
      } else if (ch == '*') {
        re.append(".*");
      } else if (ch == '?') {
        re.append('.');
      } else if (ch == '[') {
        re.append('[');
        inClass = true;
      } else {
        re.append(Pattern.quote(new String(Character.toChars(ch))));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
