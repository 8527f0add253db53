package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every record kind, field-order variants and every refusal of the streaming reader. */
class DumpReaderTest {
  @TempDir Path tmp;

  static final CraftedDirectory ROOT =
      CraftedDirectory.root().add("a", 2, 2).add("link", 4, 3).add("sub", 3, 4);

  /** A full dump with a subdirectory, a file and a symlink. */
  static SmallDump sampleFull() {
    return SmallDump.full(50)
        .large(128)
        .dir(1, 1, ROOT)
        .dir(3, 4, 1, 1, CraftedDirectory.make(3, 4, 1, 1), 1)
        .small(256)
        .file(2, 2, "hello")
        .symlink(4, 3, "a");
  }

  /** An incremental with every kind of record. */
  static SmallDump sampleIncremental() {
    return SmallDump.incremental(1, 50, 60)
        .large(128)
        .count(2)
        .dir(1, 1, 1, 1, ROOT.copy().add("b", 6, 7), 2)
        .small(256)
        .count(4)
        .file(6, 7, "new file", 1)
        .removed(8, 5)
        .nullVnode()
        .badInode(10, 9);
  }

  static DumpReader reader(byte[] b) {
    return new DumpReader(new ByteArrayInputStream(b), "test.dump");
  }

  DumpReader fileReader(byte[] b) throws IOException {
    Path p = Files.createTempFile(tmp, "d", ".dump");
    Files.write(p, b);
    return DumpReader.open(p);
  }

  static byte[] headerBytes(DumpHeader h) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    new DumpWriter(o).writeHeader(h);
    return o.toByteArray();
  }

  static byte[] volumeBytes(VolumeDiskData v) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    new DumpWriter(o).writeVolumeData(v);
    return o.toByteArray();
  }

  /** The dump with its header replaced by {@code header} bytes. */
  static byte[] withHeader(SmallDump d, byte[] header) {
    byte[] all = d.bytes();
    int old = headerBytes(d.header()).length;
    return new RawBytes().bytes(header).bytes(all, old, all.length).toByteArray();
  }

  /** The dump with its volume data replaced by {@code volume} bytes. */
  static byte[] withVolume(SmallDump d, byte[] volume) {
    byte[] all = d.bytes();
    int h = headerBytes(d.header()).length;
    int v = volumeBytes(d.volume()).length;
    return new RawBytes()
        .bytes(all, 0, h)
        .bytes(volume)
        .bytes(all, h + v, all.length)
        .toByteArray();
  }

  /** Offset where the large index starts. */
  static int largeIndexAt(SmallDump d) {
    return headerBytes(d.header()).length + volumeBytes(d.volume()).length;
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(byte[] dump) {
    return assertThatThrownBy(
            () -> {
              try (DumpReader r = reader(dump)) {
                readEverything(r);
              }
            })
        .isInstanceOf(DumpFormatException.class);
  }

  /** Reads everything, payloads included; returns one line per record. */
  static List<String> readEverything(DumpReader r) {
    List<String> out = new ArrayList<>();
    r.header();
    r.volumeData();
    for (int i = 0; i < 2; i++) {
      IndexHeader h = r.nextIndex();
      out.add(h.vnodeClass() + " " + h.vnodeCount() + "/" + h.listCount());
      IndexEntry e;
      while ((e = r.nextEntry()) != null) {
        if (e instanceof IndexEntry.Vnode v) {
          ByteArrayOutputStream data = new ByteArrayOutputStream();
          r.copyPayload(data);
          out.add(
              "vnode "
                  + v.record().fid()
                  + " "
                  + v.payload()
                  + " "
                  + v.payloadLength()
                  + " "
                  + data.size());
        } else if (e instanceof IndexEntry.RemovedVnode rm) {
          out.add("removed " + rm.fid());
        } else {
          out.add("null");
        }
      }
    }
    r.readEnd();
    return out;
  }

  @Test
  void readsEveryRecordKindOfAFullDump() throws IOException {
    SmallDump d = sampleFull();
    try (DumpReader r = reader(d.bytes())) {
      assertThat(r.header()).isEqualTo(d.header());
      assertThat(r.volumeData()).isEqualTo(d.volume());
      IndexHeader large = r.nextIndex();
      assertThat(large).isEqualTo(new IndexHeader(VnodeClass.LARGE, 2, 128));
      assertThat(r.currentIndex()).isEqualTo(large);
      IndexEntry.Vnode root = (IndexEntry.Vnode) r.nextEntry();
      assertThat(root.record())
          .isEqualTo(SmallDump.record(1, 1, VnodeType.DIRECTORY, 2048, 1, 1, 1));
      assertThat(root.record().acl()).isEqualTo(SmallDump.ACL);
      assertThat(root.payload()).isEqualTo(IndexEntry.Payload.DIRECTORY_PAGES);
      assertThat(root.pages()).isEqualTo(1);
      assertThat(root.offset()).isEqualTo(largeIndexAt(d) + 11);
      assertThat(root.payloadOffset()).isEqualTo(r.offset());
      assertThat(r.directoryPages()).isEqualTo(ROOT.pages());
      IndexEntry.Vnode sub = (IndexEntry.Vnode) r.nextEntry();
      assertThat(sub.record().fid()).isEqualTo("3.4");
      assertThat(r.nextEntry()).isNull();
      assertThat(r.nextIndex()).isEqualTo(new IndexHeader(VnodeClass.SMALL, 2, 256));
      IndexEntry.Vnode file = (IndexEntry.Vnode) r.nextEntry();
      assertThat(file.record()).isEqualTo(SmallDump.record(2, 2, VnodeType.FILE, 5, 1, 1, 1));
      assertThat(file.payload()).isEqualTo(IndexEntry.Payload.FILE_DATA);
      assertThat(file.payloadLength()).isEqualTo(5);
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      assertThat(r.copyPayload(data)).isEqualTo(5);
      assertThat(data.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
      IndexEntry.Vnode link = (IndexEntry.Vnode) r.nextEntry();
      assertThat(link.record().type()).isEqualTo(VnodeType.SYMLINK);
      assertThat(link.record().acl()).isNull();
      assertThat(new String(r.smallFileData(4096), StandardCharsets.UTF_8)).isEqualTo("a");
      assertThat(r.nextEntry()).isNull();
      r.readEnd();
      assertThat(r.offset()).isEqualTo(d.bytes().length);
    }
  }

  @Test
  void readsNullRemovedAndBadInodeRecordsOfAnIncremental() throws IOException {
    byte[] b = sampleIncremental().bytes();
    for (DumpReader r : List.of(reader(b), fileReader(b))) {
      try (r) {
        assertThat(r.header().isIncremental()).isTrue();
        assertThat(r.header().level()).isEqualTo(1);
        assertThat(readEverything(r))
            .containsExactly(
                "LARGE 2/128",
                "vnode 1.1 DIRECTORY_PAGES 2048 2048",
                "SMALL 4/256",
                "vnode 6.7 FILE_DATA 8 8",
                "removed 8.5",
                "null",
                "vnode 10.9 BAD_INODE 0 0");
      }
    }
  }

  @Test
  void unreadPayloadsAreSkipped() throws IOException {
    byte[] b = sampleFull().bytes();
    for (DumpReader r : List.of(reader(b), fileReader(b))) {
      try (r) {
        r.nextIndex();
        List<String> fids = new ArrayList<>();
        IndexEntry e;
        while ((e = r.nextEntry()) != null) {
          fids.add(((IndexEntry.Vnode) e).record().fid());
        }
        r.nextIndex();
        while ((e = r.nextEntry()) != null) {
          fids.add(((IndexEntry.Vnode) e).record().fid());
        }
        r.readEnd();
        assertThat(fids).containsExactly("1.1", "3.4", "2.2", "4.3");
      }
    }
  }

  @Test
  void readEndAloneWalksTheRest() throws IOException {
    byte[] b = sampleIncremental().bytes();
    try (DumpReader r = reader(b)) {
      r.header();
      r.readEnd();
      assertThat(r.offset()).isEqualTo(b.length);
      assertThatThrownBy(r::readEnd)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("end marker was read already");
    }
    try (DumpReader r = reader(b)) {
      r.nextIndex();
      r.readEnd();
      assertThat(r.offset()).isEqualTo(b.length);
    }
  }

  @Test
  void nextIndexSkipsTheRestOfTheLargeIndex() throws IOException {
    try (DumpReader r = reader(sampleFull().bytes())) {
      r.nextIndex();
      r.nextEntry();
      assertThat(r.nextIndex().vnodeClass()).isEqualTo(VnodeClass.SMALL);
      assertThat(((IndexEntry.Vnode) r.nextEntry()).record().fid()).isEqualTo("2.2");
    }
  }

  @Test
  void directoryPayloadIsCopiedWithoutPageTags() throws IOException {
    CraftedDirectory big = CraftedDirectory.root();
    for (int i = 0; i < 60; i++) {
      big.add("entry-with-a-long-name-" + i, 2 * i + 2, i + 2);
    }
    byte[] b = SmallDump.full(9).large(128).dir(1, 1, big).small(256).bytes();
    try (DumpReader r = reader(b)) {
      r.nextIndex();
      IndexEntry.Vnode v = (IndexEntry.Vnode) r.nextEntry();
      assertThat(v.pages()).isEqualTo(big.pageCount()).isGreaterThan(1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      r.copyPayload(out);
      assertThat(out.toByteArray()).isEqualTo(big.pages());
    }
  }

  @Test
  void dumpHeaderAloneFromStreamAndFile() throws IOException {
    SmallDump d = sampleIncremental();
    assertThat(DumpHeader.read(new ByteArrayInputStream(d.bytes()), "x")).isEqualTo(d.header());
    Path p = d.write(tmp.resolve("incr.dump"));
    assertThat(DumpHeader.read(p)).isEqualTo(d.header());
    assertThat(d.header().uniquifiers()).isEqualTo("(50, 60)");
  }

  // --- field order variants ---------------------------------------------------------------

  @Test
  void headerFieldsInAnyOrder() throws IOException {
    SmallDump d = sampleFull();
    DumpHeader h = d.header();
    byte[] reordered =
        new RawBytes()
            .u8(1)
            .i32(Tags.DUMPBEGINMAGIC)
            .i32(2)
            .u8('I')
            .i32(h.oldest())
            .i32(h.latest())
            .f32('i', h.level())
            .str('n', h.name())
            .f32('b', h.backupDate())
            .f32('p', h.parentId())
            .f32('v', h.volumeId())
            .toByteArray();
    try (DumpReader r = reader(withHeader(d, reordered))) {
      assertThat(r.header()).isEqualTo(h);
      readEverything(r);
    }
  }

  @Test
  void volumeFieldsInAnyOrderAndUnsetOnesZero() throws IOException {
    SmallDump d = sampleFull();
    byte[] vol =
        new RawBytes()
            .u8(9)
            .vv('V', 77, 5, 6)
            .str('n', "vol.backup")
            .u8('t', 2)
            .f32('i', 0x0100BEEF)
            .u8('l')
            .u16(0xFFFF)
            .toByteArray();
    try (DumpReader r = reader(withVolume(d, vol))) {
      VolumeDiskData v = r.volumeData();
      assertThat(v.id()).isEqualTo(0x0100BEEF);
      assertThat(v.name()).isEqualTo("vol.backup");
      assertThat(v.type()).isEqualTo(2);
      assertThat(v.linkcount()).isEqualTo(0xFFFF);
      assertThat(v.versionVector().site(0)).isEqualTo(77);
      assertThat(v.versionVector().storeHost()).isEqualTo(5);
      assertThat(v.versionVector().storeUniquifier()).isEqualTo(6);
      assertThat(v.partition()).isEmpty();
      assertThat(v.motd()).isEmpty();
      assertThat(v.weekUse()).containsOnly(0);
      assertThat(v.uniquifier()).isZero();
      readEverything(r);
    }
  }

  @Test
  void weekUseKeepsSevenEntriesOfAnyCount() throws IOException {
    SmallDump d = sampleFull();
    RawBytes eight = new RawBytes().u8(9).u8('W').i32(8);
    for (int i = 1; i <= 8; i++) {
      eight.i32(i);
    }
    try (DumpReader r = reader(withVolume(d, eight.toByteArray()))) {
      assertThat(r.volumeData().weekUse()).containsExactly(1, 2, 3, 4, 5, 6, 7);
      readEverything(r);
    }
    byte[] huge = new RawBytes().u8(9).u8('W').i32(100_000).toByteArray();
    assertRefused(withVolume(d, huge)).hasMessageContaining("implausible week-use count 100000");
  }

  @Test
  void indexHeaderFieldsInAnyOrder() throws IOException {
    byte[] good =
        SmallDump.full(3).large(128).dir(1, 1, CraftedDirectory.root()).small(256).bytes();
    int at = largeIndexAt(SmallDump.full(3));
    byte[] b = good.clone();
    // 04 'v' n 's' n  ->  04 's' n 'v' n
    byte[] swapped = new RawBytes().u8(4).f32('s', 128).f32('v', 1).toByteArray();
    System.arraycopy(swapped, 0, b, at, swapped.length);
    try (DumpReader r = reader(b)) {
      assertThat(r.nextIndex()).isEqualTo(new IndexHeader(VnodeClass.LARGE, 1, 128));
      r.readEnd();
    }
  }

  @Test
  void vnodeFieldsInAnyOrderAndVersionVectorFieldsInAnyOrder() throws IOException {
    SmallDump d = SmallDump.full(3).large(128).dir(1, 1, CraftedDirectory.root()).small(256);
    byte[] good = d.bytes();
    byte[] pages = CraftedDirectory.root().pages();
    RawBytes rec =
        new RawBytes()
            .u8(5)
            .i32(1)
            .i32(1)
            .str('X', "0\n0\n")
            .f32('q', 1)
            .f32('p', 1)
            .f32('o', 7)
            .u8('V')
            .f32('f', 3)
            .f32('u', 0x42)
            .f32('7', 9)
            .f32('s', 0x80)
            .f32('0', 1)
            .u8(7)
            .f32('L', 2048)
            .u8('l')
            .u16(2)
            .u8('b')
            .u16(0755)
            .u8('t', 2)
            .u8(11)
            .i32(1)
            .u8('P')
            .bytes(pages);
    int at = largeIndexAt(d) + 11;
    int recLen = good.length - at - 11 - 5; // small index header and end marker follow
    byte[] b =
        new RawBytes()
            .bytes(good, 0, at)
            .bytes(rec.toByteArray())
            .bytes(good, at + recLen, good.length)
            .toByteArray();
    try (DumpReader r = reader(b)) {
      r.nextIndex();
      VnodeRecord v = ((IndexEntry.Vnode) r.nextEntry()).record();
      assertThat(v.type()).isEqualTo(VnodeType.DIRECTORY);
      assertThat(v.mode()).isEqualTo(0755);
      assertThat(v.linkCount()).isEqualTo(2);
      assertThat(v.length()).isEqualTo(2048);
      assertThat(v.owner()).isEqualTo(7);
      assertThat(v.author()).isZero();
      assertThat(v.modifyTime()).isZero();
      assertThat(v.acl()).isEqualTo("0\n0\n");
      assertThat(v.versionVector().sites()).containsExactly(1, 0, 0, 0, 0, 0, 0, 9);
      assertThat(v.versionVector().storeHost()).isEqualTo(0x80);
      assertThat(v.versionVector().storeUniquifier()).isEqualTo(0x42);
      assertThat(v.versionVector().flags()).isEqualTo(3);
      assertThat(r.directoryPages()).isEqualTo(pages);
      r.readEnd();
    }
  }

  // --- strings --------------------------------------------------------------------------------

  @Test
  void stringsWithAndWithoutTerminatingNul() throws IOException {
    SmallDump d = sampleFull();
    DumpHeader h = d.header();
    record Case(int length, byte[] content, String expected) {}
    List<Case> cases =
        List.of(
            new Case(4, "abc\0".getBytes(StandardCharsets.ISO_8859_1), "abc"),
            new Case(3, "abc".getBytes(StandardCharsets.ISO_8859_1), "abc"),
            new Case(6, "ab\0cd\0".getBytes(StandardCharsets.ISO_8859_1), "ab"),
            new Case(1, new byte[] {0}, ""),
            new Case(0, new byte[0], ""),
            new Case(3, new byte[] {(byte) 0xC3, (byte) 0xBC, 0}, "\u00c3\u00bc"));
    for (Case c : cases) {
      byte[] header =
          new RawBytes()
              .u8(1)
              .i32(Tags.DUMPBEGINMAGIC)
              .i32(2)
              .f32('v', h.volumeId())
              .f32('p', h.parentId())
              .str('n', c.length(), c.content())
              .f32('b', h.backupDate())
              .f32('i', 0)
              .u8('I')
              .i32(h.oldest())
              .i32(h.latest())
              .toByteArray();
      try (DumpReader r = reader(withHeader(d, header))) {
        assertThat(r.header().name()).as("length %d", c.length()).isEqualTo(c.expected());
        readEverything(r);
      }
    }
  }

  @Test
  void implausibleStringLengthIsRefusedBeforeReading() {
    SmallDump d = sampleFull();
    byte[] header =
        new RawBytes()
            .u8(1)
            .i32(Tags.DUMPBEGINMAGIC)
            .i32(2)
            .f32('v', 5)
            .u8('n')
            .i32(0xFFFFFFF0)
            .toByteArray();
    assertRefused(withHeader(d, header))
        .hasMessageEndingWith(
            "offset 15: header volume name: implausible length 4294967280 (at most 65536"
                + " expected)");
  }

  // --- header refusals ------------------------------------------------------------------------

  static byte[] header(int volumeId, int level, int magic, int version) {
    return new RawBytes()
        .u8(1)
        .i32(magic)
        .i32(version)
        .f32('v', volumeId)
        .f32('p', SmallDump.REPLICA)
        .str('n', SmallDump.NAME)
        .f32('b', 0)
        .f32('i', level)
        .u8('I')
        .i32(1)
        .i32(1)
        .toByteArray();
  }

  @Test
  void volumeIdZeroOrMissingIsRefused() {
    SmallDump d = sampleFull();
    assertRefused(withHeader(d, header(0, 0, Tags.DUMPBEGINMAGIC, 2)))
        .hasMessage("test.dump: offset 0: dump header has no (or a zero) volume id");
    byte[] noId = new RawBytes().u8(1).i32(Tags.DUMPBEGINMAGIC).i32(2).f32('i', 0).toByteArray();
    assertRefused(withHeader(d, noId)).hasMessageContaining("no (or a zero) volume id");
  }

  @Test
  void levelOutOfRangeIsRefused() throws IOException {
    SmallDump d = sampleFull();
    assertRefused(withHeader(d, header(7, 10, Tags.DUMPBEGINMAGIC, 2)))
        .hasMessage("test.dump: offset 0: dump level 10 is not 0..9");
    assertRefused(withHeader(d, header(7, -1, Tags.DUMPBEGINMAGIC, 2)))
        .hasMessageContaining("dump level -1 is not 0..9");
    try (DumpReader r = reader(withHeader(d, header(7, 9, Tags.DUMPBEGINMAGIC, 2)))) {
      assertThat(r.header().level()).isEqualTo(9);
    }
  }

  @Test
  void badMagicVersionOrFirstByteIsRefused() {
    SmallDump d = sampleFull();
    assertRefused(withHeader(d, header(7, 0, 0xB3A11323, 2)))
        .hasMessage(
            "test.dump: offset 1: not a Coda dump: bad begin magic 0xb3a11323, expected"
                + " 0xb3a11322");
    assertRefused(withHeader(d, header(7, 0, Tags.DUMPBEGINMAGIC, 3)))
        .hasMessage("test.dump: offset 5: unsupported dump version 3, expected 2");
    byte[] b = d.bytes();
    b[0] = 0x1F;
    assertRefused(b)
        .hasMessage(
            "test.dump: offset 0: not a Coda dump: first byte is 31, expected 1 (dump header)");
    assertRefused(new byte[0]).hasMessage("test.dump: offset 0: empty file: not a Coda dump");
    assertRefused("GIF89a....".getBytes(StandardCharsets.US_ASCII))
        .hasMessageContaining("not a Coda dump");
  }

  // --- unknown tags ---------------------------------------------------------------------------

  @Test
  void unknownHeaderFieldIsRefused() {
    SmallDump d = sampleFull();
    byte[] h =
        new RawBytes().u8(1).i32(Tags.DUMPBEGINMAGIC).i32(2).f32('v', 5).f32('Q', 1).toByteArray();
    assertRefused(withHeader(d, h))
        .hasMessage("test.dump: offset 14: unknown dump-header field 'Q' (81)");
  }

  @Test
  void unknownVolumeFieldIsRefused() {
    SmallDump d = sampleFull();
    int at = headerBytes(d.header()).length;
    byte[] v = new RawBytes().u8(9).f32('i', 5).f32('z', 1).toByteArray();
    assertRefused(withVolume(d, v))
        .hasMessage("test.dump: offset " + (at + 6) + ": unknown volume-data field 'z' (122)");
  }

  @Test
  void unknownIndexHeaderFieldAndBadListCountsAreRefused() {
    SmallDump d = SmallDump.full(3).large(128).dir(1, 1, CraftedDirectory.root()).small(256);
    int at = largeIndexAt(d);
    byte[] b = d.bytes();
    b[at + 1] = 'w';
    assertRefused(b)
        .hasMessage("test.dump: offset " + (at + 1) + ": unknown index-header field 'w' (119)");
    byte[] zero = d.bytes();
    zero[at + 9] = 0;
    zero[at + 10] = 0;
    assertRefused(zero)
        .hasMessage(
            "test.dump: offset " + at + ": large (directory) index has an invalid list count 0");
    byte[] negative = d.bytes();
    negative[at + 7] = (byte) 0x80;
    assertRefused(negative).hasMessageContaining("invalid list count 2147483776");
    byte[] missing =
        new RawBytes()
            .bytes(d.bytes(), 0, at)
            .u8(4)
            .f32('v', 1)
            .bytes(d.bytes(), at + 11, d.bytes().length)
            .toByteArray();
    assertRefused(missing)
        .hasMessageContaining(
            "large (directory) index header lacks the vnode count or the list count");
  }

  @Test
  void unknownVnodeFieldAndOldBinaryAclAreRefused() {
    SmallDump d = SmallDump.full(3).large(128).dir(1, 1, CraftedDirectory.root()).small(256);
    int rec = largeIndexAt(d) + 11;
    byte[] b = d.bytes();
    b[rec + 9] = 'T'; // the type field tag
    assertRefused(b)
        .hasMessage("test.dump: offset " + (rec + 9) + ": vnode 1.1: unknown vnode field 'T' (84)");
    byte[] acl = d.bytes();
    int x = rec + 9 + 2 + 3 + 3 + 5 + 5 + 57 + 25;
    assertThat(acl[x]).isEqualTo((byte) 'X');
    acl[x] = 'A';
    assertRefused(acl)
        .hasMessageContaining(
            "offset "
                + x
                + ": vnode 1.1: old binary ACL ('A'), written by servers before 2000,"
                + " is not supported");
  }

  @Test
  void versionVectorMustEndWithItsTerminator() {
    SmallDump d = SmallDump.full(3).large(128).dir(1, 1, CraftedDirectory.root()).small(256);
    int rec = largeIndexAt(d) + 11;
    int vv = rec + 9 + 2 + 3 + 3 + 5 + 5;
    byte[] b = d.bytes();
    assertThat(b[vv]).isEqualTo((byte) 'V');
    b[vv + 56] = 5; // D_VNODE instead of D_ENDVV
    assertRefused(b)
        .hasMessage(
            "test.dump: offset "
                + (vv + 56)
                + ": vnode 1.1 version vector: expected the end of the version vector (7), found"
                + " byte 5");
    byte[] unknown = d.bytes();
    unknown[vv + 1 + 5 * 3] = 'x'; // site 3's tag
    assertRefused(unknown)
        .hasMessageContaining(
            "offset " + (vv + 16) + ": vnode 1.1 version vector: unknown version-vector field 'x'");
  }

  @Test
  void unexpectedRecordTagsInIndexesAreRefused() {
    SmallDump d = sampleIncremental();
    byte[] b = d.bytes();
    int nul = indexOfNull(b);
    b[nul] = 9;
    assertRefused(b)
        .hasMessage(
            "test.dump: offset "
                + nul
                + ": expected a vnode record (5), a null (10) or removed vnode (13) or the next"
                + " section (8) in the small (file) index, found byte 9");
  }

  @Test
  void theSmallIndexMustFollowTheLargeOne() {
    SmallDump d = sampleFull();
    byte[] all = d.bytes();
    // drop the whole small index: the large index is followed by the end marker
    int small = indexOfSmallIndex(all, d);
    byte[] b =
        new RawBytes().bytes(all, 0, small).bytes(all, all.length - 5, all.length).toByteArray();
    assertRefused(b)
        .hasMessageContaining(
            "offset "
                + small
                + ": expected a vnode record (5), a null (10) or removed vnode (13)"
                + " or the next section (3) in the large (directory) index, found byte 8");
  }

  @Test
  void missingVolumeDataIsRefused() {
    SmallDump d = sampleFull();
    byte[] all = d.bytes();
    int h = headerBytes(d.header()).length;
    byte[] b =
        new RawBytes()
            .bytes(all, 0, h)
            .bytes(all, h + volumeBytes(d.volume()).length, all.length)
            .toByteArray();
    assertRefused(b)
        .hasMessage("test.dump: offset " + h + ": expected the volume data (9), found byte 4");
  }

  // --- data sections --------------------------------------------------------------------------

  static byte[] directoryWithPageCount(int pages) {
    SmallDump d = SmallDump.full(3).large(128).dir(1, 1, CraftedDirectory.root()).small(256);
    byte[] b = d.bytes();
    int at = pageCountAt(b, d);
    b[at] = (byte) (pages >>> 24);
    b[at + 1] = (byte) (pages >>> 16);
    b[at + 2] = (byte) (pages >>> 8);
    b[at + 3] = (byte) pages;
    return b;
  }

  static int pageCountAt(byte[] b, SmallDump d) {
    int rec = largeIndexAt(d) + 11;
    int at = rec + 9 + 2 + 3 + 3 + 5 + 5 + 57 + 25 + 5 + SmallDump.ACL.length() + 1;
    assertThat(b[at]).isEqualTo((byte) Tags.D_DIRPAGES);
    return at + 1;
  }

  @Test
  void directoryPageCountZeroOr129OrHugeIsRefused() {
    for (int n : new int[] {0, 129, 100_000, -1}) {
      byte[] b = directoryWithPageCount(n);
      int at = pageCountAt(b, SmallDump.full(3));
      assertRefused(b)
          .hasMessage(
              "test.dump: offset "
                  + at
                  + ": vnode 1.1: directory page count "
                  + DumpHeader.unsigned(n)
                  + " is not 1..128");
    }
  }

  @Test
  void directoryPagesBeyondTheEndOfTheFileAreRefusedUpFront() throws IOException {
    byte[] b = directoryWithPageCount(128);
    try (DumpReader r = fileReader(b)) {
      r.nextIndex();
      assertThatThrownBy(r::nextEntry)
          .isInstanceOf(DumpFormatException.class)
          .hasMessageContaining("truncated dump: vnode 1.1 directory pages needs 262272 bytes");
    }
  }

  @Test
  void pageTagMustBeP() throws IOException {
    SmallDump d = SmallDump.full(3).large(128).dir(1, 1, CraftedDirectory.root()).small(256);
    byte[] b = d.bytes();
    int tag = pageCountAt(b, d) + 4;
    assertThat(b[tag]).isEqualTo((byte) 'P');
    b[tag] = 'Q';
    String expected =
        "test.dump: offset "
            + tag
            + ": directory 1.1 page 0: expected the page tag 'P', found 'Q'"
            + " (81)";
    // read path
    assertRefused(b).hasMessage(expected);
    // skip path
    try (DumpReader r = reader(b)) {
      r.nextIndex();
      r.nextEntry();
      assertThatThrownBy(r::nextEntry).hasMessage(expected);
    }
  }

  @Test
  void directoryIndexRecordsNeedPagesAndFileIndexRecordsNeedData() {
    SmallDump wrongData =
        SmallDump.full(3).large(128).dir(1, 1, CraftedDirectory.root()).small(256).file(2, 2, "x");
    byte[] b = wrongData.bytes();
    int rec = indexOfSmallIndex(b, wrongData) + 11;
    int dataTag = rec + 9 + 2 + 3 + 3 + 5 + 5 + 57 + 25;
    assertThat(b[dataTag]).isEqualTo((byte) Tags.D_FILEDATA);
    b[dataTag] = Tags.D_DIRPAGES;
    assertRefused(b)
        .hasMessage(
            "test.dump: offset " + dataTag + ": vnode 2.2: expected file data (12), found byte 11");
    // a bad-inode marker in the directory index
    byte[] d = SmallDump.full(3).large(128).dir(1, 1, CraftedDirectory.root()).small(256).bytes();
    int pc = pageCountAt(d, SmallDump.full(3)) - 1;
    byte[] bad =
        new RawBytes()
            .bytes(d, 0, pc)
            .u8(Tags.D_BADINODE)
            .bytes(d, pc + 5 + 2049, d.length)
            .toByteArray();
    assertRefused(bad)
        .hasMessage(
            "test.dump: offset "
                + pc
                + ": vnode 1.1: expected directory pages (11), found byte 14");
  }

  @Test
  void fileLengthBeyondTheEndOfTheFileIsRefusedBeforeReading() throws IOException {
    SmallDump d =
        SmallDump.full(3)
            .large(128)
            .dir(1, 1, CraftedDirectory.root())
            .small(256)
            .file(2, 2, "hello");
    byte[] b = d.bytes();
    int len = indexOfSmallIndex(b, d) + 11 + 9 + 2 + 3 + 3 + 5 + 5 + 57 + 25 + 1;
    b[len] = (byte) 0xFF;
    b[len + 1] = (byte) 0xFF;
    b[len + 2] = (byte) 0xFF;
    b[len + 3] = (byte) 0xF0;
    try (DumpReader r = fileReader(b)) {
      r.nextIndex();
      r.nextIndex();
      assertThatThrownBy(r::nextEntry)
          .isInstanceOf(DumpFormatException.class)
          .hasMessageEndingWith(
              "offset "
                  + (len + 4)
                  + ": truncated dump: vnode 2.2 file data needs 4294967280 bytes but the file ends"
                  + " 10 bytes later");
    }
    // a stream does not know its size: the data is streamed until the end of file
    try (DumpReader r = reader(b)) {
      r.nextIndex();
      r.nextIndex();
      IndexEntry.Vnode v = (IndexEntry.Vnode) r.nextEntry();
      assertThat(v.payloadLength()).isEqualTo(0xFFFFFFF0L);
      assertThatThrownBy(() -> r.copyPayload(OutputStreamNull.INSTANCE))
          .isInstanceOf(DumpFormatException.class)
          .hasMessageContaining("truncated dump: end of file inside vnode 2.2 file data");
    }
  }

  @Test
  void lengthsAreUnsigned() throws IOException {
    VnodeRecord big = SmallDump.record(2, 2, VnodeType.FILE, 0xFFFFFFFFL, 1, 1, 1);
    byte[] b =
        SmallDump.full(3)
            .large(128)
            .dir(1, 1, CraftedDirectory.root())
            .small(256)
            .raw(big, new byte[3])
            .bytes();
    try (DumpReader r = reader(b)) {
      r.nextIndex();
      r.nextIndex();
      IndexEntry.Vnode v = (IndexEntry.Vnode) r.nextEntry();
      assertThat(v.record().length()).isEqualTo(4294967295L);
      assertThat(v.payloadLength()).isEqualTo(3);
    }
  }

  // --- the end --------------------------------------------------------------------------------

  @Test
  void endMarkerMagicAndTrailingBytes() {
    byte[] good = sampleFull().bytes();
    byte[] magic = good.clone();
    magic[magic.length - 1] ^= 1;
    assertRefused(magic)
        .hasMessage(
            "test.dump: offset "
                + (good.length - 4)
                + ": bad end magic 0x3a214b6f, expected 0x3a214b6e");
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertRefused(trailing)
        .hasMessage("test.dump: offset " + good.length + ": unexpected bytes after the end marker");
    byte[] noEnd = Arrays.copyOf(good, good.length - 5);
    assertRefused(noEnd)
        .hasMessage(
            "test.dump: offset "
                + (good.length - 5)
                + ": expected a vnode record (5), a null (10) or removed vnode (13) or the next"
                + " section (8) in the small (file) index, found end of file");
  }

  // --- state errors ---------------------------------------------------------------------------

  @Test
  void callsOutOfOrderAreStateErrors() throws IOException {
    byte[] b = sampleFull().bytes();
    try (DumpReader r = reader(b)) {
      assertThatThrownBy(r::nextEntry)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not inside a vnode index");
      assertThatThrownBy(() -> r.copyPayload(OutputStreamNull.INSTANCE))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no unread vnode data");
      r.nextIndex();
      r.nextEntry();
      assertThatThrownBy(() -> r.smallFileData(10))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exceeds 10");
      r.directoryPages();
      assertThatThrownBy(r::directoryPages)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no unread vnode data");
      r.nextIndex();
      r.nextEntry();
      assertThatThrownBy(r::directoryPages)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("vnode 2.2 is not a directory");
      r.readEnd();
      assertThatThrownBy(r::nextIndex)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("both indexes were read already");
      assertThatThrownBy(r::readEnd)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("end marker was read already");
      // header and volume data stay available
      assertThat(r.header()).isEqualTo(sampleFull().header());
      assertThat(r.volumeData()).isEqualTo(sampleFull().volume());
    }
  }

  @Test
  void streamAndFileReadersAgree() throws IOException {
    for (SmallDump d : List.of(sampleFull(), sampleIncremental())) {
      byte[] b = d.bytes();
      List<String> fromStream;
      try (DumpReader r = reader(b)) {
        fromStream = readEverything(r);
      }
      try (DumpReader r = fileReader(b)) {
        assertThat(readEverything(r)).isEqualTo(fromStream);
        assertThat(r.size()).isEqualTo(b.length);
      }
    }
  }

  @Test
  void vnodeAtRereadsARecordAnywhereInAFile() throws IOException {
    byte[] b = sampleIncremental().bytes();
    List<IndexEntry.Vnode> scanned = new ArrayList<>();
    List<VnodeClass> classes = new ArrayList<>();
    try (DumpReader r = fileReader(b)) {
      for (int i = 0; i < 2; i++) {
        IndexHeader h = r.nextIndex();
        IndexEntry e;
        while ((e = r.nextEntry()) != null) {
          if (e instanceof IndexEntry.Vnode v) {
            scanned.add(v);
            classes.add(h.vnodeClass());
          }
        }
      }
    }
    assertThat(scanned).hasSize(3);
    try (DumpReader again = fileReader(b)) {
      for (int k : new int[] {2, 0, 1, 1, 2, 0}) {
        assertThat(again.vnodeAt(scanned.get(k).offset(), classes.get(k)))
            .isEqualTo(scanned.get(k));
      }
      assertThatThrownBy(() -> again.vnodeAt(scanned.get(0).offset() + 1, VnodeClass.LARGE))
          .isInstanceOf(DumpFormatException.class)
          .hasMessageContaining(
              "offset "
                  + (scanned.get(0).offset() + 1)
                  + ": expected a vnode record (5) here,"
                  + " found byte 0");
    }
    try (DumpReader stream = reader(b)) {
      assertThatThrownBy(() -> stream.vnodeAt(scanned.get(0).offset(), VnodeClass.LARGE))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  static int indexOfSmallIndex(byte[] all, SmallDump d) {
    try (DumpReader r = reader(all)) {
      r.nextIndex();
      while (r.nextEntry() != null) {
        // skip the large index
      }
      return (int) r.offset();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static int indexOfNull(byte[] all) {
    try (DumpReader r = reader(all)) {
      r.nextIndex();
      r.nextIndex();
      IndexEntry e;
      while ((e = r.nextEntry()) != null) {
        if (e instanceof IndexEntry.NullVnode n) {
          return (int) n.offset();
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no null record");
  }

  /** Discards bytes. */
  static final class OutputStreamNull extends java.io.OutputStream {
    static final OutputStreamNull INSTANCE = new OutputStreamNull();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
