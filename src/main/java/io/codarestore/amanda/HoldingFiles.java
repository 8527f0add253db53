package io.codarestore.amanda;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Dumps left on an Amanda holding disk (Amanda's {@code server-src/holding.c}, {@code driver.c} and
 * {@code xfer-dest-holding.c}; checked against Amanda 3.5.1's own files). The driver writes a dump
 * to {@code HOLDINGDIR/RUN/HOST.DISK.LEVEL}, the disk name sanitised as for index files and {@code
 * RUN} the run's datestamp (for 8-digit datestamps the run's 14-digit start time instead). When a
 * file reaches the holding disk's {@code chunksize}, or the disk fills, the chunker goes on in a
 * further file ({@code NAME.1}, {@code NAME.2}, ..., possibly on another holding disk) and writes
 * that file's absolute path into the previous chunk's header as {@code CONT_FILENAME=}. Every chunk
 * starts with a 32 KiB header: {@code FILE} for the first, {@code CONT_FILE} for the others; only
 * the first carries the CRCs. A chunk being written is called {@code NAME.tmp}; amcleanup renames
 * the leftovers of a crashed run and marks them {@code PARTIAL=YES}. The driver deletes the chunks
 * once the dump is on tape (at the end of the run, or by amflush later).
 */
public final class HoldingFiles {
  /** More chunks than this is a {@code CONT_FILENAME} loop, not a dump. */
  static final int MAX_CHUNKS = 100_000;

  /** What marks a chunk Amanda is still writing (or a crashed run left). */
  static final String TMP_SUFFIX = ".tmp";

  private HoldingFiles() {}

  /**
   * One chunk of a dump on a holding disk.
   *
   * @param dataBytes the bytes after the 32 KiB header
   */
  public record Chunk(Path file, AmandaFileHeader header, long dataBytes) {}

  /** The file name Amanda gives the first chunk: {@code HOST.DISK.LEVEL}, the disk sanitised. */
  public static String baseName(DumpId id) {
    return id.host() + "." + sanitise(id.disk()) + "." + id.level();
  }

  /** Amanda's {@code sanitise_filename}: '_' becomes "__", '/' and '\' become '_'. */
  public static String sanitise(String name) {
    StringBuilder sb = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch == '_') {
        sb.append('_');
      }
      sb.append(ch == '/' || ch == '\\' ? '_' : ch);
    }
    return sb.toString();
  }

  /**
   * The first chunk of a dump on the given holding disks, if one is there: {@code
   * HOLDINGDIR/DATESTAMP/NAME} of any holding disk (whatever its header says: {@link #chain} then
   * tells what is wrong with it), else a file of that name in any other run directory whose header
   * names this dump as its first chunk.
   *
   * @throws TruncatedPartException when only Amanda's {@code .tmp} file is there (the run is still
   *     writing it, or died before the dump was complete)
   */
  public static Optional<Path> find(List<Path> holdingDirs, DumpId id) {
    String name = baseName(id);
    for (Path h : holdingDirs) {
      Path p = h.resolve(id.datestamp()).resolve(name);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    for (Path h : holdingDirs) {
      for (Path run : runDirectories(h)) {
        Path p = run.resolve(name);
        if (Files.isRegularFile(p) && isFirstChunkOf(p, id)) {
          return Optional.of(p);
        }
      }
    }
    for (Path h : holdingDirs) {
      for (Path run : runDirectories(h)) {
        Path tmp = run.resolve(name + TMP_SUFFIX);
        if (Files.isRegularFile(tmp) && isFirstChunkOf(tmp, id)) {
          throw new TruncatedPartException(stillWritten(tmp, id));
        }
      }
    }
    return Optional.empty();
  }

  private static List<Path> runDirectories(Path holdingDir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(holdingDir)) {
      for (Path p : ds) {
        if (Files.isDirectory(p)) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      return List.of(); // a missing or unreadable holding disk holds nothing we can use
    }
    out.sort(null);
    return out;
  }

  private static boolean isFirstChunkOf(Path p, DumpId id) {
    try {
      AmandaFileHeader h = AmandaFileHeader.read(p);
      return h.kind() == AmandaFileHeader.Kind.FILE && id.isNamedBy(h);
    } catch (AmandaHeaderException e) {
      return false;
    }
  }

  private static String stillWritten(Path tmp, DumpId id) {
    return tmp
        + ": only Amanda's temporary file of "
        + id.describe()
        + " is on the holding disk: the run is still writing it, or it died before the dump was"
        + " complete (amcleanup then keeps it marked PARTIAL)";
  }

  /**
   * Reads the chunks of a holding-disk dump in order, starting at its first file and following the
   * {@code CONT_FILENAME=} of each header, and checks every header: the first is a {@code FILE},
   * the others {@code CONT_FILE}s, all naming this dump (host, disk, datestamp, level), none {@code
   * PARTIAL=YES}, all with the first one's compression and encryption. A next chunk that is not
   * where its header says is looked for under the same run directory name on the given holding
   * disks (a holding disk that was moved).
   *
   * @throws MissingPartException when a file is missing or cannot be read
   * @throws TruncatedPartException when a file is shorter than its header
   * @throws HeaderMismatchException when a header is unreadable or describes something else
   */
  public static List<Chunk> chain(Path first, DumpId id, List<Path> holdingDirs) {
    List<Chunk> out = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    Path file = first;
    while (file != null) {
      int number = out.size() + 1;
      String which = "chunk " + number + " of " + id.describe();
      if (number > MAX_CHUNKS || !seen.add(file.toAbsolutePath().normalize())) {
        throw new HeaderMismatchException(
            out.get(out.size() - 1).file()
                + ": its CONT_FILENAME leads back to "
                + file
                + ", an earlier chunk of "
                + id.describe()
                + ": the chunk headers form a loop");
      }
      long size;
      try {
        size = Files.size(file);
      } catch (NoSuchFileException e) {
        throw new MissingPartException(
            file
                + ": no such file (the first holding-disk chunk of "
                + id.describe()
                + "; flushed to tape or deleted since the catalog was imported?)"
                + tmpNote(file),
            e);
      } catch (IOException e) {
        throw new MissingPartException(
            "cannot read " + file + " (" + which + " on the holding disk): " + e, e);
      }
      if (size < AmandaFileHeader.SIZE) {
        throw new TruncatedPartException(
            file
                + " ("
                + which
                + " on the holding disk) holds only "
                + size
                + " bytes, less than its "
                + AmandaFileHeader.SIZE
                + "-byte Amanda header: the file is cut short");
      }
      AmandaFileHeader h;
      try {
        h = AmandaFileHeader.read(file);
      } catch (AmandaHeaderException e) {
        throw new HeaderMismatchException(e.getMessage() + " (expected " + which + ")", e);
      }
      checkHeader(file, number, id, h, out.isEmpty() ? null : out.get(0).header());
      out.add(new Chunk(file, h, size - AmandaFileHeader.SIZE));
      if (h.contFilename() == null) {
        file = null;
      } else {
        Path named = Path.of(h.contFilename());
        named = (named.isAbsolute() ? named : file.resolveSibling(named)).normalize();
        List<Path> tries = nextCandidates(named, file, holdingDirs);
        file = tries.stream().filter(Files::isRegularFile).findFirst().orElse(null);
        if (file == null) {
          Chunk prev = out.get(out.size() - 1);
          throw new MissingPartException(
              prev.file()
                  + ": its header names the next chunk "
                  + h.contFilename()
                  + " (chunk "
                  + (out.size() + 1)
                  + " of "
                  + id.describe()
                  + "), but it is not there (looked at "
                  + join(tries)
                  + ")"
                  + tmpNote(tries.get(0))
                  + ": a chunk of the dump is missing");
        }
      }
    }
    return out;
  }

  private static String tmpNote(Path file) {
    Path tmp = Path.of(file + TMP_SUFFIX);
    return Files.exists(tmp) ? "; only " + tmp + " is there, a chunk Amanda had not finished" : "";
  }

  /**
   * Where the next chunk may be, in the order to try: where the header says, if that is on one of
   * the holding disks; the same name beside the current chunk, or under the same run directory of
   * any holding disk (a holding disk that was moved or copied: the headers keep the old paths).
   * Amanda writes chunks only to its holding disks, so a path elsewhere is stale: it is tried only
   * when no holding disk is known.
   */
  private static List<Path> nextCandidates(Path named, Path current, List<Path> holdingDirs) {
    Set<Path> out = new LinkedHashSet<>();
    if (holdingDirs.isEmpty() || isOnHoldingDisk(named, holdingDirs)) {
      out.add(named);
    }
    Path name = named.getFileName();
    Path runDir = named.getParent() == null ? null : named.getParent().getFileName();
    if (name != null) {
      out.add(current.resolveSibling(name));
      if (runDir != null) {
        for (Path h : holdingDirs) {
          out.add(h.resolve(runDir).resolve(name));
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static boolean isOnHoldingDisk(Path file, List<Path> holdingDirs) {
    for (Path h : holdingDirs) {
      if (file.startsWith(h.toAbsolutePath().normalize())) {
        return true;
      }
    }
    return false;
  }

  private static void checkHeader(
      Path file, int number, DumpId id, AmandaFileHeader h, AmandaFileHeader first) {
    List<String> wrong = new ArrayList<>();
    AmandaFileHeader.Kind want =
        number == 1 ? AmandaFileHeader.Kind.FILE : AmandaFileHeader.Kind.CONT_FILE;
    if (!h.isDump()) {
      wrong.add("it is a " + h.kind() + " file, not a dump");
    } else {
      if (h.kind() != want) {
        wrong.add(
            "type "
                + h.kind()
                + (h.kind() == AmandaFileHeader.Kind.CONT_FILE
                    ? " (a later chunk, not the start of a dump)"
                    : h.kind() == AmandaFileHeader.Kind.FILE
                        ? " (the start of a dump, not a continuation)"
                        : " (a tape part, not a holding-disk file)"));
      }
      wrong.addAll(id.differencesFrom(h));
      if (h.partial()) {
        wrong.add("PARTIAL=YES (amcleanup salvaged an incomplete dump)");
      }
      if (first != null && !Objects.equals(first.compSuffix(), h.compSuffix())) {
        wrong.add("comp " + h.compSuffix() + " (chunk 1: " + first.compSuffix() + ")");
      }
      if (first != null && first.isEncrypted() != h.isEncrypted()) {
        wrong.add("encryption differs from chunk 1");
      }
    }
    if (!wrong.isEmpty()) {
      throw new HeaderMismatchException(
          file
              + ": expected chunk "
              + number
              + " of "
              + id.describe()
              + " on the holding disk ("
              + want
              + "), but its header says "
              + String.join(", ", wrong)
              + " ("
              + h.describe()
              + ")");
    }
  }

  /**
   * Checks that the chunks hold exactly the bytes Amanda logged for the dump on the holding disk:
   * the length of the chunker's CRC, or, where the log has no CRC, its size in KiB (rounded down).
   *
   * @param stored the CRC of {@code SUCCESS chunker} (or {@link Crc#UNKNOWN})
   * @param kb the {@code kb} of {@code SUCCESS chunker}, or -1
   * @return the data bytes of all chunks
   * @throws TruncatedPartException when bytes are missing
   * @throws ChecksumMismatchException when there are more bytes than Amanda wrote
   */
  public static long checkSize(List<Chunk> chunks, DumpId id, Crc stored, long kb) {
    long total = 0;
    for (Chunk c : chunks) {
      total += c.dataBytes();
    }
    long min;
    long max;
    String logged;
    if (Crc.isKnown(stored)) {
      min = stored.length();
      max = stored.length();
      logged = stored.length() + " bytes (the CRC of its SUCCESS chunker line)";
    } else if (kb >= 0) {
      min = kb * 1024;
      max = kb * 1024 + 1023;
      logged = kb + " KiB (its SUCCESS chunker line)";
    } else {
      return total; // nothing logged to compare with
    }
    if (total < min) {
      throw new TruncatedPartException(
          "the holding-disk chunks of "
              + id.describe()
              + " hold "
              + total
              + " bytes after their headers, but Amanda logged "
              + logged
              + ": "
              + (min - total)
              + " bytes are missing from "
              + describe(chunks));
    }
    if (total > max) {
      throw new ChecksumMismatchException(
          "the holding-disk chunks of "
              + id.describe()
              + " hold "
              + total
              + " bytes after their headers, more than the "
              + logged
              + " Amanda logged: "
              + describe(chunks));
    }
    return total;
  }

  /** For messages: each chunk's file and data bytes. */
  static String describe(List<Chunk> chunks) {
    List<String> out = new ArrayList<>(chunks.size());
    for (Chunk c : chunks) {
      out.add(c.file() + " (" + c.dataBytes() + " bytes)");
    }
    return String.join(", ", out);
  }

  private static String join(List<Path> paths) {
    List<String> s = new ArrayList<>(paths.size());
    for (Path p : paths) {
      s.add(p.toString());
    }
    return String.join(", ", s);
  }

  /**
   * The chunks of a fetch request, read again and checked against the request: the same files as at
   * the catalog's import, the same sizes, and as many bytes as Amanda logged.
   */
  static List<ResolvedPart> resolve(FetchRequest request) {
    DumpId id = request.id();
    List<HoldingLocation> wanted = request.holding();
    // The holding disks the catalog found the chunks on: where moved chunks are looked for.
    Set<Path> disks = new LinkedHashSet<>();
    for (HoldingLocation l : wanted) {
      Path run = l.file().getParent();
      if (run != null && run.getParent() != null) {
        disks.add(run.getParent());
      }
    }
    List<Chunk> chunks = chain(wanted.get(0).file(), id, new ArrayList<>(disks));
    for (int i = 0; i < Math.max(chunks.size(), wanted.size()); i++) {
      HoldingLocation w = i < wanted.size() ? wanted.get(i) : null;
      Chunk c = i < chunks.size() ? chunks.get(i) : null;
      if (w == null) {
        throw new HeaderMismatchException(
            chunks.get(i - 1).file()
                + ": names a further chunk "
                + c.file()
                + " of "
                + id.describe()
                + " that was not there when the catalog was imported ("
                + wanted.size()
                + " chunks then); re-import the catalog");
      }
      if (c == null) {
        throw new MissingPartException(
            chunks.get(i - 1).file()
                + ": is the last chunk of "
                + id.describe()
                + " (no CONT_FILENAME), but the catalog found "
                + wanted.size()
                + " chunks at import, the next being "
                + w.file()
                + "; re-import the catalog");
      }
      checkUnchanged(id, i + 1, w, c);
    }
    checkSize(chunks, id, request.serverCrc(), -1);
    List<ResolvedPart> parts = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      parts.add(ResolvedPart.holding(i + 1, c.file(), c.header(), c.dataBytes()));
    }
    return parts;
  }

  /** Chunk {@code n} is the file, with the size, the catalog found at import. */
  private static void checkUnchanged(DumpId id, int n, HoldingLocation w, Chunk c) {
    if (!c.file().toAbsolutePath().normalize().equals(w.file().toAbsolutePath().normalize())) {
      throw new HeaderMismatchException(
          "chunk "
              + n
              + " of "
              + id.describe()
              + " is now "
              + c.file()
              + ", but was "
              + w.file()
              + " when the catalog was imported; re-import the catalog");
    }
    if (w.bytes() >= 0 && c.dataBytes() < w.bytes()) {
      throw new TruncatedPartException(
          c.file()
              + " (chunk "
              + n
              + " of "
              + id.describe()
              + " on the holding disk) holds "
              + c.dataBytes()
              + " bytes after its header, but held "
              + w.bytes()
              + " when the catalog was imported: the file is cut short");
    }
    if (w.bytes() >= 0 && c.dataBytes() > w.bytes()) {
      throw new ChecksumMismatchException(
          c.file()
              + " (chunk "
              + n
              + " of "
              + id.describe()
              + " on the holding disk) holds "
              + c.dataBytes()
              + " bytes after its header, but held only "
              + w.bytes()
              + " when the catalog was imported: it changed since; re-import the catalog");
    }
  }
}
