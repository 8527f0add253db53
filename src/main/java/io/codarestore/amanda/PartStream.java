package io.codarestore.amanda;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The stored stream of a dump: the data of its part files after their 32 KiB headers, joined in
 * part order. Computes the CRC-32C of everything it hands out, reports progress and honours
 * cancellation at every read. A part file that ends before the size seen when the fetch began (it
 * changed under us) is reported as truncated.
 */
final class PartStream extends InputStream implements GunzipStream.StoredPlaces {
  private final List<ResolvedPart> parts;
  private final ProgressListener progress;
  private final String stage;
  private final long total;
  private final Cancellation cancel;
  private final CRC32C crc = new CRC32C();
  private int index = -1;
  private FileChannel channel;
  private long remainingInPart;
  private long done;

  PartStream(
      List<ResolvedPart> parts,
      ProgressListener progress,
      String stage,
      long total,
      Cancellation cancel) {
    this.parts = parts;
    this.progress = progress;
    this.stage = stage;
    this.total = total;
    this.cancel = cancel;
  }

  /** Bytes handed out so far. */
  long bytesRead() {
    return done;
  }

  /** CRC-32C and length of the bytes handed out so far. */
  Crc crc() {
    return new Crc(crc.getValue(), done);
  }

  /**
   * Describes the stored byte at {@code offset}: which part file and where in it (after the
   * header).
   */
  @Override
  public String at(long offset) {
    long start = 0;
    for (ResolvedPart p : parts) {
      if (offset < start + p.payloadBytes()) {
        return p.describe() + " at data offset " + (offset - start);
      }
      start += p.payloadBytes();
    }
    ResolvedPart last = parts.get(parts.size() - 1);
    return "the end of the last part, " + last.describe();
  }

  @Override
  public String between(long from, long to) {
    List<String> files = new java.util.ArrayList<>();
    int first = -1;
    int last = -1;
    long start = 0;
    for (int i = 0; i < parts.size(); i++) {
      ResolvedPart p = parts.get(i);
      long end = start + p.payloadBytes();
      if (end > from && start <= to) {
        first = first < 0 ? i : first;
        last = i;
        files.add(p.file().toString());
      }
      start = end;
    }
    if (first < 0) {
      return at(from);
    }
    return (first == last ? "part " + (first + 1) : "parts " + (first + 1) + " to " + (last + 1))
        + " ("
        + String.join(", ", files)
        + ")";
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    cancel.check();
    while (remainingInPart == 0) {
      if (!openNext()) {
        return -1;
      }
    }
    ResolvedPart part = parts.get(index);
    int want = (int) Math.min(len, remainingInPart);
    int n;
    try {
      n = channel.read(ByteBuffer.wrap(b, off, want));
    } catch (IOException e) {
      throw new MissingPartException("cannot read " + part.describe() + ": " + e, e);
    }
    if (n < 0) {
      throw new TruncatedPartException(
          part.describe()
              + " ended "
              + remainingInPart
              + " bytes early while it was being read (it changed during the fetch?)");
    }
    crc.update(b, off, n);
    remainingInPart -= n;
    done += n;
    progress.progress(stage, done, total);
    return n;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, total - done);
  }

  private boolean openNext() throws IOException {
    closeChannel();
    if (index + 1 >= parts.size()) {
      return false;
    }
    index++;
    ResolvedPart part = parts.get(index);
    try {
      channel = FileChannel.open(part.file(), StandardOpenOption.READ);
      channel.position(AmandaFileHeader.SIZE);
    } catch (NoSuchFileException e) {
      throw new MissingPartException(part.describe() + " disappeared during the fetch", e);
    } catch (IOException e) {
      throw new MissingPartException("cannot open " + part.describe() + ": " + e, e);
    }
    remainingInPart = part.payloadBytes();
    return true;
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  @Override
  public void close() throws IOException {
    closeChannel();
  }
}
