package io.codarestore.backup;

import io.codarestore.core.Cancellation;
import io.codarestore.dump.DumpFormatException;
import io.codarestore.dump.DumpIndex;
import io.codarestore.dump.DumpReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The backup data path: a dump passes from volutil to Amanda unchanged while it is parsed on the
 * fly, so a corrupt or short dump is found before it is called good, and its index is known when it
 * ends.
 *
 * @param bytes the bytes passed on
 * @param index the paths of the dump
 */
public record StreamedDump(long bytes, DumpIndex index) {

  /**
   * Copies {@code dump} to {@code data}, checking its structure and building its index.
   *
   * @throws AmcodaException for a dump that is not sound (with the offset and what is wrong), a
   *     failed read or a failed write (Amanda went away)
   */
  public static StreamedDump pass(
      InputStream dump, OutputStream data, String source, Cancellation cancel) {
    TeeInput tee = new TeeInput(dump, data);
    try {
      DumpIndex index;
      try {
        DumpReader reader = new DumpReader(tee, source);
        index = DumpIndex.read(reader, cancel);
      } catch (DumpFormatException e) {
        throw new AmcodaException("the dump is not sound: " + e.getMessage(), e);
      }
      tee.drain();
      data.flush();
      return new StreamedDump(tee.bytes(), index);
    } catch (IOException e) {
      throw new AmcodaException("passing the dump on failed: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new AmcodaException("passing the dump on failed: " + e.getCause().getMessage(), e);
    }
  }
}
