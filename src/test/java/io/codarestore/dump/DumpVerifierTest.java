package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.Cancellation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semantic checks of {@code verify} (spec section 7) on crafted dumps. */
class DumpVerifierTest {
  @TempDir Path dir;

  VerifyReport verify(SmallDump d) {
    return new DumpVerifier(Cancellation.none()).verify(d.write(dir.resolve("v.dump")));
  }

  static SmallDump good() {
    return MergeRulesTest.base();
  }

  @Test
  void aSoundFullDump() {
    VerifyReport r = verify(good());
    assertThat(r.ok()).isTrue();
    assertThat(r.warnings()).isEmpty();
    assertThat(r.directories()).isEqualTo(2);
    assertThat(r.files()).isEqualTo(3);
    assertThat(r.removed()).isZero();
    assertThat(r.fileBytes()).isEqualTo("alpha".length() + "bravo".length() + "charlie".length());
    assertThat(r.header()).isEqualTo(good().header());
  }

  @Test
  void aSoundIncrementalWithNullsRemovalsAndBadInodesOfItsOwn() {
    SmallDump i =
        SmallDump.incremental(1, 10, 20)
            .large(128)
            .count(2)
            .nullVnode()
            .small(256)
            .count(3)
            .removed(4, 3)
            .nullVnode();
    VerifyReport r = verify(i);
    assertThat(r.errors()).isEmpty();
    assertThat(r.removed()).isEqualTo(1);
  }

  @Test
  void nullAndRemovedRecordsInAFullDump() {
    VerifyReport r = verify(good().nullVnode().removed(8, 9));
    assertThat(r.errors())
        .hasSize(2)
        .anySatisfy(e -> assertThat(e).contains("null vnode record in a full dump"))
        .anySatisfy(e -> assertThat(e).contains("removed-vnode record 8.9 in a full dump"));
  }

  @Test
  void countsOfAFullDumpMustMatchItsRecords() {
    VerifyReport r = verify(good().count(4));
    assertThat(r.errors())
        .singleElement()
        .asString()
        .contains("small (file) index header says 4 vnodes, 3 are present");
  }

  @Test
  void theRootMustBePresent() {
    SmallDump noRoot =
        SmallDump.full(3)
            .large(128)
            .dir(3, 4, 1, 1, CraftedDirectory.make(3, 4, 1, 1), 1)
            .small(256);
    assertThat(verify(noRoot).errors())
        .containsExactly("the root directory (vnode 1.1) is missing");
  }

  @Test
  void parityAndSlotRange() {
    SmallDump d =
        SmallDump.full(3)
            .large(128)
            .dir(1, 1, CraftedDirectory.root())
            .dir(2, 5, 1, 1, CraftedDirectory.make(2, 5, 1, 1), 1)
            .small(256)
            .file(514, 6, "beyond");
    VerifyReport r = verify(d);
    assertThat(r.errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("vnode 2 has the wrong parity for the large (directory) index"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("vnode 514 lies outside the 256 lists of the small (file) index"));
  }

  @Test
  void recordKindsPerIndex() {
    VnodeRecord dirInSmall = SmallDump.record(2, 2, VnodeType.DIRECTORY, 3, 1, 1, 1);
    SmallDump d =
        SmallDump.full(3)
            .large(128)
            .dir(1, 1, CraftedDirectory.root())
            .small(256)
            .raw(dirInSmall, new byte[3]);
    assertThat(verify(d).errors())
        .anySatisfy(e -> assertThat(e).contains("vnode 2.2 in the file index has directory"));
  }

  @Test
  void dataLengthMustMatchTheLengthField() {
    VnodeRecord says10 = SmallDump.record(2, 2, VnodeType.FILE, 10, 1, 1, 1);
    SmallDump d =
        SmallDump.full(3)
            .large(128)
            .dir(1, 1, CraftedDirectory.root().add("f", 2, 2))
            .small(256)
            .raw(says10, new byte[7]);
    assertThat(verify(d).errors())
        .singleElement()
        .asString()
        .contains("vnode 2.2: length field says 10 bytes, 7 bytes of data follow");
  }

  @Test
  void aBadInodeIsAnError() {
    SmallDump d =
        SmallDump.full(3)
            .large(128)
            .dir(1, 1, CraftedDirectory.root().add("f", 2, 2))
            .small(256)
            .badInode(2, 2);
    assertThat(verify(d).errors())
        .singleElement()
        .asString()
        .contains(
            "vnode 2.2 has no data (the server could not read it; Coda's merge aborts on it)");
  }

  @Test
  void aVnodeTwice() {
    SmallDump d =
        SmallDump.full(3)
            .large(128)
            .dir(1, 1, CraftedDirectory.root().add("f", 2, 2))
            .small(256)
            .file(2, 2, "one")
            .file(2, 2, "two");
    assertThat(verify(d).errors())
        .anySatisfy(e -> assertThat(e).contains("vnode 2.2 appears twice"));
  }

  @Test
  void damagedDirectoryPagesAndAcls() {
    byte[] pages = CraftedDirectory.root().pages();
    pages[6] = 0; // bitmap no longer matches
    VnodeRecord root = SmallDump.record(1, 1, VnodeType.DIRECTORY, 2048, 1, 1, 1);
    VnodeRecord badAcl =
        new VnodeRecord(
            3,
            4,
            VnodeType.DIRECTORY,
            0755,
            2,
            2048,
            1,
            VersionVector.EMPTY,
            0,
            0,
            0,
            1,
            1,
            "x\ny\n");
    SmallDump d = SmallDump.full(3).large(128);
    d.dir(1, 1, CraftedDirectory.root().add("d", 3, 4));
    d.dir(3, 4, 1, 1, CraftedDirectory.make(3, 4, 1, 1), 1);
    VerifyReport okRoot = verify(d.small(256));
    assertThat(okRoot.ok()).isTrue();
    // the same volume with a damaged root page and an unparsable ACL
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    DumpWriter w = new DumpWriter(out);
    SmallDump h = SmallDump.full(3);
    w.writeHeader(h.header());
    w.writeVolumeData(h.volume());
    w.writeIndexHeader(new IndexHeader(VnodeClass.LARGE, 2, 128));
    w.writeVnode(root);
    w.writeDirectoryPages(pages);
    w.writeVnode(badAcl);
    w.writeDirectoryPages(CraftedDirectory.make(3, 4, 1, 1).pages());
    w.writeIndexHeader(new IndexHeader(VnodeClass.SMALL, 0, 256));
    w.writeEnd();
    Path p = dir.resolve("raw.dump");
    try {
      java.nio.file.Files.write(p, out.toByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    VerifyReport r = new DumpVerifier(Cancellation.none()).verify(p);
    assertThat(r.errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("directory 1.1: page 0: blob bitmap does not match the entries"))
        .anySatisfy(e -> assertThat(e).contains("directory 3.4: ACL number 'x' is not a number"));
  }

  @Test
  void danglingNamesAndOrphansAreWarnings() {
    SmallDump d =
        SmallDump.full(3)
            .large(128)
            .dir(1, 1, CraftedDirectory.root().add("gone", 4, 9))
            .small(256)
            .file(2, 2, "nobody names me");
    VerifyReport r = verify(d);
    assertThat(r.ok()).isTrue();
    assertThat(r.warnings())
        .anySatisfy(
            w -> assertThat(w).contains("names 'gone' -> 4.9, which the dump does not hold"))
        .anySatisfy(w -> assertThat(w).contains("1 vnodes are not reachable from the root"));
  }

  @Test
  void cancellationStopsVerify() {
    Cancellation c = Cancellation.none();
    c.cancel();
    Path p = good().write(dir.resolve("c.dump"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DumpVerifier(c).verify(p))
        .isInstanceOf(Cancellation.CancelledException.class);
  }
}
