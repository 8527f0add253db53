package io.codarestore.catalog;

import io.codarestore.amanda.AmandaFileHeader;
import io.codarestore.amanda.AmandaHeaderException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Amanda's copy of a dump's tape header in the index directory ({@code <datestamp>_<level>.header},
 * shorter than 32 KiB, first line {@code AMANDA: FILE ...}).
 */
final class IndexHeaders {
  private IndexHeaders() {}

  /** The parsed header, or null if the file is missing, unreadable or not a header. */
  static AmandaFileHeader read(Path header) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(header)) {
      bytes = in.readNBytes(AmandaFileHeader.SIZE);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null; // An unreadable index file only costs the compression column.
    }
    try {
      return AmandaFileHeader.parse(bytes, header.toString());
    } catch (AmandaHeaderException e) {
      return null;
    }
  }
}
