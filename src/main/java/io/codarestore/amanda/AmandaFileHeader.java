package io.codarestore.amanda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The 32 KiB header in front of every Amanda tape file (and of the index {@code .header} copies):
 * plain text, NUL padded. The first line says what the file is; for dump files the following lines
 * carry the Application, the sizes, the CRCs and the DLE. See Amanda's {@code
 * common-src/fileheader.c} and spec/amanda-catalog.md §7.2.
 *
 * @param kind what the file is
 * @param datestamp the run's datestamp (8 or 14 digits; {@code X} on a tape labelled but never
 *     written; empty on a {@code TAPEEND} without date)
 * @param host the DLE's host (dump files only, else null)
 * @param disk the DLE's disk, unquoted (dump files only, else null); for Coda the volume name
 * @param partNumber part number k of {@code part k/n} ({@code SPLIT_FILE} only, else 0)
 * @param totalParts part count n of {@code part k/n}; -1 when unknown (always on tape)
 * @param level the dump level (dump files only, else -1)
 * @param compSuffix {@code N} when not compressed, else the compressor's suffix ({@code .gz},
 *     {@code .bz2}, {@code .Z}, {@code cust}, ...)
 * @param program the dump program ({@code APPLICATION} for Application-API dumps), or null
 * @param tapeLabel the tape label ({@code TAPESTART} only, else null)
 * @param application the {@code APPLICATION=} line, or null
 * @param origSizeKb the {@code ORIGSIZE=} line in KiB, or -1
 * @param nativeCrc the {@code NATIVE-CRC=} line (stream before compression), or {@link Crc#UNKNOWN}
 * @param clientCrc the {@code CLIENT-CRC=} line (after client compression), or {@link Crc#UNKNOWN}
 * @param serverCrc the {@code SERVER-CRC=} line (the bytes stored on tape, all parts), or {@link
 *     Crc#UNKNOWN}
 * @param dleCompress the DLE's {@code <compress>} element ({@code FAST}, {@code SERVER-BEST}, ...)
 *     or null
 * @param encryptSuffix the {@code crypt} word of the first line ({@code enc}), or null
 * @param serverEncrypt the {@code server_encrypt} program, or null
 * @param clientEncrypt the {@code client_encrypt} program, or null
 * @param serverDecryptOption the {@code server_decrypt_option}, or null
 * @param clientDecryptOption the {@code client_decrypt_option}, or null
 * @param serverCustomCompress the {@code server_custom_compress} program, or null
 * @param clientCustomCompress the {@code client_custom_compress} program, or null
 * @param partial true when the header says {@code PARTIAL=YES}
 * @param dle the DLE XML of the {@code DLE=} heredoc, or null
 * @param contFilename the {@code CONT_FILENAME=} line of a holding-disk chunk: the absolute path of
 *     the next chunk of the same dump, or null on the last chunk (and on tape files)
 */
public record AmandaFileHeader(
    Kind kind,
    String datestamp,
    String host,
    String disk,
    int partNumber,
    int totalParts,
    int level,
    String compSuffix,
    String program,
    String tapeLabel,
    String application,
    long origSizeKb,
    Crc nativeCrc,
    Crc clientCrc,
    Crc serverCrc,
    String dleCompress,
    String encryptSuffix,
    String serverEncrypt,
    String clientEncrypt,
    String serverDecryptOption,
    String clientDecryptOption,
    String serverCustomCompress,
    String clientCustomCompress,
    boolean partial,
    String dle,
    String contFilename) {

  /** Size of the header block in front of every tape file. */
  public static final int SIZE = 32 * 1024;

  /** Amanda's file types ({@code filetype_t}) that a header can name. */
  public enum Kind {
    TAPESTART,
    TAPEEND,
    /** A whole (unsplit) dump, and the index {@code .header} copies. */
    FILE,
    /** A continuation chunk of a holding-disk file (old Amanda). */
    CONT_FILE,
    /** One part of a split dump. */
    SPLIT_FILE;

    public boolean isDump() {
      return this == FILE || this == CONT_FILE || this == SPLIT_FILE;
    }
  }

  /** Where the data were compressed, from the DLE's {@code <compress>} element. */
  public enum CompressionSite {
    NONE,
    CLIENT,
    SERVER,
    /** Compressed, but the header does not say where. */
    UNKNOWN
  }

  public AmandaFileHeader {
    if (kind == null || datestamp == null) {
      throw new IllegalArgumentException("kind and datestamp are required");
    }
    nativeCrc = nativeCrc == null ? Crc.UNKNOWN : nativeCrc;
    clientCrc = clientCrc == null ? Crc.UNKNOWN : clientCrc;
    serverCrc = serverCrc == null ? Crc.UNKNOWN : serverCrc;
  }

  /** True for the three kinds of dump file. */
  public boolean isDump() {
    return kind.isDump();
  }

  /** True unless {@code comp N}. */
  public boolean isCompressed() {
    return compSuffix != null && !"N".equals(compSuffix);
  }

  /** True when the first line names any encryption. */
  public boolean isEncrypted() {
    return "enc".equals(encryptSuffix) || serverEncrypt != null || clientEncrypt != null;
  }

  /** Where the stream was compressed, as far as the header tells. */
  public CompressionSite compressionSite() {
    if (serverCustomCompress != null) {
      return CompressionSite.SERVER;
    }
    if (clientCustomCompress != null) {
      return CompressionSite.CLIENT;
    }
    if (dleCompress != null && !dleCompress.isEmpty() && !"NONE".equals(dleCompress)) {
      return dleCompress.startsWith("SERVER") ? CompressionSite.SERVER : CompressionSite.CLIENT;
    }
    return isCompressed() ? CompressionSite.UNKNOWN : CompressionSite.NONE;
  }

  /** A short description for messages, e.g. {@code localhost:coda.root 20240306053300 level 0}. */
  public String describe() {
    return switch (kind) {
      case TAPESTART -> "tape label " + tapeLabel + " (written " + datestamp + ")";
      case TAPEEND -> "end of tape (" + datestamp + ")";
      case SPLIT_FILE ->
          host
              + ":"
              + disk
              + " "
              + datestamp
              + " level "
              + level
              + " part "
              + partNumber
              + "/"
              + (totalParts < 0 ? "?" : totalParts);
      default -> host + ":" + disk + " " + datestamp + " level " + level;
    };
  }

  /**
   * Reads the header of a tape file (its first 32 KiB).
   *
   * @throws AmandaHeaderException when the file is shorter than a header or its header cannot be
   *     parsed
   * @throws java.io.UncheckedIOException never; I/O errors are reported as {@link
   *     AmandaHeaderException} naming the file
   */
  public static AmandaFileHeader read(Path file) {
    byte[] block;
    try (InputStream in = Files.newInputStream(file)) {
      block = in.readNBytes(SIZE);
    } catch (NoSuchFileException e) {
      throw new AmandaHeaderException(file + ": no such file", e);
    } catch (IOException e) {
      throw new AmandaHeaderException(file + ": cannot read the Amanda header: " + e, e);
    }
    if (block.length < SIZE) {
      throw new AmandaHeaderException(
          file
              + ": holds only "
              + block.length
              + " bytes; an Amanda tape file starts with a "
              + SIZE
              + "-byte header");
    }
    return parse(block, file.toString());
  }

  /**
   * Parses a header block.
   *
   * @param header the header bytes (normally 32 KiB; the text ends at the first NUL)
   * @param sourceName the file the bytes came from, for messages
   * @throws AmandaHeaderException naming {@code sourceName} and what is wrong
   */
  public static AmandaFileHeader parse(byte[] header, String sourceName) {
    return AmandaFileHeaderParser.parse(header, sourceName);
  }
}
