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

  @Test
  void linesAreEscapedAsAmandaReadsThem() throws Exception {
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
            .write(tmp.resolve("names.dump"));
    DumpIndex index;
    try (DumpReader r = DumpReader.open(dump)) {
      index = DumpIndex.read(r, Cancellation.none());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    index.writeLines(out);
    assertThat(out.toString(StandardCharsets.UTF_8).split("\n", -1))
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
}
