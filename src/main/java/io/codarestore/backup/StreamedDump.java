package io.codarestore.backup;

import io.codarestore.core.Cancellation;
import io.codarestore.dump.DumpFormatException;
import io.codarestore.dump.DumpIndex;
import io.codarestore.dump.DumpReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/**
 * The backup data path: a dump passes from volutil to Amanda unchanged while it is parsed on the
 * fly, so a corrupt or short dump is found before it is called good, and its index is known when it
 * ends.
 *
 * @param bytes the bytes passed on
 * @param index the paths of the dump
 */
public record StreamedDump(long bytes, DumpIndex index) {

  /** As {@link #pass(ReadableByteChannel, OutputStream, String, Cancellation)}, from a stream. */
  public static StreamedDump pass(
      InputStream dump, OutputStream data, String source, Cancellation cancel) {
    return pass(Channels.newChannel(dump), data, source, cancel);
  }

  /**
   * Copies {@code dump} to {@code data}, checking its structure and building its index. With a
   * descriptor's channel on one side (volutil's output, {@link
   * io.codarestore.core.ExternalProgram#startStreamingChannel}) and a plain {@link
   * java.io.FileOutputStream} on the other (fd 1), the bytes go from one descriptor to the other
   * through one direct buffer; only the records' bytes reach the parser.
   *
   * @throws AmcodaException for a dump that is not sound (with the offset and what is wrong), a
   *     failed read or a failed write (Amanda went away)
   */
  public static StreamedDump pass(
      ReadableByteChannel dump, OutputStream data, String source, Cancellation cancel) {
    TeeInput tee = new TeeInput(dump, Channels.newChannel(data));
    try {
      DumpIndex index;
      try {
        DumpReader reader = DumpReader.ofSkippingStream(tee, source);
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
