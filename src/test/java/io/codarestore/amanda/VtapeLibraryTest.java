package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VtapeLibraryTest {
  @TempDir Path root;

  private Path slot(int n, String labelFileName, byte[] header) throws IOException {
    Path slot = Files.createDirectories(root.resolve("slot" + n));
    if (labelFileName != null) {
      Files.write(slot.resolve(labelFileName), header);
    }
    return slot;
  }

  @Test
  void findsLabelsFromTheirHeadersAndIgnoresTheDataLink() throws IOException {
    Path s1 = slot(1, "00000.CODA-01", TestHeaders.tapestart("20240306053300", "CODA-01"));
    Path s2 = slot(2, "00000.CODA-02", TestHeaders.tapestart("20240307071800", "CODA-02"));
    slot(3, null, null); // never labelled
    Files.createSymbolicLink(root.resolve("data"), s2);
    Files.createDirectories(root.resolve("state-dir"));
    Files.write(s1.resolve("00001.localhost.u.alice.1"), new byte[10]);
    Files.write(s1.resolve("00012.localhost.coda.root.0"), new byte[10]);

    VtapeLibrary library = new VtapeLibrary(root);
    assertThat(library.labels()).containsExactly("CODA-01", "CODA-02");
    assertThat(library.slotOf("CODA-02")).contains(s2);
    assertThat(library.slotOf("CODA-03")).isEmpty();
    assertThat(library.fileOf("CODA-01", 1)).isEqualTo(s1.resolve("00001.localhost.u.alice.1"));
    assertThat(library.fileOf("CODA-01", 12)).isEqualTo(s1.resolve("00012.localhost.coda.root.0"));
    assertThat(library.warnings()).isEmpty();
    assertThatThrownBy(() -> library.fileOf("CODA-01", 2))
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining("tape CODA-01 has no file 2")
        .hasMessageContaining(s1.resolve("00002.*").toString());
    assertThatThrownBy(() -> library.fileOf("CODA-07", 1))
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining("no slot under " + root + " holds tape CODA-07");
  }

  @Test
  void theHeaderWinsOverTheFileNameAndUnreadableLabelsFallBackToIt() throws IOException {
    slot(1, "00000.CODA-01", TestHeaders.tapestart("20240306053300", "CODA-11"));
    slot(2, "00000.CODA-02", new byte[100]); // cut short
    slot(
        3,
        "00000.CODA-03",
        TestHeaders.block("AMANDA: SPLIT_FILE 20240306053300 h d  part 1/-1  lev 0 comp N\n"));
    VtapeLibrary library = new VtapeLibrary(root);
    assertThat(library.labels()).containsExactly("CODA-02", "CODA-11");
    assertThat(library.warnings())
        .anySatisfy(w -> assertThat(w).contains("the header says label CODA-11"))
        .anySatisfy(w -> assertThat(w).contains("holds only 100 bytes").contains("CODA-02"))
        .anySatisfy(w -> assertThat(w).contains("file 0 is not a tape label (SPLIT_FILE)"));
  }

  @Test
  void aLabelInTwoSlotsIsReported() throws IOException {
    slot(1, "00000.CODA-01", TestHeaders.tapestart("20240306053300", "CODA-01"));
    slot(2, "00000.CODA-01", TestHeaders.tapestart("20240306053300", "CODA-01"));
    VtapeLibrary library = new VtapeLibrary(root);
    assertThat(library.slotOf("CODA-01")).contains(root.resolve("slot1"));
    assertThat(library.warnings()).singleElement().asString().contains("in two slots");
  }

  @Test
  void aMissingRootIsReported() {
    assertThatThrownBy(() -> new VtapeLibrary(root.resolve("gone")))
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining("gone: no such vtape directory");
  }
}
