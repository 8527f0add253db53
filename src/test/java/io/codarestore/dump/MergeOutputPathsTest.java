package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge into a file (read windows, direct output buffer, large pieces written straight through)
 * and a merge into a stream (heap windows) give the same bytes, the expected ones, for file sizes
 * on every side of the window (1 MiB) and write-through (256 KiB) sizes, with records of the
 * increment interleaved with the base's.
 */
class MergeOutputPathsTest {
  static final int[] SIZES = {
    0,
    1,
    2047,
    2048,
    4097,
    65535,
    65536,
    262143,
    262144,
    262145,
    1048575,
    1048576,
    1048577,
    3 * 1048576 + 17,
    5000,
    700_000,
    1,
    0,
    123_456
  };

  @TempDir Path dir;

  static byte[] data(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  @Test
  void fileAndStreamOutputsAgreeOnEverySizeBoundary() throws Exception {
    Random r = new Random(42);
    CraftedDirectory root = CraftedDirectory.root();
    for (int i = 0; i < SIZES.length; i++) {
      root.add("f" + i, 2 * i + 2, 100 + i);
    }
    byte[][] base = new byte[SIZES.length][];
    SmallDump full = SmallDump.full(10).large(128).dir(1, 1, root).small(256);
    for (int i = 0; i < SIZES.length; i++) {
      base[i] = data(r, SIZES[i]);
      full.data(2 * i + 2, 100 + i, VnodeType.FILE, base[i], 1);
    }
    // the increment rewrites every third file with a size from the other end of the list
    SmallDump incr = SmallDump.incremental(1, 10, 20).large(128).count(1).small(256);
    incr.count(SIZES.length);
    SmallDump expected = MergeRulesTest.expected(full, incr).large(128).dir(1, 1, root).small(256);
    for (int i = 0; i < SIZES.length; i++) {
      if (i % 3 == 1) {
        byte[] d = data(r, SIZES[SIZES.length - 1 - i]);
        incr.data(2 * i + 2, 100 + i, VnodeType.FILE, d, 2);
        expected.data(2 * i + 2, 100 + i, VnodeType.FILE, d, 2);
      } else {
        expected.data(2 * i + 2, 100 + i, VnodeType.FILE, base[i], 1);
      }
    }
    List<Path> chain =
        List.of(full.write(dir.resolve("full.dump")), incr.write(dir.resolve("incr.dump")));
    Path out = dir.resolve("merged.dump");
    ChainMerger merger = new ChainMerger(ProgressListener.NONE, Cancellation.none());
    ChainMerger.Result toFile = merger.mergeToFile(chain, out, false);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    ChainMerger.Result toStream = merger.merge(chain, stream);
    byte[] want = expected.bytes();
    assertThat(Files.size(out)).isEqualTo(want.length).isEqualTo(toFile.bytesWritten());
    assertThat(Files.readAllBytes(out)).isEqualTo(want);
    assertThat(stream.toByteArray()).isEqualTo(want);
    assertThat(toStream.bytesWritten()).isEqualTo(want.length);
  }

  @Test
  void progressReachesEveryCopiedByte() throws Exception {
    Random r = new Random(7);
    SmallDump full =
        SmallDump.full(10)
            .large(128)
            .dir(1, 1, CraftedDirectory.root().add("big", 2, 2))
            .small(256)
            .data(2, 2, VnodeType.FILE, data(r, 2_500_000), 1);
    Path f = full.write(dir.resolve("f.dump"));
    long[] last = new long[2];
    ProgressListener p =
        new ProgressListener() {
          @Override
          public void progress(String stage, long done, long total) {
            assertThat(done).isGreaterThanOrEqualTo(last[0]);
            last[0] = done;
            last[1] = total;
          }
        };
    new ChainMerger(p, Cancellation.none()).mergeToFile(List.of(f), dir.resolve("o.dump"), false);
    assertThat(last[1]).isEqualTo(Files.size(f));
    assertThat(last[0]).isBetween(2_500_000L + 2049, last[1]);
  }
}
