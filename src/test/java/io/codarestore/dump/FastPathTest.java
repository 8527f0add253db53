package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * File records laid out exactly as the writer lays them out are read in one step from the reader's
 * buffer; every entry, canonical flag, offset and error is what reading them field by field gives.
 */
class FastPathTest {
  @TempDir Path dir;

  /** Every entry of a dump with its canonical flag, and the number of fast reads. */
  record Reading(List<Object> entries, int fastReads, String error) {}

  static Reading read(Path dump, boolean fast) throws IOException {
    List<Object> entries = new ArrayList<>();
    try (DumpReader r = DumpReader.open(dump)) {
      if (!fast) {
        r.withoutFastPath();
      }
      Throwable t =
          catchThrowable(
              () -> {
                r.header();
                r.volumeData();
                for (int i = 0; i < 2; i++) {
                  entries.add(r.nextIndex());
                  IndexEntry e;
                  while ((e = r.nextEntry()) != null) {
                    entries.add(e);
                    if (e instanceof IndexEntry.Vnode) {
                      entries.add(r.lastVnodeCanonical());
                    }
                  }
                }
                r.readEnd();
              });
      return new Reading(entries, r.fastReads(), t == null ? null : t.getMessage());
    }
  }

  static Stream<Path> realDumps() throws IOException {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    return RealFixtures.allDumps();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realDumps")
  void realServerDumpsReadTheSameBothWays(Path dump) throws IOException {
    Reading fast = read(dump, true);
    Reading slow = read(dump, false);
    assertThat(fast.error()).isNull();
    assertThat(fast.entries()).isEqualTo(slow.entries());
    assertThat(slow.fastReads()).isZero();
    long files =
        fast.entries().stream()
            .filter(
                e -> e instanceof IndexEntry.Vnode v && v.payload() == IndexEntry.Payload.FILE_DATA)
            .count();
    assertThat(fast.fastReads()).as("file records read in one step").isEqualTo((int) files);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.codarestore.dump.CanonicalRecordsTest#variants")
  void otherLayoutsAreReadFieldByField(CanonicalRecordsTest.Variant v) throws IOException {
    Path in =
        Files.write(dir.resolve("in.dump"), v.change().apply(CanonicalRecordsTest.base().bytes()));
    Reading fast = read(in, true);
    Reading slow = read(in, false);
    assertThat(fast.entries()).isEqualTo(slow.entries());
    assertThat(fast.error()).isEqualTo(slow.error());
    assertThat(fast.entries()).contains(false); // the changed record is not canonical
  }

  /** Cut anywhere, a dump of canonical records fails with the same message both ways. */
  @Test
  void truncationGivesTheSameMessageBothWays() throws IOException {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    byte[] b = Files.readAllBytes(RealFixtures.dump("dumpfix-B1-incr-l1.dump"));
    int checked = 0;
    for (int cut = b.length - 1; cut > b.length - 6000; cut -= 37) {
      Path p = Files.write(dir.resolve("cut.dump"), Arrays.copyOf(b, cut));
      Reading fast = read(p, true);
      Reading slow = read(p, false);
      assertThat(fast.error()).as("cut at " + cut).isNotNull().isEqualTo(slow.error());
      assertThat(fast.entries()).isEqualTo(slow.entries());
      checked++;
    }
    assertThat(checked).isGreaterThan(100);
  }

  /** A file record whose data length runs past the end of the file: the same message. */
  @Test
  void aLengthBeyondTheFileGivesTheSameMessage() throws IOException {
    byte[] b = SmallDump.full(10).large(128).small(256).file(2, 2, "abc").bytes();
    int data = indexOf(b, "abc".getBytes());
    b[data - 1] = (byte) 0xF0; // the low byte of the data length, just before the data
    Path p = Files.write(dir.resolve("long.dump"), b);
    Reading fast = read(p, true);
    Reading slow = read(p, false);
    assertThat(fast.error())
        .contains("vnode 2.2 file data needs 240 bytes")
        .isEqualTo(slow.error());
  }

  private static int indexOf(byte[] b, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= b.length; i++) {
      for (int k = 0; k < what.length; k++) {
        if (b[i + k] != what[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
