package io.codarestore.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.Datestamp;
import io.codarestore.dump.VnodeType;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file index's version intervals: unchanged names cost nothing, changes open new versions. */
class FileIndexStoreTest {
  @TempDir Path dir;
  Catalog catalog;
  long volume;

  @BeforeEach
  void open() throws Exception {
    catalog = Catalog.open(dir.resolve("c.db"));
    try (Statement s = catalog.connection().createStatement()) {
      s.executeUpdate("INSERT INTO host (id, name) VALUES (1, 'h')");
      s.executeUpdate("INSERT INTO volume (id, host_id, name) VALUES (7, 1, 'v')");
    }
    volume = 7;
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    catalog.close();
  }

  static IndexedEntry dir(String path, long vnode) {
    return new IndexedEntry(path, VnodeType.DIRECTORY, 2048, 100, 0755, vnode, 1, 1);
  }

  static IndexedEntry file(String path, long vnode, long dv, long size) {
    return new IndexedEntry(path, VnodeType.FILE, size, 1000 + dv, 0644, vnode, 1, dv);
  }

  @Test
  void versionsAreIntervalsAndTreesAreWhatEachSnapshotHeld() throws Exception {
    FileIndexStore store = catalog.fileIndex();
    FileIndexReads reads = catalog.fileIndexReads();
    List<IndexedEntry> t1 =
        List.of(dir(".", 1), dir("a b", 3), file("a b/x*.txt", 2, 1, 10), file("y", 4, 1, 5));
    List<IndexedEntry> t2 =
        List.of(dir(".", 1), dir("a b", 3), file("a b/x*.txt", 2, 2, 11), file("y", 4, 1, 5));
    List<IndexedEntry> t3 = List.of(dir(".", 1), dir("a b", 3), file("y", 4, 1, 5));
    List<IndexedEntry> t4 =
        List.of(dir(".", 1), dir("a b", 3), file("a b/x*.txt", 6, 1, 10), file("y", 4, 1, 5));
    long s1 =
        store.addDumpSnapshot(
            volume, Datestamp.parse("20240101000000"), 0, null, null, t1, List.of());
    long s2 =
        store.addDumpSnapshot(
            volume,
            Datestamp.parse("20240102000000"),
            1,
            Datestamp.parse("20240101000000"),
            0,
            t2,
            List.of());
    long s3 =
        store.addDumpSnapshot(
            volume,
            Datestamp.parse("20240103000000"),
            2,
            Datestamp.parse("20240102000000"),
            1,
            t3,
            List.of(new long[] {2, 1}));
    long s4 =
        store.addDumpSnapshot(
            volume,
            Datestamp.parse("20240104000000"),
            1,
            Datestamp.parse("20240101000000"),
            0,
            t4,
            List.of());

    assertThat(reads.treeAt(volume, s1, null)).containsExactlyElementsOf(t1);
    assertThat(reads.treeAt(volume, s2, null)).containsExactlyElementsOf(t2);
    assertThat(reads.treeAt(volume, s3, null)).containsExactlyElementsOf(t3);
    assertThat(reads.treeAt(volume, s4, null)).containsExactlyElementsOf(t4);
    assertThat(reads.treeAt(volume, s2, "a b")).containsExactly(t2.get(1), t2.get(2));

    // 'y' never changed: one row for four snapshots; the whole index is 4 + 1 + 1 rows.
    assertThat(count("SELECT count(*) FROM fi_entry")).isEqualTo(6);
    List<FileIndexReads.VersionRow> v = reads.versions(volume, "a b/x*.txt");
    assertThat(v)
        .extracting(r -> r.from().digits())
        .containsExactly("20240101000000", "20240102000000", "20240104000000");
    assertThat(v)
        .extracting(r -> r.until() == null ? null : r.until().digits())
        .containsExactly("20240102000000", "20240103000000", null);
    assertThat(v.get(2).entry().vnode()).isEqualTo(6);
    assertThat(store.removals(s3)).hasSize(1);
    assertThat(store.removals(s3).get(0)).containsExactly(2, 1);

    // find: globs, a '*' in a name, a space; exact names; periods of existence.
    assertThat(reads.find("x*.txt", null, 100)).hasSize(1);
    FileIndexReads.Match m = reads.find("*.txt", null, 100).get(0);
    assertThat(m.path()).isEqualTo("a b/x*.txt");
    assertThat(m.existed()).hasSize(2);
    assertThat(digits(m.existed().get(0)))
        .containsExactly("20240101000000", "20240102000000", "20240103000000");
    assertThat(digits(m.existed().get(1)))
        .containsExactly("20240104000000", "20240104000000", null);
    assertThat(reads.find("a b", null, 100))
        .extracting(FileIndexReads.Match::type)
        .containsExactly("directory");
    assertThat(reads.find("nothing*", null, 100)).isEmpty();
  }

  @Test
  void oncePastTheTreesSizeInChangedRowsANewEpochBeginsYetUnchangedFilesStayOneVersion()
      throws Exception {
    FileIndexStore store = catalog.fileIndex();
    FileIndexReads reads = catalog.fileIndexReads();
    List<List<IndexedEntry>> trees = new java.util.ArrayList<>();
    List<Long> snaps = new java.util.ArrayList<>();
    for (int day = 1; day <= 6; day++) {
      List<IndexedEntry> t = List.of(dir(".", 1), file("f", 2, day, 10 + day), file("g", 4, 1, 1));
      trees.add(t);
      snaps.add(
          store.addDumpSnapshot(
              volume,
              Datestamp.parse("2024010" + day + "000000"),
              day == 1 ? 0 : 1,
              null,
              null,
              t,
              List.of()));
    }
    for (int i = 0; i < snaps.size(); i++) {
      assertThat(reads.treeAt(volume, snaps.get(i), null)).containsExactlyElementsOf(trees.get(i));
    }
    // Day 1 writes 3 rows, days 2-4 one each (f); then 3 rows changed since the epoch began, as
    // many as the tree holds: day 5 starts an epoch (3 rows), day 6 writes one.
    assertThat(count("SELECT count(*) FROM fi_entry")).isEqualTo(3 + 3 + 3 + 1);
    assertThat(count("SELECT count(*) FROM fi_snapshot WHERE epoch_start = 1")).isEqualTo(2);
    assertThat(reads.versions(volume, "g")).hasSize(1);
    assertThat(reads.versions(volume, "g").get(0).until()).isNull();
    assertThat(reads.versions(volume, "f")).hasSize(6);
    assertThat(reads.find("g", null, 10).get(0).existed()).hasSize(1);
  }

  @Test
  void amandaPathsOfAChainAreTheirUnionAndReimportIsRecognised() {
    FileIndexStore store = catalog.fileIndex();
    store.addAmandaSnapshot(
        volume,
        Datestamp.parse("20240101000000"),
        0,
        "f0",
        10,
        1,
        Map.of(".", true, "a", true, "a/b", false));
    store.addAmandaSnapshot(
        volume, Datestamp.parse("20240102000000"), 1, "f1", 10, 1, Map.of(".", true, "a/c", false));
    List<IndexSnapshot> snaps = store.snapshots(volume, IndexSnapshot.AMANDA_INDEX);
    assertThat(snaps).hasSize(2);
    List<IndexedEntry> tree =
        catalog.fileIndexReads().amandaTree(List.of(snaps.get(0).id(), snaps.get(1).id()), null);
    assertThat(tree).extracting(IndexedEntry::path).containsExactly(".", "a", "a/b", "a/c");
    assertThat(tree.get(1).isDirectory()).isTrue();
    assertThat(tree.get(2).size()).isEqualTo(-1);
    assertThat(store.amandaIndexed(volume, Datestamp.parse("20240101000000"), 0, "f0", 10, 1))
        .isTrue();
    assertThat(store.amandaIndexed(volume, Datestamp.parse("20240101000000"), 0, "f0", 11, 1))
        .isFalse();
    // Replacing a file's paths replaces them.
    store.addAmandaSnapshot(
        volume, Datestamp.parse("20240101000000"), 0, "f0", 11, 1, Map.of(".", true));
    assertThat(store.snapshots(volume, IndexSnapshot.AMANDA_INDEX)).hasSize(2);
  }

  /** A span's datestamps as their digits (null stays null). */
  private static String[] digits(Datestamp[] span) {
    return java.util.Arrays.stream(span)
        .map(d -> d == null ? null : d.digits())
        .toArray(String[]::new);
  }

  private long count(String sql) throws Exception {
    try (Statement s = catalog.connection().createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
