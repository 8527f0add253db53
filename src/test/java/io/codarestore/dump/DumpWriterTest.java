package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Exact bytes of every record, from the byte-level examples of spec sections 3, 4, 5 and 13. */
class DumpWriterTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final DumpWriter w = new DumpWriter(out);

  private static VersionVector vv(int site0, int host, int uniq, int flags) {
    int[] s = new int[8];
    s[0] = site0;
    return new VersionVector(s, host, uniq, flags);
  }

  @Test
  void incrementalHeaderOfSpecSection13() {
    w.writeHeader(
        new DumpHeader(0x01000A02, 0x01000A01, "u.jan.0.backup", 0x65A0F000, 1, 100, 118));
    assertThat(out.toByteArray())
        .isEqualTo(
            Hex.bytes(
                """
                01 b3 a1 13 22 00 00 00 02
                76 01 00 0a 02
                70 01 00 0a 01
                6e 00 00 00 0f 75 2e 6a 61 6e 2e 30 2e 62 61 63 6b 75 70 00
                62 65 a0 f0 00
                69 00 00 00 01
                49 00 00 00 64 00 00 00 76
                """));
    // spec 4.1: 9 + 5 + 5 + (5+len+1) + 5 + 5 + 9 bytes
    assertThat(w.offset()).isEqualTo(9 + 5 + 5 + (5 + 14 + 1) + 5 + 5 + 9);
  }

  @Test
  void fileVnodeOfSpecSection13() {
    VnodeRecord r =
        new VnodeRecord(
            4,
            7,
            VnodeType.FILE,
            0644,
            1,
            5,
            3,
            vv(2, 0x80020A05, 0x123, 0),
            0x65A0F000,
            1001,
            1001,
            1,
            1,
            null);
    w.writeVnode(r);
    w.beginFileData(5);
    w.writeData("hello".getBytes(StandardCharsets.US_ASCII), 0, 5);
    assertThat(out.toByteArray())
        .isEqualTo(
            Hex.bytes(
                """
                05 00 00 00 04 00 00 00 07   74 01   62 01 a4   6c 00 01   4c 00 00 00 05   76 00 00 00 03
                56 30 00 00 00 02 31 00 00 00 00 32 00 00 00 00 33 00 00 00 00 34 00 00 00 00
                   35 00 00 00 00 36 00 00 00 00 37 00 00 00 00 73 80 02 0a 05 75 00 00 01 23 66 00 00 00 00 07
                6d 65 a0 f0 00   61 00 00 03 e9   6f 00 00 03 e9   70 00 00 00 01   71 00 00 00 01
                0c 00 00 00 05 68 65 6c 6c 6f
                """));
    assertThat(w.dataLeft()).isZero();
  }

  @Test
  void removedVnodeAndEndMarkerOfSpecSection13() {
    w.writeRemovedVnode(6, 9);
    w.writeEnd();
    assertThat(out.toByteArray()).isEqualTo(Hex.bytes("0d 00 00 00 06 00 00 00 09 08 3a 21 4b 6e"));
  }

  @Test
  void nullVnodeAndBadInodeAreOneByteEach() {
    w.writeNullVnode();
    w.writeBadInode();
    assertThat(out.toByteArray()).isEqualTo(new byte[] {10, 14});
  }

  @Test
  void versionVectorIs57BytesWithElevenFields() {
    int[] sites = {1, 2, 3, 4, 5, 6, 7, -1};
    VnodeRecord r =
        new VnodeRecord(
            1,
            1,
            VnodeType.DIRECTORY,
            0755,
            2,
            2048,
            0,
            new VersionVector(sites, 0x11223344, 0x55667788, 0x99),
            0,
            0,
            0,
            1,
            1,
            "0\n0\n");
    w.writeVnode(r);
    byte[] b = out.toByteArray();
    // D_VNODE(9) t(2) b(3) l(3) L(5) v(5), then the VV
    int at = 9 + 2 + 3 + 3 + 5 + 5;
    assertThat(Hex.text(b, at, 57))
        .isEqualTo(
            Hex.text(
                Hex.bytes(
                    """
                    56 30 00 00 00 01 31 00 00 00 02 32 00 00 00 03 33 00 00 00 04
                    34 00 00 00 05 35 00 00 00 06 36 00 00 00 07 37 ff ff ff ff
                    73 11 22 33 44 75 55 66 77 88 66 00 00 00 99 07
                    """),
                0,
                57));
    // then m a o p q (5 bytes each) and, for a directory only, X: the ACL with its NUL
    int acl = at + 57 + 25;
    assertThat(Hex.text(b, acl, b.length - acl)).isEqualTo("58 00 00 00 05 30 0a 30 0a 00");
  }

  @Test
  void aclIsWrittenOnlyForDirectories() {
    VnodeRecord file =
        new VnodeRecord(
            2,
            2,
            VnodeType.FILE,
            0644,
            1,
            0,
            0,
            VersionVector.EMPTY,
            0,
            0,
            0,
            1,
            1,
            "1\n0\nx\t1\n");
    w.writeVnode(file);
    assertThat(out.size()).isEqualTo(9 + 2 + 3 + 3 + 5 + 5 + 57 + 25);
  }

  @Test
  void directoryWithoutAclGetsTheEmptyAcl() {
    w.writeVnode(
        new VnodeRecord(
            3, 3, VnodeType.DIRECTORY, 0755, 2, 2048, 0, VersionVector.EMPTY, 0, 0, 0, 1, 1, null));
    byte[] b = out.toByteArray();
    assertThat(Hex.text(b, b.length - 10, 10)).isEqualTo("58 00 00 00 05 30 0a 30 0a 00");
  }

  @Test
  void indexHeaders() {
    long large = w.writeIndexHeader(new IndexHeader(VnodeClass.LARGE, 5, 128));
    long small = w.writeIndexHeader(new IndexHeader(VnodeClass.SMALL, 44, 256));
    assertThat(out.toByteArray())
        .isEqualTo(
            Hex.bytes("04 76 00 00 00 05 73 00 00 00 80   03 76 00 00 00 2c 73 00 00 01 00"));
    // where each vnode count lies (a merge into a file writes it last, in place)
    assertThat(large).isEqualTo(2);
    assertThat(small).isEqualTo(11 + 2);
  }

  @Test
  void volumeDataFieldsInSpecOrder() {
    int[] sites = new int[8];
    sites[1] = 0x118;
    VolumeDiskData v =
        new VolumeDiskData(
            0x01000A02,
            1,
            "u.jan.0.backup",
            "/vicepa",
            1,
            1,
            0x2A,
            2,
            0x01000A01,
            0,
            3,
            4,
            5,
            6,
            7,
            8,
            9,
            0x0A0B,
            10,
            11,
            12,
            13,
            14,
            15,
            16,
            "off",
            "",
            new int[] {1, 2, 3, 4, 5, 6, 7},
            17,
            18,
            new VersionVector(sites, 0x80020A05, 0x77, 0));
    w.writeVolumeData(v);
    byte[] expected =
        Hex.bytes(
            """
            09
            69 01 00 0a 02  76 00 00 00 01
            6e 00 00 00 0f 75 2e 6a 61 6e 2e 30 2e 62 61 63 6b 75 70 00
            50 00 00 00 08 2f 76 69 63 65 70 61 00
            73 01  2b 01  75 00 00 00 2a  74 02
            70 01 00 0a 01  67 00 00 00 00  63 00 00 00 03  62 00 00 00 04
            71 00 00 00 05  6d 00 00 00 06  78 00 00 00 07  64 00 00 00 08  66 00 00 00 09
            6c 0a 0b
            61 00 00 00 0a  6f 00 00 00 0b
            43 00 00 00 0c  41 00 00 00 0d  55 00 00 00 0e  45 00 00 00 0f  42 00 00 00 10
            4f 00 00 00 04 6f 66 66 00  4d 00 00 00 01 00
            57 00 00 00 07 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00 05 00 00 00 06 00 00 00 07
            44 00 00 00 11  5a 00 00 00 12
            56 30 00 00 00 00 31 00 00 01 18 32 00 00 00 00 33 00 00 00 00 34 00 00 00 00
               35 00 00 00 00 36 00 00 00 00 37 00 00 00 00 73 80 02 0a 05 75 00 00 00 77 66 00 00 00 00 07
            """);
    assertThat(Hex.text(out.toByteArray(), 0, out.size()))
        .isEqualTo(Hex.text(expected, 0, expected.length));
  }

  @Test
  void directoryPagesEachTaggedP() {
    byte[] pages = new byte[2 * 2048];
    Arrays.fill(pages, 0, 2048, (byte) 0xAA);
    Arrays.fill(pages, 2048, 4096, (byte) 0xBB);
    w.writeDirectoryPages(pages);
    byte[] b = out.toByteArray();
    assertThat(b).hasSize(5 + 2 * 2049);
    assertThat(Hex.text(b, 0, 6)).isEqualTo("0b 00 00 00 02 50");
    assertThat(b[5 + 2049]).isEqualTo((byte) 'P');
    assertThat(b[6]).isEqualTo((byte) 0xAA);
    assertThat(b[5 + 2049 + 1]).isEqualTo((byte) 0xBB);
  }

  @Test
  void directoryPagesMustBeOneTo128WholePages() {
    assertThatThrownBy(() -> w.writeDirectoryPages(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.writeDirectoryPages(new byte[2047]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.writeDirectoryPages(new byte[129 * 2048]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(out.size()).isZero();
  }

  @Test
  void stringsStopAtTheirFirstNul() {
    w.writeHeader(new DumpHeader(1, 2, "ab\0cd", 0, 0, 0, 0));
    byte[] b = out.toByteArray();
    assertThat(Hex.text(b, 19, 8)).isEqualTo("6e 00 00 00 03 61 62 00");
  }

  @Test
  void fileDataMustBeDeliveredAsDeclared() {
    w.beginFileData(4);
    w.writeData(new byte[] {1, 2}, 0, 2);
    assertThat(w.dataLeft()).isEqualTo(2);
    assertThatThrownBy(() -> w.writeData(new byte[3], 0, 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("more file data than declared (2 left)");
    assertThatThrownBy(w::writeEnd)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2 bytes of file data were declared but not written");
    assertThatThrownBy(() -> w.writeNullVnode()).isInstanceOf(IllegalStateException.class);
    w.writeData(new byte[] {3, 4}, 0, 2);
    w.writeEnd();
    assertThat(Hex.text(out.toByteArray(), 0, out.size()))
        .isEqualTo("0c 00 00 00 04 01 02 03 04 08 3a 21 4b 6e");
  }

  @Test
  void fileDataLengthMustFitThirtyTwoBits() {
    assertThatThrownBy(() -> w.beginFileData(1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.beginFileData(-1)).isInstanceOf(IllegalArgumentException.class);
    w.beginFileData(0xFFFFFFFFL);
    assertThat(Hex.text(out.toByteArray(), 0, 5)).isEqualTo("0c ff ff ff ff");
  }

  @Test
  void offsetCountsEveryByte() {
    w.writeNullVnode();
    w.writeRemovedVnode(2, 3);
    w.beginFileData(3);
    w.writeData(new byte[] {9, 9, 9}, 0, 3);
    assertThat(w.offset()).isEqualTo(out.size()).isEqualTo(1 + 9 + 5 + 3);
  }
}
