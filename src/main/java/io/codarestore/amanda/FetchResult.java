package io.codarestore.amanda;

import java.time.Duration;
import java.util.List;

/**
 * What a fetch read, wrote and verified.
 *
 * @param storedBytes bytes read off the media after the headers (the stream as stored on tape), or
 *     -1 when the media were read by amfetchdump
 * @param storedCrc CRC-32C and length of the stored stream as read, or null when not seen
 * @param writtenBytes bytes of the dump written to the output (after decompression)
 * @param nativeCrc CRC-32C and length of the written dump
 * @param compression the header's compression suffix ({@code N} = none, {@code .gz})
 * @param storedVerified true when the stored stream was compared with a recorded SERVER-CRC
 * @param nativeVerified true when the written dump was compared with a recorded NATIVE-CRC
 * @param warnings things the user should read (e.g. nothing recorded to compare with)
 * @param elapsed wall-clock time of the fetch
 */
public record FetchResult(
    long storedBytes,
    Crc storedCrc,
    long writtenBytes,
    Crc nativeCrc,
    String compression,
    boolean storedVerified,
    boolean nativeVerified,
    List<String> warnings,
    Duration elapsed) {

  public FetchResult {
    warnings = List.copyOf(warnings);
  }

  /** Output rate in bytes per second (0 when nothing was timed). */
  public double bytesPerSecond() {
    long nanos = elapsed.toNanos();
    return nanos <= 0 ? 0 : writtenBytes * 1e9 / nanos;
  }
}
