package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged dumps: truncation at every record boundary and inside records, flipped length bytes,
 * absurd lengths (which must not allocate), wrong magic numbers, trailing bytes, and random bit
 * flips. Whatever the damage, {@code verify} returns a report (never throws), the stream reader
 * ends in a {@link DumpFormatException}, and a merge ends in a {@link UserFacingException} leaving
 * nothing at OUT.
 */
class CorruptionTest {
  static final Pattern OFFSET = Pattern.compile("^offset (\\d+): ");

  @TempDir static Path dir;

  static Path b0;
  static Path b1;

  @BeforeAll
  static void fixtures() {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    b0 = RealFixtures.dump("dumpfix-B0-full.dump");
    b1 = RealFixtures.dump("dumpfix-B1-incr-l1.dump");
  }

  /** Where records start, and where their parts start (payloads), in a well-formed dump. */
  record Layout(TreeSet<Long> recordStarts, TreeSet<Long> allBoundaries, long size) {}

  static Layout layout(Path dump) throws IOException {
    TreeSet<Long> starts = new TreeSet<>();
    TreeSet<Long> all = new TreeSet<>();
    try (DumpReader r = DumpReader.open(dump)) {
      starts.add(0L);
      r.header();
      starts.add(r.offset());
      r.volumeData();
      for (int i = 0; i < 2; i++) {
        starts.add(r.offset());
        r.nextIndex();
        IndexEntry e;
        while (true) {
          long at = r.offset();
          e = r.nextEntry();
          starts.add(at);
          if (e == null) {
            break;
          }
          if (e instanceof IndexEntry.Vnode v) {
            all.add(v.payloadOffset());
            all.add(v.payloadOffset() - 4);
          }
        }
      }
      long end = r.offset();
      starts.add(end);
      r.readEnd();
      all.add(end + 1);
      all.addAll(starts);
      return new Layout(starts, all, r.offset());
    }
  }

  static Path write(String name, byte[] b) throws IOException {
    return Files.write(dir.resolve(name), b);
  }

  static VerifyReport verify(Path p) {
    return new DumpVerifier(Cancellation.none()).verify(p);
  }

  /** The stream reader on the bytes: a DumpFormatException or success, nothing else. */
  static DumpFormatException streamCopyFailure(byte[] b) {
    try {
      DumpReader r = new DumpReader(new ByteArrayInputStream(b), "stream");
      DumpCopy.copy(
          r,
          new DumpWriter(new ByteArrayOutputStream()),
          UnaryOperator.identity(),
          UnaryOperator.identity());
      return null;
    } catch (DumpFormatException e) {
      return e;
    }
  }

  /** Merges into a fresh OUT; returns the failure (a UserFacingException) or null. */
  static UserFacingException mergeFailure(Path... chain) throws IOException {
    Path work = Files.createTempDirectory(dir, "merge");
    Path out = work.resolve("out.dump");
    try {
      new ChainMerger(ProgressListener.NONE, Cancellation.none())
          .mergeToFile(List.of(chain), out, false);
      return null;
    } catch (UserFacingException e) {
      try (Stream<Path> s = Files.list(work)) {
        assertThat(s.toList()).as("nothing left after a failed merge").isEmpty();
      }
      return e;
    } finally {
      Files.deleteIfExists(out);
      Files.delete(work);
    }
  }

  static long offsetOf(String error) {
    Matcher m = OFFSET.matcher(error);
    assertThat(m.find()).as("error names an offset: " + error).isTrue();
    return Long.parseLong(m.group(1));
  }

  // --- truncation -----------------------------------------------------------------------------

  static List<Long> truncationPoints(Layout l) {
    TreeSet<Long> points = new TreeSet<>();
    for (long b : l.allBoundaries()) {
      for (long d : new long[] {0, 1, 2, 5, 9}) {
        points.add(b + d);
      }
      Long next = l.allBoundaries().higher(b);
      if (next != null) {
        points.add((b + next) / 2);
      }
    }
    points.removeIf(p -> p < 0 || p >= l.size());
    return new ArrayList<>(points);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dumpfix-B0-full.dump",
        "dumpfix-B1-incr-l1.dump",
        "testvol-empty-incr-l1.dump",
        "testvol-empty-full.dump"
      })
  void truncationAtEveryRecordBoundaryAndInsideRecords(String name) throws IOException {
    Path dump = RealFixtures.dump(name);
    byte[] all = Files.readAllBytes(dump);
    Layout l = layout(dump);
    assertThat(l.size()).isEqualTo(all.length);
    List<Long> points = truncationPoints(l);
    assertThat(points.size()).isGreaterThan(l.recordStarts().size());
    for (long cut : points) {
      byte[] part = Arrays.copyOf(all, (int) cut);
      Path p = write("cut.dump", part);
      VerifyReport r = verify(p);
      assertThat(r.ok()).as("truncated at %d", cut).isFalse();
      String e = r.errors().get(0);
      long at = offsetOf(e);
      long recordStart = l.recordStarts().floor(cut);
      assertThat(at).as("%s (cut at %d)", e, cut).isBetween(recordStart, cut);
      assertThat(e)
          .as("cut at %d", cut)
          .containsAnyOf("truncated dump", "end of file", "empty file");
      DumpFormatException s = streamCopyFailure(part);
      assertThat(s).as("stream reader, cut at %d", cut).isNotNull();
      assertThat(s.offset()).isBetween(recordStart, cut);
    }
  }

  @Test
  void aMergeOfATruncatedDumpFailsCleanlyAtEveryBoundary() throws IOException {
    for (Path dump : List.of(b0, b1)) {
      byte[] all = Files.readAllBytes(dump);
      for (long cut : layout(dump).recordStarts()) {
        if (cut >= all.length) {
          continue;
        }
        Path p = write("t-" + dump.getFileName(), Arrays.copyOf(all, (int) cut));
        UserFacingException e = dump == b0 ? mergeFailure(p, b1) : mergeFailure(b0, p);
        assertThat(e).as("merge with %s cut at %d", dump.getFileName(), cut).isNotNull();
        assertThat(e.getMessage()).startsWith(p + ": offset ");
      }
    }
  }

  // --- lengths --------------------------------------------------------------------------------

  /** Offsets of the 4-byte length fields of a real dump (strings, ACLs, page counts, data). */
  static List<long[]> lengthFields(Path dump) throws IOException {
    List<long[]> out = new ArrayList<>(); // {offset, kind} kind 0 string, 1 dir pages, 2 data
    out.add(new long[] {20, 0}); // header 'n'
    try (DumpReader r = DumpReader.open(dump)) {
      r.volumeData();
      for (int i = 0; i < 2; i++) {
        r.nextIndex();
        IndexEntry e;
        while ((e = r.nextEntry()) != null) {
          if (e instanceof IndexEntry.Vnode v) {
            if (v.payload() == IndexEntry.Payload.DIRECTORY_PAGES) {
              out.add(new long[] {v.offset() + 110, 0}); // the ACL 'X' of the dump's field order
              out.add(new long[] {v.payloadOffset() - 4, 1});
            } else if (v.payload() == IndexEntry.Payload.FILE_DATA) {
              out.add(new long[] {v.payloadOffset() - 4, 2});
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void flippedLengthBytesAreFoundWithTheirOffset() throws IOException {
    for (Path dump : List.of(b0, b1)) {
      byte[] all = Files.readAllBytes(dump);
      List<long[]> fields = lengthFields(dump);
      assertThat(fields).hasSizeGreaterThan(10);
      for (long[] f : fields) {
        int at = (int) f[0];
        if (f[1] == 0) {
          assertThat(all[at - 1]).isIn((byte) 'n', (byte) 'X');
        }
        for (int k = 0; k < 4; k++) {
          byte[] b = all.clone();
          b[at + k] ^= (byte) 0xFF;
          VerifyReport r = verify(write("flip.dump", b));
          assertThat(r.ok())
              .as("%s: length at %d, byte %d flipped", dump.getFileName(), at, k)
              .isFalse();
          long reported = offsetOf(r.errors().get(0));
          assertThat(reported).isGreaterThanOrEqualTo(at - 1);
          if (k == 0) {
            // the high byte: an absurd length, found right there
            assertThat(reported).as(r.errors().get(0)).isLessThanOrEqualTo(at + 4);
            assertThat(r.errors().get(0))
                .containsAnyOf("implausible length", "page count", "truncated dump");
          }
          assertThat(streamCopyFailure(b)).isNotNull();
        }
      }
    }
  }

  static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  static void put32(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  @Test
  void absurdLengthsAreRefusedWithoutAllocating() throws IOException {
    byte[] all = Files.readAllBytes(b0);
    List<long[]> fields = lengthFields(b0);
    long[] acl = fields.stream().filter(f -> f[0] > 20 && f[1] == 0).findFirst().orElseThrow();
    long[] pages = fields.stream().filter(f -> f[1] == 1).findFirst().orElseThrow();
    long[] data = fields.stream().filter(f -> f[1] == 2).findFirst().orElseThrow();
    record Case(String what, int at, int value, String message) {}
    List<Case> cases =
        List.of(
            new Case("header name", 20, 0xFFFFFFF0, "implausible length 4294967280"),
            new Case("ACL", (int) acl[0], 0xFFFFFFF0, "ACL: implausible length 4294967280"),
            new Case("ACL", (int) acl[0], 0x7FFFFFFF, "ACL: implausible length 2147483647"),
            new Case(
                "page count", (int) pages[0], 100_000, "directory page count 100000 is not 1..128"),
            new Case(
                "page count", (int) pages[0], -1, "directory page count 4294967295 is not 1..128"),
            new Case(
                "file data", (int) data[0], 0xFFFFFFF0, "needs 4294967280 bytes but the file ends"),
            new Case(
                "file data",
                (int) data[0],
                0x7FFFFFFF,
                "needs 2147483647 bytes but the file ends"));
    for (Case c : cases) {
      byte[] b = all.clone();
      put32(b, c.at(), c.value());
      Path p = write("absurd.dump", b);
      long before = allocatedBytes();
      long t0 = System.nanoTime();
      VerifyReport r = verify(p);
      long took = System.nanoTime() - t0;
      long allocated = allocatedBytes() - before;
      assertThat(r.ok()).as(c.what()).isFalse();
      assertThat(r.errors().get(0)).as(c.what()).contains(c.message());
      assertThat(allocated).as("%s: bytes allocated by verify", c.what()).isLessThan(32L << 20);
      assertThat(took).as("%s: verify returns at once", c.what()).isLessThan(5_000_000_000L);
      // a stream (unknown size): the same refusal, or data streamed until the end of file
      before = allocatedBytes();
      DumpFormatException s = streamCopyFailure(b);
      allocated = allocatedBytes() - before;
      assertThat(s).as(c.what()).isNotNull();
      assertThat(allocated)
          .as("%s: bytes allocated by the stream reader", c.what())
          .isLessThan(32L << 20);
      assertThat(mergeFailure(p, b1)).as(c.what()).isNotNull();
    }
  }

  @Test
  void absurdWeekUseCountIsRefusedWithoutAllocating() throws IOException {
    byte[] all = Files.readAllBytes(b0);
    int w = -1;
    for (int i = 60; i < 400; i++) {
      if (all[i] == 'W' && all[i + 4] == 7 && all[i + 1] == 0) {
        w = i;
        break;
      }
    }
    assertThat(w).isPositive();
    byte[] b = all.clone();
    put32(b, w + 1, 0x7FFFFFFF);
    long before = allocatedBytes();
    VerifyReport r = verify(write("week.dump", b));
    assertThat(allocatedBytes() - before).isLessThan(32L << 20);
    assertThat(r.errors())
        .singleElement()
        .asString()
        .isEqualTo("offset " + (w + 1) + ": implausible week-use count 2147483647");
  }

  // --- magic numbers, trailing bytes ------------------------------------------------------------

  @Test
  void wrongMagicNumbersAndTrailingBytes() throws IOException {
    byte[] all = Files.readAllBytes(b0);
    byte[] begin = all.clone();
    begin[2] ^= 0x10;
    VerifyReport r = verify(write("begin.dump", begin));
    assertThat(r.header()).isNull();
    assertThat(r.errors())
        .containsExactly(
            "offset 1: not a Coda dump: bad begin magic 0xb3b11322, expected 0xb3a11322");
    assertThat(mergeFailure(dir.resolve("begin.dump"), b1)).hasMessageContaining("bad begin magic");

    byte[] end = all.clone();
    end[end.length - 2] ^= 0x01;
    r = verify(write("end.dump", end));
    assertThat(r.errors())
        .containsExactly(
            "offset " + (all.length - 4) + ": bad end magic 0x3a214a6e, expected 0x3a214b6e");
    assertThat(mergeFailure(dir.resolve("end.dump"), b1)).hasMessageContaining("bad end magic");

    byte[] marker = all.clone();
    marker[marker.length - 5] = 9;
    r = verify(write("marker.dump", marker));
    assertThat(r.errors().get(0)).startsWith("offset " + (all.length - 5) + ": ");

    for (int extra : new int[] {1, 512, 70_000}) {
      byte[] trailing = Arrays.copyOf(all, all.length + extra);
      Path p = write("trailing.dump", trailing);
      r = verify(p);
      assertThat(r.errors())
          .containsExactly("offset " + all.length + ": unexpected bytes after the end marker");
      assertThat(mergeFailure(p, b1)).hasMessageContaining("unexpected bytes after the end marker");
      byte[] incr = Files.readAllBytes(b1);
      Path pi = write("trailing-incr.dump", Arrays.copyOf(incr, incr.length + extra));
      assertThat(mergeFailure(b0, pi))
          .hasMessage(pi + ": offset " + incr.length + ": unexpected bytes after the end marker");
    }
  }

  // --- random damage
  // ------------------------------------------------------------------------------

  @Test
  void randomBitFlipsNeverCrash() throws IOException {
    List<Path> inputs =
        List.of(
            b0,
            b1,
            RealFixtures.dump("dumpfix-B2-incr-l2.dump"),
            RealFixtures.dump("testvol-empty-full.dump"));
    Random rnd = new Random(20261126);
    int detected = 0;
    int runs = 0;
    for (Path input : inputs) {
      byte[] all = Files.readAllBytes(input);
      // metadata is where the structure is: aim most flips at the first records
      for (int i = 0; i < 150; i++) {
        byte[] b = all.clone();
        int flips = 1 + rnd.nextInt(3);
        for (int k = 0; k < flips; k++) {
          int at =
              rnd.nextBoolean() ? rnd.nextInt(Math.min(all.length, 4096)) : rnd.nextInt(all.length);
          b[at] ^= (byte) (1 << rnd.nextInt(8));
        }
        Path p = write("rnd.dump", b);
        VerifyReport r = verify(p);
        runs++;
        if (!r.ok()) {
          detected++;
          offsetOrPlain(r.errors().get(0));
        }
        streamCopyFailure(b);
        if (i % 10 == 0) {
          if (input == b0) {
            mergeFailure(p, b1);
          } else if (input == b1) {
            mergeFailure(b0, p);
          }
        }
      }
    }
    assertThat(detected).as("most flips in metadata are detected").isGreaterThan(runs / 4);
  }

  private static void offsetOrPlain(String error) {
    if (error.startsWith("offset ")) {
      offsetOf(error);
    } else {
      assertThat(error).isNotBlank();
    }
  }

  @Test
  void dumpgenCorruptOutputsNeverCrash() throws IOException {
    Dumpgen.assume();
    List<List<String>> variants = new ArrayList<>();
    for (String t : List.of("0", "1", "57", "-1", "-100", "20000")) {
      variants.add(List.of("--truncate=" + t));
    }
    for (String f : List.of("0", "9", "20:0x80", "-1", "-5:0x08", "300:0x01", "1000")) {
      variants.add(List.of("--flip=" + f));
    }
    for (int seed = 1; seed <= 8; seed++) {
      variants.add(
          List.of("--random-flips", String.valueOf(1 + seed % 4), "--seed", String.valueOf(seed)));
    }
    int n = 0;
    for (List<String> v : variants) {
      for (Path input : n % 3 == 0 ? List.of(b0, b1) : List.of(n % 2 == 0 ? b0 : b1)) {
        Path out = dir.resolve("dg-" + (n++) + ".dump");
        List<String> args = new ArrayList<>(List.of("corrupt"));
        args.addAll(v);
        args.add(input.toString());
        args.add(out.toString());
        Dumpgen.run(dir, args.toArray(String[]::new)).ok();
        VerifyReport r = verify(out);
        Dumpgen.Run check = Dumpgen.run(dir, "check", out.toString());
        if (v.get(0).startsWith("--truncate")) {
          assertThat(r.ok()).as("%s %s", input.getFileName(), v).isFalse();
          assertThat(check.exit())
              .as("coda-dumpgen check %s %s", input.getFileName(), v)
              .isNotZero();
        } else {
          assertThat(r.ok())
              .as(
                  "%s %s: verify and coda-dumpgen check agree (%s)",
                  input.getFileName(), v, r.errors())
              .isEqualTo(check.exit() == 0);
        }
        byte[] b = Files.readAllBytes(out);
        DumpFormatException s = streamCopyFailure(b);
        if (!r.ok()) {
          UserFacingException m = input == b0 ? mergeFailure(out, b1) : mergeFailure(b0, out);
          if (s != null) {
            assertThat(m).as("%s %s", input.getFileName(), v).isNotNull();
          }
        }
        Files.delete(out);
      }
    }
  }

  @Test
  void streamReaderRefusesTheSameAsTheFileReader() throws IOException {
    byte[] all = Files.readAllBytes(b1);
    byte[] cut = Arrays.copyOf(all, all.length - 100);
    DumpFormatException s = streamCopyFailure(cut);
    assertThat(s).isNotNull();
    assertThat(s.source()).isEqualTo("stream");
    assertThatThrownBy(
            () -> {
              try (DumpReader r = DumpReader.open(write("cut-b1.dump", cut))) {
                DumpCopy.copy(
                    r,
                    new DumpWriter(new ByteArrayOutputStream()),
                    UnaryOperator.identity(),
                    UnaryOperator.identity());
              }
            })
        .isInstanceOf(DumpFormatException.class)
        .satisfies(
            e -> assertThat(((DumpFormatException) e).offset()).isLessThanOrEqualTo(s.offset()));
  }
}
