package io.codarestore.amanda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern DATESTAMP = Pattern.compile("[0-9]{8}|[0-9]{14}");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,9}");
  private static final Pattern COMPRESS_ELEMENT =
      Pattern.compile("<compress>\\s*([^<]*?)\\s*</compress>");

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
    int end = 0;
    while (end < header.length && header[end] != 0) {
      end++;
    }
    if (end == 0) {
      throw new AmandaHeaderException(
          sourceName + ": empty Amanda header (the block starts with a NUL byte)");
    }
    String text = new String(header, 0, end, StandardCharsets.UTF_8);
    int firstLineEnd = firstLineEnd(text);
    String firstLine = text.substring(0, firstLineEnd);
    List<String> words = tokenize(firstLine);
    Cursor c = new Cursor(words, sourceName, firstLine);
    String magic = c.next("'AMANDA:'");
    if (!"AMANDA:".equals(magic) && !"NETDUMP:".equals(magic)) {
      throw new AmandaHeaderException(
          sourceName
              + ": not an Amanda file header (it starts with '"
              + abbreviate(firstLine)
              + "', expected 'AMANDA: ')");
    }
    String type = c.next("a file type");
    Kind kind;
    try {
      kind = Kind.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw c.error("unknown file type '" + type + "'");
    }
    Builder b = new Builder(kind);
    switch (kind) {
      case TAPESTART -> {
        c.expect("DATE");
        b.datestamp = c.next("the tape's datestamp");
        if (!"X".equals(b.datestamp)) {
          checkDatestamp(c, b.datestamp);
        }
        c.expect("TAPE");
        b.tapeLabel = c.next("the tape label");
      }
      case TAPEEND -> {
        if (c.hasNext()) {
          c.expect("DATE");
          b.datestamp = c.hasNext() ? c.next("a datestamp") : "";
        }
      }
      default -> parseDumpLine(c, b);
    }
    if (kind.isDump()) {
      parseDumpLines(text.substring(firstLineEnd), sourceName, b);
    }
    return b.build();
  }

  private static void parseDumpLine(Cursor c, Builder b) {
    b.datestamp = c.next("the datestamp");
    checkDatestamp(c, b.datestamp);
    b.host = c.next("the host name");
    b.disk = c.next("the disk name");
    if (b.kind == Kind.SPLIT_FILE) {
      c.expect("part");
      String part = c.next("'<part>/<total>'");
      int slash = part.indexOf('/');
      if (slash < 0) {
        throw c.error("expected '<part>/<total>' after 'part', found '" + part + "'");
      }
      b.partNumber = c.number(part.substring(0, slash), "part number");
      b.totalParts = c.number(part.substring(slash + 1), "part total");
      if (b.partNumber < 1 || (b.totalParts >= 0 && b.partNumber > b.totalParts)) {
        throw c.error("impossible part " + part);
      }
    }
    c.expect("lev");
    b.level = c.number(c.next("the level"), "level");
    if (b.level < 0 || b.level > 99) {
      throw c.error("impossible level " + b.level);
    }
    c.expect("comp");
    b.compSuffix = c.next("the compression suffix");
    if ("C".equals(b.compSuffix)) {
      b.compSuffix = ".Z"; // pre-2.2 Amanda, as fileheader.c maps it
    }
    if (!c.hasNext()) {
      return; // "program" is optional
    }
    if (!"program".equals(c.peek())) {
      throw c.error("expected 'program' after the compression suffix, found '" + c.peek() + "'");
    }
    c.next("program");
    b.program = c.next("the program name");
    while (c.hasNext()) {
      String key = c.next("a keyword");
      switch (key) {
        case "crypt" -> b.encryptSuffix = c.next("the encryption suffix");
        case "server_custom_compress" ->
            b.serverCustomCompress = c.next("the server compression program");
        case "client_custom_compress" ->
            b.clientCustomCompress = c.next("the client compression program");
        case "server_encrypt" -> b.serverEncrypt = c.next("the server encryption program");
        case "client_encrypt" -> b.clientEncrypt = c.next("the client encryption program");
        case "server_decrypt_option" -> b.serverDecryptOption = c.next("the decrypt option");
        case "client_decrypt_option" -> b.clientDecryptOption = c.next("the decrypt option");
        default -> {
          // Later Amanda versions may add words; the fields we rely on are before them.
        }
      }
    }
    if ("N".equals(b.encryptSuffix)) {
      b.encryptSuffix = null;
    }
  }

  private static void parseDumpLines(String rest, String sourceName, Builder b) {
    String[] lines = rest.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue; // blank lines, form feed, the "To restore" text
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      switch (key) {
        case "APPLICATION" -> b.application = value;
        case "ORIGSIZE" -> {
          try {
            b.origSizeKb = Long.parseLong(value.trim());
          } catch (NumberFormatException e) {
            throw new AmandaHeaderException(
                sourceName + ": Amanda header: ORIGSIZE is not a number: '" + value + "'", e);
          }
        }
        case "NATIVE-CRC" -> b.nativeCrc = crc(sourceName, key, value);
        case "CLIENT-CRC" -> b.clientCrc = crc(sourceName, key, value);
        case "SERVER-CRC" -> b.serverCrc = crc(sourceName, key, value);
        case "PARTIAL" -> b.partial = "yes".equalsIgnoreCase(value.trim());
        case "CONT_FILENAME" -> b.contFilename = value.isEmpty() ? null : value;
        case "ENCRYPT_SUFFIX" -> b.encryptSuffix = "N".equals(value) ? null : value;
        case "SRV_ENCRYPT" -> b.serverEncrypt = value.isEmpty() ? null : value;
        case "CLNT_ENCRYPT" -> b.clientEncrypt = value.isEmpty() ? null : value;
        case "DLE" -> {
          if (value.startsWith("<<")) {
            String delimiter = value.substring(2);
            StringBuilder dle = new StringBuilder();
            int j = i + 1;
            while (j < lines.length && !lines[j].equals(delimiter)) {
              if (dle.length() > 0) {
                dle.append('\n');
              }
              dle.append(lines[j]);
              j++;
            }
            if (j == lines.length) {
              throw new AmandaHeaderException(
                  sourceName
                      + ": Amanda header: the DLE block has no end line '"
                      + delimiter
                      + "'");
            }
            b.dle = dle.toString();
            i = j;
          } else {
            b.dle = value;
          }
          Matcher m = COMPRESS_ELEMENT.matcher(b.dle);
          if (m.find()) {
            b.dleCompress = m.group(1);
          }
        }
        default -> {
          // other lines (the restore hint) are of no use here
        }
      }
    }
  }

  private static Crc crc(String sourceName, String key, String value) {
    try {
      return Crc.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new AmandaHeaderException(
          sourceName + ": Amanda header: " + key + " is not <crc>:<bytes>: '" + value + "'", e);
    }
  }

  private static void checkDatestamp(Cursor c, String datestamp) {
    if (!DATESTAMP.matcher(datestamp).matches()) {
      throw c.error("'" + datestamp + "' is not a datestamp (8 or 14 digits)");
    }
  }

  /** The first line ends at the first newline outside double quotes, as in fileheader.c. */
  private static int firstLineEnd(String text) {
    boolean inQuotes = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\n' && !inQuotes) {
        return i;
      }
      if (ch == '"') {
        inQuotes = !inQuotes;
      } else if (ch == '\\' && i + 1 < text.length()) {
        i++;
      }
    }
    return text.length();
  }

  /** Splits on runs of blanks; a word in double quotes may hold blanks and escapes. */
  static List<String> tokenize(String line) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      char ch = line.charAt(i);
      if (ch == ' ' || ch == '\t' || ch == '\r') {
        i++;
        continue;
      }
      StringBuilder word = new StringBuilder();
      if (ch == '"') {
        i++;
        while (i < n && line.charAt(i) != '"') {
          char q = line.charAt(i);
          if (q == '\\' && i + 1 < n) {
            i = unescape(line, i + 1, word);
          } else {
            word.append(q);
            i++;
          }
        }
        i++; // closing quote (or end of line)
      } else {
        while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
          word.append(line.charAt(i));
          i++;
        }
      }
      words.add(word.toString());
    }
    return words;
  }

  /** Amanda's unquote_string escapes: \t \n \r \f \\ \" and three octal digits. */
  private static int unescape(String line, int i, StringBuilder out) {
    char e = line.charAt(i);
    switch (e) {
      case 't' -> out.append('\t');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 'f' -> out.append('\f');
      default -> {
        if (e >= '0' && e <= '7') {
          int value = 0;
          int j = i;
          while (j < line.length() && j < i + 3 && line.charAt(j) >= '0' && line.charAt(j) <= '7') {
            value = value * 8 + (line.charAt(j) - '0');
            j++;
          }
          out.append((char) value);
          return j;
        }
        out.append(e);
      }
    }
    return i + 1;
  }

  private static String abbreviate(String s) {
    String printable = s.replaceAll("[\\p{Cntrl}]", "?");
    return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
  }

  /** Walks the words of the first line with precise messages. */
  private static final class Cursor {
    private final List<String> words;
    private final String source;
    private final String line;
    private int pos;

    Cursor(List<String> words, String source, String line) {
      this.words = words;
      this.source = source;
      this.line = line;
    }

    boolean hasNext() {
      return pos < words.size();
    }

    String peek() {
      return words.get(pos);
    }

    String next(String what) {
      if (!hasNext()) {
        throw error("expected " + what + " after word " + pos + ", the line ends");
      }
      return words.get(pos++);
    }

    void expect(String keyword) {
      String word = next("'" + keyword + "'");
      if (!keyword.equals(word)) {
        throw error("expected '" + keyword + "' as word " + pos + ", found '" + word + "'");
      }
    }

    int number(String text, String what) {
      if (!NUMBER.matcher(text).matches()) {
        throw error(what + " '" + text + "' is not a number");
      }
      return Integer.parseInt(text);
    }

    AmandaHeaderException error(String what) {
      return new AmandaHeaderException(
          source + ": bad Amanda header '" + abbreviate(line) + "': " + what);
    }
  }

  private static final class Builder {
    final Kind kind;
    String datestamp = "";
    String host;
    String disk;
    int partNumber;
    int totalParts = -1;
    int level = -1;
    String compSuffix;
    String program;
    String tapeLabel;
    String application;
    long origSizeKb = -1;
    Crc nativeCrc = Crc.UNKNOWN;
    Crc clientCrc = Crc.UNKNOWN;
    Crc serverCrc = Crc.UNKNOWN;
    String dleCompress;
    String encryptSuffix;
    String serverEncrypt;
    String clientEncrypt;
    String serverDecryptOption;
    String clientDecryptOption;
    String serverCustomCompress;
    String clientCustomCompress;
    boolean partial;
    String dle;
    String contFilename;

    Builder(Kind kind) {
      this.kind = kind;
    }

    AmandaFileHeader build() {
      return new AmandaFileHeader(
          kind,
          datestamp,
          host,
          disk,
          partNumber,
          kind == Kind.SPLIT_FILE ? totalParts : -1,
          level,
          compSuffix,
          program,
          tapeLabel,
          application,
          origSizeKb,
          nativeCrc,
          clientCrc,
          serverCrc,
          dleCompress,
          encryptSuffix,
          serverEncrypt,
          clientEncrypt,
          serverDecryptOption,
          clientDecryptOption,
          serverCustomCompress,
          clientCustomCompress,
          partial,
          dle,
          contFilename);
    }
  }
}
