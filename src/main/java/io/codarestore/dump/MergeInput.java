package io.codarestore.dump;

import io.codarestore.core.UserFacingException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One input dump of a merge ({@link ChainMerger}): a reader for the metadata scan, a second reader
 * that re-reads a record when it is written out (and streams its data when small: its buffer
 * usually holds it already), and a channel from which large data is copied by the kernel.
 */
final class MergeInput {
  final String name;
  final int index;
  final DumpReader reader;
  final DumpReader meta;
  final FileChannel data;

  /** The checks verify makes, run on this input as it is scanned ({@link #startChecks}). */
  RecordChecks checks;

  /** What the checks warned about (read once the scans are over). */
  final List<String> warnings = new ArrayList<>();

  private MergeInput(String name, int index, DumpReader reader, DumpReader meta, FileChannel data) {
    this.name = name;
    this.index = index;
    this.reader = reader;
    this.meta = meta;
    this.data = data;
  }

  static MergeInput open(Path p, int index) throws IOException {
    if (p.toString().equals(DumpInput.STDIN)
        || (Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p))) {
      throw new UserFacingException(
          p
              + ": not a regular file; a merge reads its inputs in more than one place (save the"
              + " dump to a file first)");
    }
    DumpReader r;
    try {
      r = DumpReader.open(p);
    } catch (NoSuchFileException e) {
      throw new UserFacingException(p + ": no such file", e);
    }
    DumpReader m = null;
    try {
      m = DumpReader.open(p);
      return new MergeInput(
          p.toString(), index, r, m, FileChannel.open(p, StandardOpenOption.READ));
    } catch (IOException e) {
      r.close();
      if (m != null) {
        m.close();
      }
      throw e;
    }
  }

  /**
   * Starts the checks of this input's records (its header read): an error fails the merge at once
   * with the input's name and the offset, as verify would report it.
   */
  void startChecks() {
    checks =
        new RecordChecks(
            !reader.header().isIncremental(),
            new RecordChecks.Problems() {
              @Override
              public void error(long offset, String problem) {
                throw new DumpFormatException(name, offset, problem);
              }

              @Override
              public void warning(String problem) {
                warnings.add(problem);
              }
            });
  }

  /** An entry's input byte: this input's index, flagged when the record just read is canonical. */
  byte inputByte() {
    return (byte) (index | (reader.lastVnodeCanonical() ? SlotTable.CANONICAL : 0));
  }

  void closeQuietly() {
    for (Closeable c : new Closeable[] {reader, meta, data}) {
      try {
        c.close();
      } catch (IOException ignored) {
        // read-only input
      }
    }
  }
}
