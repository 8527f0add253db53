package io.codarestore.amanda;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * A checksum as Amanda records it: CRC-32C (Castagnoli) of a stream and the stream's exact length
 * in bytes, written {@code <crc in hex>:<length>} (e.g. {@code 19f02cc:1053829}). Amanda writes
 * {@code 00000000:0} when it does not know the checksum; that value is {@link #UNKNOWN}.
 */
public record Crc(long crc32c, long length) {
  /** What Amanda writes when it has no checksum. */
  public static final Crc UNKNOWN = new Crc(0, 0);

  public Crc {
    if (crc32c < 0 || crc32c > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("CRC-32C out of range: " + crc32c);
    }
    if (length < 0) {
      throw new IllegalArgumentException("negative stream length: " + length);
    }
  }

  /**
   * Parses {@code <hex>:<decimal>}.
   *
   * @throws IllegalArgumentException naming the text when it is not of that form
   */
  public static Crc parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 1 || colon > 8 || colon == text.length() - 1) {
      throw new IllegalArgumentException(
          "not an Amanda CRC (expected <crc32c hex>:<bytes>): '" + text + "'");
    }
    try {
      long crc = Long.parseLong(text.substring(0, colon), 16);
      long length = Long.parseLong(text.substring(colon + 1));
      if (length < 0 || text.charAt(colon + 1) == '+' || text.charAt(0) == '+') {
        throw new NumberFormatException(text);
      }
      return new Crc(crc, length);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not an Amanda CRC (expected <crc32c hex>:<bytes>): '" + text + "'", e);
    }
  }

  /** False for {@code 00000000:0}, the value Amanda writes when it did not compute a checksum. */
  public boolean isKnown() {
    return crc32c != 0 || length != 0;
  }

  /** True when {@code crc} is neither null nor {@link #UNKNOWN}. */
  public static boolean isKnown(Crc crc) {
    return crc != null && crc.isKnown();
  }

  /** Amanda's notation, eight hex digits, e.g. {@code 019f02cc:1053829}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%08x:%d", crc32c, length);
  }

  /**
   * The checksum a fetch checks against: the log's when it has one, else the header's. When both
   * are known they must agree (else the file holds another dump than the log describes): {@code
   * mismatch} then gives the message of the {@link HeaderMismatchException}.
   */
  static Crc expected(Crc fromLog, Crc fromHeader, Supplier<String> mismatch) {
    if (fromLog.isKnown() && fromHeader.isKnown() && !fromLog.equals(fromHeader)) {
      throw new HeaderMismatchException(mismatch.get());
    }
    return fromLog.isKnown() ? fromLog : fromHeader;
  }
}
