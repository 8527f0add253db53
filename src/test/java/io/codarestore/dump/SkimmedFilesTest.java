package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.core.Cancellation;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index's one-loop skim of file records that lie whole in the input's buffer ({@code
 * DumpReader.skimFiles}): with files of 0 bytes to 70 000 bytes, so that records and data cross the
 * 64 KiB buffer's end again and again, the index equals the one read record by record, from a file
 * and from a stream handing out a few hundred bytes at a time; a broken record inside a run of
 * skimmed ones is refused with the same message either way.
 */
class SkimmedFilesTest {
  @TempDir Path tmp;

  private static final int FILES = 250;
  private static final int[] SIZES = {0, 1, 100, 3000, 70_000, 17};

  private Path dump() throws Exception {
    DirectoryPagesBuilder root = DirectoryPagesBuilder.directory(1, 1, 1, 1);
    CraftedDump d = new CraftedDump();
    for (int i = 0; i < FILES; i++) {
      int vnode = 2 + 2 * i;
      root.add(String.format("f%03d", i), vnode, 100 + i);
      byte[] data = new byte[SIZES[i % SIZES.length]];
      Arrays.fill(data, (byte) ('a' + i % 26));
      d.file(vnode, 100 + i, 1, 1, 0644, 1_700_000_000 + i, data);
    }
    d.dir(1, 1, 0, 0, 0755, 1_700_000_000, root.build());
    return d.write(tmp.resolve("many.dump"));
  }

  /** A stream that hands out at most {@code step} bytes per read and skips without copying. */
  private static InputStream chunked(byte[] all, int step) {
    return new ByteArrayInputStream(all) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  @Test
  void skimmedRunsGiveTheIndexOfRecordByRecordReading() throws Exception {
    Path dump = dump();
    DumpIndex fast;
    DumpIndex slow;
    try (DumpReader r = DumpReader.open(dump)) {
      fast = DumpIndex.read(r, Cancellation.none());
      assertThat(r.fastReads()).as("every file record skimmed").isEqualTo(FILES);
    }
    try (DumpReader r = DumpReader.open(dump).withoutFastPath()) {
      slow = DumpIndex.read(r, Cancellation.none());
      assertThat(r.fastReads()).isZero();
    }
    String expected = DumpIndexLinesTest.lines(slow);
    assertThat(expected.split("\n")).hasSize(FILES + 1).contains("/", "/f000", "/f249");
    assertThat(DumpIndexLinesTest.lines(fast)).isEqualTo(expected);
    assertThat(fast.fileRecords()).isEqualTo(slow.fileRecords()).isEqualTo(FILES);
    byte[] all = Files.readAllBytes(dump);
    for (int step : new int[] {1, 113, 114, 777, 65_536}) {
      try (DumpReader r = DumpReader.ofSkippingStream(chunked(all, step), "chunked")) {
        DumpIndex s = DumpIndex.read(r, Cancellation.none());
        assertThat(DumpIndexLinesTest.lines(s)).as("reads of %d bytes", step).isEqualTo(expected);
        assertThat(s.fileRecords()).isEqualTo(FILES);
      }
    }
  }

  @Test
  void aBrokenTagInsideASkimmedRunIsRefusedAsRecordByRecord() throws Exception {
    Path dump = dump();
    List<Long> offsets = new ArrayList<>();
    try (DumpReader r = DumpReader.open(dump).withoutFastPath()) {
      r.nextIndex();
      while (r.nextEntry() != null) {
        // the directory
      }
      r.nextIndex();
      IndexEntry e;
      while ((e = r.nextEntry()) != null) {
        offsets.add(e.offset());
      }
    }
    byte[] all = Files.readAllBytes(dump);
    // record 120's mtime tag ('m', 83 bytes after the vnode number) becomes an unknown field
    int at = (int) (offsets.get(120) + 1 + 83);
    assertThat(all[at]).isEqualTo((byte) 'm');
    all[at] = 'Z';
    Path bad = Files.write(tmp.resolve("bad.dump"), all);
    String slow = refusal(DumpReader.open(bad).withoutFastPath());
    assertThat(slow).contains("unknown vnode field").contains("vnode " + (2 + 2 * 120) + ".220");
    assertThat(refusal(DumpReader.open(bad))).isEqualTo(slow);
    String streamed = refusal(DumpReader.ofSkippingStream(chunked(all, 777), bad.toString()));
    assertThat(streamed).isEqualTo(slow);
  }

  private static String refusal(DumpReader r) throws Exception {
    try (r) {
      String[] message = new String[1];
      assertThatThrownBy(() -> DumpIndex.read(r, Cancellation.none()))
          .isInstanceOfSatisfying(DumpFormatException.class, e -> message[0] = e.getMessage());
      return message[0];
    }
  }
}
