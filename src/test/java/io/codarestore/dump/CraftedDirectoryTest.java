package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The directory-page builder of the tests against the worked example of spec section 5, and the
 * engine's reader ({@link DirectoryPages}) against the builder's pages.
 */
class CraftedDirectoryTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void hashBucketsOfTheSpecExample() {
    assertThat(DirectoryPages.hash(utf8("."))).isEqualTo(46);
    assertThat(DirectoryPages.hash(utf8(".."))).isEqualTo(68);
    assertThat(DirectoryPages.hash(utf8("report.txt"))).isEqualTo(6);
    assertThat(CraftedDirectory.hash(utf8("report.txt"))).isEqualTo(6);
  }

  @Test
  void hashTakesBytesAsSignedChars() {
    // a negative h: bucket is 128 - (h & 127); h for one byte 0xFF is -1 -> t = 127 -> 1
    assertThat(DirectoryPages.hash(new byte[] {(byte) 0xFF})).isEqualTo(1);
    // 0x80 = -128 -> t = 0 -> bucket 0
    assertThat(DirectoryPages.hash(new byte[] {(byte) 0x80})).isEqualTo(0);
    byte[] umlaut = utf8("übung");
    assertThat(DirectoryPages.hash(umlaut)).isEqualTo(CraftedDirectory.hash(umlaut));
  }

  @Test
  void blobsPerName() {
    // 1 + ((strlen + 1 + 15) >> 5): up to 16 bytes fit the first blob with its 12-byte header
    assertThat(DirectoryPages.blobsFor(1)).isEqualTo(1);
    assertThat(DirectoryPages.blobsFor(16)).isEqualTo(2);
    assertThat(DirectoryPages.blobsFor(15)).isEqualTo(1);
    assertThat(DirectoryPages.blobsFor(255)).isEqualTo(9);
  }

  @Test
  void workedExampleOfSpecSection5() {
    byte[] p = CraftedDirectory.root().add("report.txt", 4, 7).pages();
    assertThat(p).hasSize(2048);
    assertThat(Hex.text(p, 0, 13)).isEqualTo("00 00 04 d2 30 ff ff 00 00 00 00 00 00");
    assertThat(p[32]).isEqualTo((byte) 0x30);
    for (int i = 1; i < 128; i++) {
      assertThat(p[32 + i]).isEqualTo((byte) 0x40);
    }
    assertThat(Hex.text(p, 160 + 2 * 6, 2)).isEqualTo("00 0f");
    assertThat(Hex.text(p, 160 + 2 * 46, 2)).isEqualTo("00 0d");
    assertThat(Hex.text(p, 160 + 2 * 68, 2)).isEqualTo("00 0e");
    assertThat(Hex.text(p, 480, 23))
        .isEqualTo("01 00 00 00 00 00 00 04 00 00 00 07 72 65 70 6f 72 74 2e 74 78 74 00");
  }

  @Test
  void readerListsTheExampleInEnumerationOrder() throws Exception {
    byte[] p = CraftedDirectory.root().add("report.txt", 4, 7).pages();
    DirectoryPages.validate(p);
    assertThat(DirectoryPages.entries(p))
        .extracting(DirectoryEntry::toString)
        .containsExactly("report.txt -> 4.7", ". -> 1.1", ".. -> 1.1");
  }

  @Test
  void sameBucketChainsFrontToBack() throws Exception {
    // find two names in one bucket: the later insert comes first
    String a = "a0";
    String b = null;
    for (int i = 1; b == null; i++) {
      String n = "a" + i;
      if (CraftedDirectory.hash(utf8(n)) == CraftedDirectory.hash(utf8(a))) {
        b = n;
      }
    }
    byte[] p = CraftedDirectory.root().add(a, 2, 2).add(b, 4, 3).pages();
    DirectoryPages.validate(p);
    List<String> names = new ArrayList<>();
    for (DirectoryEntry e : DirectoryPages.entries(p)) {
      names.add(e.displayName());
    }
    assertThat(names.indexOf(b)).isEqualTo(names.indexOf(a) - 1);
  }

  @Test
  void growsToASecondPageWhenTheFirstIsFull() throws Exception {
    CraftedDirectory d = CraftedDirectory.root();
    // page 0: 51 free blobs minus "." and ".." = 49; 2-blob names (16..47 bytes)
    for (int i = 0; i < 30; i++) {
      d.add(String.format("a-file-with-name-%03d", i), 2 * i + 2, i + 10);
    }
    byte[] p = d.pages();
    assertThat(d.pageCount()).isEqualTo(2);
    assertThat(p[32] & 0xFF).isEqualTo(1); // 49 - 24*2
    assertThat(p[33] & 0xFF).isEqualTo(63 - 12);
    assertThat(p[34] & 0xFF).isEqualTo(64);
    DirectoryPages.validate(p);
    assertThat(DirectoryPages.entries(p)).hasSize(32);
  }

  @Test
  void removalFreesBlobsAndKeepsTheStructureValid() throws Exception {
    CraftedDirectory d = CraftedDirectory.root().add("x", 2, 2).add("y", 4, 3).add("z", 6, 4);
    d.remove("y");
    byte[] p = d.pages();
    DirectoryPages.validate(p);
    assertThat(DirectoryPages.entries(p))
        .extracting(DirectoryEntry::displayName)
        .containsExactlyInAnyOrder(".", "..", "x", "z");
    // the freed blob is the first free one again
    d.add("w", 8, 5);
    assertThat(DirectoryPages.entries(d.pages()))
        .filteredOn(e -> e.displayName().equals("w"))
        .singleElement()
        .satisfies(e -> assertThat(e.vnode()).isEqualTo(8));
    assertThat(p[4] & 0xFF).isEqualTo(51 - 4);
  }

  @Test
  void validateRejectsDamagedPages() {
    byte[] good = CraftedDirectory.root().add("report.txt", 4, 7).pages();
    byte[] tag = good.clone();
    tag[3] = 0;
    assertThatThrownBy(() -> DirectoryPages.validate(tag))
        .hasMessageContaining("page 0 has tag 1024, expected 1234");
    byte[] bitmap = good.clone();
    bitmap[6] = 0x7F;
    assertThatThrownBy(() -> DirectoryPages.validate(bitmap))
        .hasMessageContaining("blob bitmap does not match");
    byte[] chain = good.clone();
    chain[160 + 12 + 1] = 0x7F; // bucket 6 points to blob 127 (beyond page 0)
    assertThatThrownBy(() -> DirectoryPages.validate(chain)).hasMessageContaining("hash chain 6");
    byte[] bucket = good.clone();
    bucket[160 + 12 + 1] = 0;
    bucket[160 + 14 + 1] = 0x0f; // report.txt moved to bucket 7
    assertThatThrownBy(() -> DirectoryPages.validate(bucket))
        .hasMessageContaining("is in hash bucket 7, its name hashes to 6");
    byte[] allo = good.clone();
    allo[33] = 3;
    assertThatThrownBy(() -> DirectoryPages.validate(allo))
        .hasMessageContaining("allocation map marks page 1 beyond the 1 pages");
    byte[] unterminated = good.clone();
    java.util.Arrays.fill(unterminated, 492, 2048, (byte) 'x');
    assertThatThrownBy(() -> DirectoryPages.validate(unterminated))
        .hasMessageContaining("is not terminated");
    assertThatThrownBy(() -> DirectoryPages.validate(new byte[100]))
        .hasMessageContaining("is not 1..128 pages");
  }
}
