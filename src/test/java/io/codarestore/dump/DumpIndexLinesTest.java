package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.Cancellation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index lines of a dump: plain names as they are, a backslash doubled and a tab as an octal
 * escape (in file and directory names alike), UTF-8 names as they are; only files whose data the
 * dump holds.
 */
class DumpIndexLinesTest {
  @TempDir Path tmp;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path craft() throws Exception {
    byte[] root =
        DirectoryPagesBuilder.directory(1, 1, 1, 1)
            .add(b("plain"), 2, 2)
            .add(b("back\\slash"), 4, 3)
            .add(b("tab\tname"), 6, 4)
            .add(b("caf\u00e9"), 8, 5)
            .add(b("sub\\dir"), 3, 2)
            .add(b("gone"), 12, 9)
            .build();
    byte[] sub = DirectoryPagesBuilder.directory(3, 2, 1, 1).add(b("in\\side"), 10, 6).build();
    Path dump =
        new CraftedDump()
            .dir(1, 1, 0, 0, 0755, 1700000000, root)
            .dir(3, 2, 1, 1, 0755, 1700000100, sub)
            .file(2, 2, 0644, 1700000001, "a")
            .file(4, 3, 0644, 1700000002, "b")
            .file(6, 4, 0644, 1700000003, "c")
            .file(8, 5, 0644, 1700000004, "d")
            .file(10, 6, 3, 2, 0644, 1700000005, b("e"))
            .removed(14, 10)
            .write(tmp.resolve("names.dump"));
    return dump;
  }

  /** The index lines as text (also used by SkimmedFilesTest). */
  static String lines(DumpIndex index) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    index.writeLines(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void linesAreEscapedAsAmandaReadsThem() throws Exception {
    Path dump = craft();
    DumpIndex index;
    try (DumpReader r = DumpReader.open(dump)) {
      index = DumpIndex.read(r, Cancellation.none());
    }
    assertThat(index.fileRecords()).isEqualTo(5);
    assertThat(index.removedRecords()).isEqualTo(1);
    assertThat(lines(index).split("\n", -1))
        .containsExactlyInAnyOrder(
            "/",
            "/sub\\\\dir/",
            "/plain",
            "/back\\\\slash",
            "/tab\\011name",
            "/caf\u00e9",
            "/sub\\\\dir/in\\\\side",
            "");
  }

  /**
   * File records in the writer's layout are skimmed (no entry built) and their data skipped; the
   * index equals the one read entry by entry, from a file and from a stream that is cut short.
   */
  @Test
  void skimmedRecordsGiveTheIndexOfEntryByEntryReading() throws Exception {
    Path dump = craft();
    DumpIndex fast;
    DumpIndex slow;
    try (DumpReader r = DumpReader.open(dump)) {
      fast = DumpIndex.read(r, Cancellation.none());
      assertThat(r.fastReads()).as("file records skimmed").isEqualTo(5);
    }
    try (DumpReader r = DumpReader.open(dump).withoutFastPath()) {
      slow = DumpIndex.read(r, Cancellation.none());
      assertThat(r.fastReads()).isZero();
    }
    assertThat(lines(fast)).isEqualTo(lines(slow));
    assertThat(fast.fileRecords()).isEqualTo(slow.fileRecords());
    byte[] all = java.nio.file.Files.readAllBytes(dump);
    // cut short: the last records and the end marker are missing
    byte[] cut = java.util.Arrays.copyOf(all, all.length - 20);
    try (DumpReader r = DumpReader.ofSkippingStream(new java.io.ByteArrayInputStream(cut), "cut")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> DumpIndex.read(r, Cancellation.none()))
          .isInstanceOf(DumpFormatException.class)
          .hasMessageContaining("truncated");
    }
  }
}
