package io.codarestore.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the compression word of the copy of a dump's tape header that Amanda keeps in the index
 * directory ({@code <datestamp>_<level>.header}, first line {@code AMANDA: FILE <ds> <host> <disk>
 * lev <n> comp <suffix> program <p>}).
 */
final class IndexHeaders {
  private static final int MAX_LINE = 4096;

  private IndexHeaders() {}

  /** The {@code comp} word ({@code N} or a suffix such as {@code .gz}), or null if unknown. */
  static String compression(Path header) {
    byte[] head;
    try (InputStream in = Files.newInputStream(header)) {
      head = in.readNBytes(MAX_LINE);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null; // Unreadable index files only cost us the compression column.
    }
    int end = 0;
    while (end < head.length && head[end] != '\n' && head[end] != 0) {
      end++;
    }
    String line = new String(head, 0, end, StandardCharsets.UTF_8);
    if (!line.startsWith("AMANDA: ")) {
      return null;
    }
    String[] w = line.trim().split("\\s+");
    for (int i = 0; i + 3 < w.length; i++) {
      if (w[i].equals("lev") && w[i + 2].equals("comp")) {
        return w[i + 3];
      }
    }
    return null;
  }
}
