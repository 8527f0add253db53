package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records the merge may copy verbatim are exactly those the writer would write byte for byte
 * ({@link DumpReader#lastVnodeCanonical}); every other record is written again. A merged dump is
 * therefore canonical however its inputs were laid out, and a merge into a file (which copies runs
 * of canonical records) equals a merge into a stream (which writes every record).
 */
class CanonicalRecordsTest {
  /** Offset of 'X' in a record laid out in the writer's order. */
  static final int X_AT = 9 + 2 + 3 + 3 + 5 + 5 + 57 + 25;

  @TempDir Path dir;

  static final byte[] BIG = new byte[100_000];

  static {
    new Random(3).nextBytes(BIG);
  }

  /** A full dump: root, directory 3.4 between big files, small file 4.3 between big files. */
  static SmallDump base() {
    CraftedDirectory root =
        CraftedDirectory.root()
            .add("a", 2, 2)
            .add("b", 4, 3)
            .add("c", 6, 4)
            .add("d", 3, 5)
            .add("e", 5, 6);
    return SmallDump.full(10)
        .large(128)
        .dir(1, 1, root)
        .dir(3, 5, 1, 1, CraftedDirectory.make(3, 5, 1, 1), 1)
        .dir(5, 6, 1, 1, CraftedDirectory.make(5, 6, 1, 1), 1)
        .small(256)
        .data(2, 2, VnodeType.FILE, BIG, 1)
        .file(4, 3, "small one")
        .data(6, 4, VnodeType.FILE, BIG, 1);
  }

  /** A damage that keeps the dump readable but lays one record out differently. */
  record Variant(String name, UnaryOperator<byte[]> change) {
    @Override
    public String toString() {
      return name;
    }
  }

  static int recordAt(byte[] dump, String fid) {
    try (DumpReader r = new DumpReader(new ByteArrayInputStream(dump), "x")) {
      for (int i = 0; i < 2; i++) {
        r.nextIndex();
        IndexEntry e;
        while ((e = r.nextEntry()) != null) {
          if (e instanceof IndexEntry.Vnode v && v.record().fid().equals(fid)) {
            return (int) v.offset();
          }
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no record " + fid);
  }

  static byte[] splice(byte[] b, int from, int to, byte[] insert) {
    return new RawBytes().bytes(b, 0, from).bytes(insert).bytes(b, to, b.length).toByteArray();
  }

  static Stream<Variant> variants() {
    return Stream.of(
        new Variant(
            "mode before type",
            b -> {
              int r = recordAt(b, "4.3");
              byte[] t = {b[r + 9], b[r + 10]};
              byte[] m = {b[r + 11], b[r + 12], b[r + 13]};
              return splice(b, r + 9, r + 14, new RawBytes().bytes(m).bytes(t).toByteArray());
            }),
        new Variant(
            "version vector sites swapped",
            b -> {
              int vv = recordAt(b, "4.3") + 9 + 2 + 3 + 3 + 5 + 5 + 1;
              byte[] c = b.clone();
              System.arraycopy(b, vv, c, vv + 5, 5);
              System.arraycopy(b, vv + 5, c, vv, 5);
              return c;
            }),
        new Variant(
            "ACL without its NUL",
            b -> {
              int x = recordAt(b, "3.5") + X_AT;
              byte[] acl = SmallDump.ACL.getBytes(StandardCharsets.ISO_8859_1);
              return splice(
                  b,
                  x,
                  x + 5 + acl.length + 1,
                  new RawBytes().str('X', acl.length, acl).toByteArray());
            }),
        new Variant(
            "ACL with two NULs",
            b -> {
              int x = recordAt(b, "3.5") + X_AT;
              byte[] acl = (SmallDump.ACL + "\0\0").getBytes(StandardCharsets.ISO_8859_1);
              return splice(
                  b,
                  x,
                  x + 5 + acl.length - 1,
                  new RawBytes().str('X', acl.length, acl).toByteArray());
            }),
        new Variant(
            "a file with an ACL",
            b -> {
              int x = recordAt(b, "4.3") + X_AT;
              return splice(b, x, x, new RawBytes().str('X', "1\n0\nx\t1\n").toByteArray());
            }),
        new Variant(
            "a directory without an ACL",
            b -> {
              int x = recordAt(b, "3.5") + X_AT;
              int len = SmallDump.ACL.length() + 1;
              return splice(b, x, x + 5 + len, new byte[0]);
            }),
        new Variant(
            "a field twice",
            b -> {
              int q = recordAt(b, "4.3") + X_AT - 5;
              return splice(b, q, q, new RawBytes().f32('q', 1).toByteArray());
            }));
  }

  static List<Boolean> canonicalFlags(Path dump) throws IOException {
    List<Boolean> flags = new ArrayList<>();
    try (DumpReader r = DumpReader.open(dump)) {
      for (int i = 0; i < 2; i++) {
        r.nextIndex();
        IndexEntry e;
        while ((e = r.nextEntry()) != null) {
          if (e instanceof IndexEntry.Vnode) {
            flags.add(r.lastVnodeCanonical());
          }
        }
      }
    }
    return flags;
  }

  @Test
  void writerOutputIsCanonical() throws IOException {
    Path p = base().write(dir.resolve("base.dump"));
    assertThat(canonicalFlags(p)).hasSize(6).containsOnly(true);
  }

  @Test
  void realServerDumpsAreCanonicalRecordByRecord() throws IOException {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    int records = 0;
    for (Path p : RealFixtures.allDumps().toList()) {
      List<Boolean> flags = canonicalFlags(p);
      assertThat(flags).as(p.toString()).doesNotContain(false);
      records += flags.size();
    }
    assertThat(records).isGreaterThan(300);
  }

  @Test
  void badInodesAreNeverCanonical() throws IOException {
    Path p =
        SmallDump.incremental(1, 1, 2)
            .large(128)
            .count(0)
            .small(256)
            .count(1)
            .badInode(2, 2)
            .write(dir.resolve("bad.dump"));
    assertThat(canonicalFlags(p)).containsExactly(false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void otherLayoutsAreWrittenAgain(Variant v) throws IOException {
    byte[] changed = v.change().apply(base().bytes());
    Path in = Files.write(dir.resolve("in.dump"), changed);
    assertThat(new DumpVerifier(Cancellation.none()).verify(in).errors()).isEmpty();
    assertThat(canonicalFlags(in)).contains(false).contains(true);
    ChainMerger merger = new ChainMerger(ProgressListener.NONE, Cancellation.none());
    Path out = dir.resolve("out.dump");
    merger.mergeToFile(List.of(in), out, false);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    merger.merge(List.of(in), stream);
    assertThat(Files.readAllBytes(out)).isEqualTo(stream.toByteArray());
    assertThat(canonicalFlags(out)).hasSize(6).containsOnly(true);
    // the same as reading the input and writing it again
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    try (DumpReader r = DumpReader.open(in)) {
      DumpCopy.copy(r, new DumpWriter(copy), UnaryOperator.identity(), UnaryOperator.identity());
    }
    assertThat(stream.toByteArray()).isEqualTo(copy.toByteArray());
  }
}
