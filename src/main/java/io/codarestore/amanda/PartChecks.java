package io.codarestore.amanda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a dump's parts (tape files, or chunks on the holding disk) must be before and after their
 * data are read: each header names this part of this dump, the parts agree with each other, the
 * compression is one this program can undo, the sizes and checksums are the ones Amanda logged.
 * Each failure names the file and what is wrong.
 */
final class PartChecks {
  private PartChecks() {}

  /** Finds every part's file and checks its header against the request. */
  static List<ResolvedPart> resolve(FetchRequest request, VtapeLibrary library) {
    List<PartLocation> locations = request.parts();
    if (locations.isEmpty()) {
      throw new MissingPartException("the catalog lists no parts for " + request.describe());
    }
    for (int i = 0; i < locations.size(); i++) {
      if (locations.get(i).partNumber() != i + 1) {
        throw new MissingPartException(
            "the catalog lists parts "
                + locations.stream().map(PartLocation::partNumber).toList()
                + " of "
                + request.describe()
                + ": part "
                + (i + 1)
                + " is missing");
      }
    }
    int count = locations.size();
    List<ResolvedPart> parts = new ArrayList<>(count);
    for (PartLocation location : locations) {
      Path file = library.fileOf(location.label(), location.fileNumber());
      long size;
      try {
        size = Files.size(file);
      } catch (IOException e) {
        throw new MissingPartException("cannot read " + file + ": " + e, e);
      }
      if (size < AmandaFileHeader.SIZE) {
        throw new TruncatedPartException(
            file
                + " ("
                + location
                + " of "
                + request.describe()
                + ") holds only "
                + size
                + " bytes, less than its "
                + AmandaFileHeader.SIZE
                + "-byte Amanda header: the file is cut short");
      }
      AmandaFileHeader header;
      try {
        header = AmandaFileHeader.read(file);
      } catch (AmandaHeaderException e) {
        throw new HeaderMismatchException(
            e.getMessage() + " (expected " + location + " of " + request.describe() + ")", e);
      }
      checkHeader(request, location, count, file, header);
      parts.add(new ResolvedPart(location, file, header, size - AmandaFileHeader.SIZE));
    }
    checkConsistent(request, parts);
    return parts;
  }

  static void checkHeader(
      FetchRequest request, PartLocation location, int count, Path file, AmandaFileHeader h) {
    List<String> wrong = new ArrayList<>();
    boolean kindOk =
        h.kind() == AmandaFileHeader.Kind.SPLIT_FILE
            || (h.kind() == AmandaFileHeader.Kind.FILE && count == 1);
    if (!kindOk) {
      wrong.add("it is a " + h.kind() + " file, not a part of a dump");
    } else {
      wrong.addAll(request.id().differencesFrom(h));
      if (h.kind() == AmandaFileHeader.Kind.SPLIT_FILE) {
        if (h.partNumber() != location.partNumber()) {
          wrong.add("part " + h.partNumber());
        }
        if (h.totalParts() >= 0 && h.totalParts() != count) {
          wrong.add("total parts " + h.totalParts() + " (the catalog has " + count + ")");
        }
      }
      if (h.partial()) {
        wrong.add("PARTIAL=YES");
      }
    }
    if (!wrong.isEmpty()) {
      throw new HeaderMismatchException(
          file
              + ": expected "
              + location
              + " of "
              + request.describe()
              + ", but its header says "
              + String.join(", ", wrong)
              + " ("
              + h.describe()
              + ")");
    }
  }

  /** Every part repeats the dump-wide fields; a part that differs belongs to another dump. */
  static void checkConsistent(FetchRequest request, List<ResolvedPart> parts) {
    AmandaFileHeader a = parts.get(0).header();
    for (ResolvedPart p : parts.subList(1, parts.size())) {
      AmandaFileHeader b = p.header();
      List<String> wrong = new ArrayList<>();
      if (!Objects.equals(a.compSuffix(), b.compSuffix())) {
        wrong.add("comp " + b.compSuffix() + " (part 1: " + a.compSuffix() + ")");
      }
      if (!a.nativeCrc().equals(b.nativeCrc())) {
        wrong.add("NATIVE-CRC " + b.nativeCrc() + " (part 1: " + a.nativeCrc() + ")");
      }
      if (!a.serverCrc().equals(b.serverCrc())) {
        wrong.add("SERVER-CRC " + b.serverCrc() + " (part 1: " + a.serverCrc() + ")");
      }
      if (a.isEncrypted() != b.isEncrypted()) {
        wrong.add("encryption differs from part 1");
      }
      if (!wrong.isEmpty()) {
        throw new HeaderMismatchException(
            p.file()
                + ": "
                + p.location()
                + " of "
                + request.describe()
                + " does not match part 1 ("
                + parts.get(0).file()
                + "): "
                + String.join(", ", wrong));
      }
    }
  }

  /** True for gzip, false for no compression; refuses everything else. */
  static boolean checkCompression(FetchRequest request, ResolvedPart part) {
    AmandaFileHeader h = part.header();
    String advice = "; fetch it through Amanda's amfetchdump instead, which runs that program";
    if (h.isEncrypted()) {
      String how =
          h.serverEncrypt() != null
              ? "on the server with " + h.serverEncrypt()
              : h.clientEncrypt() != null ? "on the client with " + h.clientEncrypt() : "";
      throw new UnsupportedCompressionException(
          request.describe()
              + " is encrypted "
              + how
              + " ("
              + part.file()
              + "); this program cannot decrypt it"
              + advice);
    }
    String custom =
        h.serverCustomCompress() != null ? h.serverCustomCompress() : h.clientCustomCompress();
    if (custom != null) {
      String program = Path.of(custom).getFileName().toString().toLowerCase(Locale.ROOT);
      if (program.equals("gzip") || program.equals("pigz")) {
        return true; // gzip-compatible output
      }
      throw new UnsupportedCompressionException(
          request.describe()
              + " was compressed with the custom program "
              + custom
              + " (comp "
              + h.compSuffix()
              + ", "
              + part.file()
              + "); only gzip can be undone here"
              + advice);
    }
    String suffix = h.compSuffix() == null ? "N" : h.compSuffix();
    switch (suffix) {
      case "N":
        return false;
      case ".gz":
        return true;
      default:
        String what =
            switch (suffix) {
              case ".bz2" -> "bzip2";
              case ".Z" -> "compress (.Z)";
              case ".xz" -> "xz";
              case ".zst" -> "zstd";
              case "cust" -> "a custom program";
              default -> "an unknown compressor (suffix " + suffix + ")";
            };
        throw new UnsupportedCompressionException(
            request.describe()
                + " is compressed with "
                + what
                + " (comp "
                + suffix
                + ", "
                + part.file()
                + "); only gzip can be undone here"
                + advice);
    }
  }

  /** The checksum to compare with: the catalog's, or the header's; they must agree. */
  static Crc expected(
      FetchRequest request, String key, Crc fromCatalog, List<ResolvedPart> parts, boolean stored) {
    AmandaFileHeader h = parts.get(0).header();
    Crc fromHeader = stored ? h.serverCrc() : h.nativeCrc();
    return Crc.expected(
        fromCatalog,
        fromHeader,
        () ->
            parts.get(0).file()
                + ": its header records "
                + key
                + " "
                + fromHeader
                + " but the Amanda log records "
                + fromCatalog
                + " for "
                + request.describe()
                + (parts.get(0).holding()
                    ? ": the holding file holds another dump than the log describes"
                    : ": the tape file holds another dump than the log describes"));
  }

  /** Checks part and total sizes before any byte is read; returns the total stored bytes. */
  static long checkSizes(FetchRequest request, List<ResolvedPart> parts, Crc expected) {
    long total = 0;
    long fullPart = 0;
    for (int i = 0; i < parts.size() - 1; i++) {
      fullPart = Math.max(fullPart, parts.get(i).payloadBytes());
    }
    for (int i = 0; i < parts.size(); i++) {
      ResolvedPart p = parts.get(i);
      long logged = p.location().bytes();
      if (logged >= 0 && p.payloadBytes() < logged) {
        throw new TruncatedPartException(
            p.describe()
                + " holds "
                + p.payloadBytes()
                + " bytes after its header, but Amanda logged "
                + logged
                + " for this part of "
                + request.describe()
                + ": the file is cut short");
      }
      if (logged >= 0 && p.payloadBytes() > logged) {
        throw new ChecksumMismatchException(
            p.describe()
                + " holds "
                + p.payloadBytes()
                + " bytes after its header, but Amanda logged only "
                + logged
                + " for this part of "
                + request.describe());
      }
      if (logged < 0 && i < parts.size() - 1 && p.payloadBytes() < fullPart) {
        throw new TruncatedPartException(
            p.describe()
                + " holds "
                + p.payloadBytes()
                + " bytes after its header, but the other full parts of "
                + request.describe()
                + " hold "
                + fullPart
                + " (every part but the last has the part size): the file is cut short");
      }
      total += p.payloadBytes();
    }
    if (expected.isKnown() && total != expected.length()) {
      String files = parts.stream().map(ResolvedPart::describe).toList().toString();
      if (total < expected.length()) {
        throw new TruncatedPartException(
            "the parts of "
                + request.describe()
                + " hold "
                + total
                + " bytes in all, but Amanda recorded "
                + expected.length()
                + " (SERVER-CRC): "
                + (expected.length() - total)
                + " bytes are missing from "
                + files);
      }
      throw new ChecksumMismatchException(
          "the parts of "
              + request.describe()
              + " hold "
              + total
              + " bytes in all, but Amanda recorded only "
              + expected.length()
              + " (SERVER-CRC): "
              + files);
    }
    return total;
  }

  static boolean verify(
      FetchRequest request,
      String key,
      String what,
      Crc expected,
      Crc actual,
      List<ResolvedPart> parts) {
    if (!expected.isKnown()) {
      return false;
    }
    if (!expected.equals(actual)) {
      throw new ChecksumMismatchException(
          "the "
              + what
              + " stream of "
              + request.describe()
              + " read from "
              + parts.stream().map(p -> p.file().toString()).toList()
              + " has CRC-32C:length "
              + actual
              + ", but Amanda recorded "
              + key
              + " "
              + expected
              + (parts.get(0).holding()
                  ? ": the data on the holding disk are damaged"
                  : ": the data on tape are damaged"));
    }
    return true;
  }
}
