package io.codarestore.amanda;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip stream (RFC 1952, one or more members) with the JDK's {@link Inflater}, checking
 * every member's CRC-32 and length. Unlike {@link java.util.zip.GZIPInputStream} it knows the
 * stored offset of every byte, so a damaged or short stream is reported with the part file and
 * offset where it broke, and bytes after the last member are counted rather than silently dropped.
 */
final class GunzipStream extends InputStream {
  /** Tells where stored byte offsets are, for messages. */
  interface StoredPlaces {
    /** The place of one byte, e.g. "part 2 (CODA-01 file 6, FILE) at data offset 1000". */
    String at(long offset);

    /** The places of a range of bytes, e.g. "parts 1 to 3 (FILE, FILE, FILE)". */
    String between(long from, long to);
  }

  private static final int FTEXT_MASK = 0xE0; // reserved flag bits must be zero
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private enum State {
    HEADER,
    DATA,
    DONE
  }

  private final InputStream in;
  private final String name;
  private final StoredPlaces where;
  private final byte[] buf;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private int pos;
  private int lim;
  private long bufStart;
  private long memberOut;
  private long memberStart;
  private int members;
  private long trailingBytes;
  private long trailingStart = -1;
  private State state = State.HEADER;

  /**
   * @param in the stored (compressed) stream
   * @param name what is being decoded, for messages ("the gzip stream of ...")
   * @param where describes stored byte offsets for messages (e.g. "part 2, file X, offset Y")
   * @param bufferSize bytes read from {@code in} at a time
   */
  GunzipStream(InputStream in, String name, StoredPlaces where, int bufferSize) {
    this.in = in;
    this.name = name;
    this.where = where;
    this.buf = new byte[bufferSize];
  }

  /** Bytes after the end of the last gzip member (0 when the stream ended cleanly). */
  long trailingBytes() {
    return trailingBytes;
  }

  /** Stored offset where trailing bytes start, or -1. */
  long trailingStart() {
    return trailingStart;
  }

  int members() {
    return members;
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
    int stalls = 0;
    while (true) {
      switch (state) {
        case DONE:
          return -1;
        case HEADER:
          if (!startMember()) {
            state = State.DONE;
            return -1;
          }
          state = State.DATA;
          break;
        case DATA:
          int n;
          try {
            n = inflater.inflate(b, off, len);
          } catch (DataFormatException e) {
            throw damaged(consumedOffset(), e.getMessage(), e);
          }
          if (n > 0) {
            crc.update(b, off, n);
            memberOut += n;
            return n;
          }
          if (inflater.finished()) {
            pos = lim - inflater.getRemaining();
            finishMember();
            state = State.HEADER;
          } else if (inflater.needsDictionary()) {
            throw damaged(consumedOffset(), "the data ask for a preset dictionary", null);
          } else if (inflater.needsInput()) {
            pos = lim;
            if (!fill()) {
              throw cutShort("inside the compressed data of member " + (members + 1));
            }
            inflater.setInput(buf, pos, lim - pos);
          } else if (++stalls > 3) {
            throw damaged(consumedOffset(), "the inflater makes no progress", null);
          }
          break;
        default:
          throw new IllegalStateException(state.toString());
      }
    }
  }

  /** Reads a member header. False at a clean end of input (after at least one member). */
  private boolean startMember() throws IOException {
    long start = offset();
    int id1 = readByte();
    if (id1 < 0) {
      if (members == 0) {
        throw new CorruptStreamException(name + " is empty: no gzip data at all");
      }
      return false;
    }
    int id2 = readByte();
    if (id1 != 0x1f || id2 != 0x8b) {
      if (members == 0) {
        throw new CorruptStreamException(
            name
                + " is not gzip data: it starts with bytes "
                + String.format("%02x %02x", id1, id2 < 0 ? 0 : id2)
                + " ("
                + where.at(start)
                + "), gzip data start with 1f 8b");
      }
      trailingStart = start;
      trailingBytes = (id2 < 0 ? 1 : 2) + drain();
      return false;
    }
    memberStart = start;
    int method = need("the gzip header");
    int flags = need("the gzip header");
    if (method != 8) {
      throw damaged(
          start, "unknown gzip compression method " + method + " (only 8, deflate)", null);
    }
    if ((flags & FTEXT_MASK) != 0) {
      throw damaged(start, "reserved gzip header flags are set (" + flags + ")", null);
    }
    for (int i = 0; i < 6; i++) {
      need("the gzip header"); // MTIME, XFL, OS
    }
    if ((flags & FEXTRA) != 0) {
      int xlen = need("the gzip header") | need("the gzip header") << 8;
      for (int i = 0; i < xlen; i++) {
        need("the gzip header's extra field");
      }
    }
    if ((flags & FNAME) != 0) {
      while (need("the gzip header's file name") != 0) {
        // skip the original file name
      }
    }
    if ((flags & FCOMMENT) != 0) {
      while (need("the gzip header's comment") != 0) {
        // skip the comment
      }
    }
    if ((flags & FHCRC) != 0) {
      need("the gzip header");
      need("the gzip header");
    }
    inflater.reset();
    crc.reset();
    memberOut = 0;
    if (pos < lim) {
      inflater.setInput(buf, pos, lim - pos);
    }
    return true;
  }

  private void finishMember() throws IOException {
    long trailerAt = offset();
    long storedCrc = 0;
    for (int i = 0; i < 4; i++) {
      storedCrc |= (long) need("the gzip trailer") << (8 * i);
    }
    long storedSize = 0;
    for (int i = 0; i < 4; i++) {
      storedSize |= (long) need("the gzip trailer") << (8 * i);
    }
    if (storedCrc != crc.getValue()) {
      // deflate found nothing wrong, so the damage can be anywhere in the member
      throw new CorruptStreamException(
          String.format(
              "%s is damaged somewhere in stored bytes %d to %d, %s: the gzip trailer records"
                  + " CRC-32 %08x but the data decompress to %08x",
              name,
              memberStart,
              trailerAt,
              where.between(memberStart, trailerAt),
              storedCrc,
              crc.getValue()));
    }
    if (storedSize != (memberOut & 0xFFFF_FFFFL)) {
      throw damaged(
          trailerAt,
          "the gzip trailer records "
              + storedSize
              + " bytes (mod 2^32) but the member decompressed to "
              + memberOut,
          null);
    }
    members++;
  }

  private int need(String what) throws IOException {
    int b = readByte();
    if (b < 0) {
      throw cutShort("inside " + what + " of member " + (members + 1));
    }
    return b;
  }

  private int readByte() throws IOException {
    if (pos == lim && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  private boolean fill() throws IOException {
    bufStart += lim;
    pos = 0;
    lim = 0;
    while (true) {
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        return false;
      }
      if (n > 0) {
        lim = n;
        return true;
      }
    }
  }

  private long drain() throws IOException {
    long n = lim - pos;
    pos = lim;
    while (fill()) {
      n += lim;
      pos = lim;
    }
    return n;
  }

  /** Stored offset of the next byte the header/trailer reader will take. */
  private long offset() {
    return bufStart + pos;
  }

  /** Stored offset of the next byte the inflater will take. */
  private long consumedOffset() {
    return bufStart + lim - inflater.getRemaining();
  }

  private CorruptStreamException cutShort(String place) {
    long at = bufStart + lim;
    return new CorruptStreamException(
        name
            + " is cut short: the stored data end after "
            + at
            + " bytes ("
            + where.at(at)
            + "), "
            + place
            + "; a part is missing or truncated");
  }

  private CorruptStreamException damaged(long at, String what, Throwable cause) {
    return new CorruptStreamException(
        name
            + " is damaged at stored byte "
            + at
            + " ("
            + where.at(at)
            + ", member "
            + (members + 1)
            + " starting at byte "
            + memberStart
            + "): "
            + what,
        cause);
  }

  @Override
  public void close() throws IOException {
    inflater.end();
    in.close();
  }
}
