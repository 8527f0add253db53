package io.codarestore.amanda;

import io.codarestore.amanda.AmandaFileHeader.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of an Amanda file header into an {@link AmandaFileHeader}: the first line's words
 * (with Amanda's quoting), then, for a dump, the lines that follow it. What a header means is the
 * record's business; this class only reads it.
 */
final class AmandaFileHeaderParser {
  private static final Pattern DATESTAMP = Pattern.compile("[0-9]{8}|[0-9]{14}");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,9}");
  private static final Pattern COMPRESS_ELEMENT =
      Pattern.compile("<compress>\\s*([^<]*?)\\s*</compress>");

  private AmandaFileHeaderParser() {}

  /** See {@link AmandaFileHeader#parse}. */
  static AmandaFileHeader parse(byte[] header, String sourceName) {
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
