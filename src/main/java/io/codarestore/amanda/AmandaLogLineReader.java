package io.codarestore.amanda;

import io.codarestore.amanda.AmandaLogRecord.ChunkerResult;
import io.codarestore.amanda.AmandaLogRecord.DiskListed;
import io.codarestore.amanda.AmandaLogRecord.DumperResult;
import io.codarestore.amanda.AmandaLogRecord.Failure;
import io.codarestore.amanda.AmandaLogRecord.Message;
import io.codarestore.amanda.AmandaLogRecord.PartWritten;
import io.codarestore.amanda.AmandaLogRecord.RunFinish;
import io.codarestore.amanda.AmandaLogRecord.RunStart;
import io.codarestore.amanda.AmandaLogRecord.TaperResult;
import io.codarestore.amanda.AmandaLogRecord.TaperStart;
import java.util.List;

/**
 * Reads one run-log line into its {@link AmandaLogRecord}: the words after the type and program, by
 * record type, as Amanda writes them (spec amanda-catalog.md §4). Knows the run's datestamp (lines
 * without one, such as STRANGE and FAIL, take the run's). What the records mean for a dump is
 * decided later ({@link AmandaLogDumps}).
 */
final class AmandaLogLineReader {
  private int lineNo;
  private String runDatestamp;

  /** The datestamp of the run's first START line, or null before one was read. */
  String runDatestamp() {
    return runDatestamp;
  }

  /** The record of one line (not a continuation line), numbered {@code lineNo}. */
  AmandaLogRecord read(String line, int lineNo) {
    this.lineNo = lineNo;
    AmandaLogTokenizer t = new AmandaLogTokenizer(line);
    String type = t.next();
    String program = t.next();
    if (program == null) {
      throw new LineFormatException("line has a type but no program");
    }
    if (!isUpperWord(type)) {
      throw new LineFormatException("not an Amanda log record (no upper-case type word)");
    }
    return switch (type) {
      case "START" -> start(program, t);
      case "FINISH" -> finish(program, t);
      case "DISK" -> new DiskListed(lineNo, need(t, "host"), need(t, "disk"));
      case "SUCCESS" -> success(program, t);
      case "STRANGE" -> strange(program, t);
      case "FAIL" -> fail(program, t);
      case "PARTIAL" -> partial(program, t);
      case "PART" -> part(program, t, false);
      case "PARTPARTIAL" -> part(program, t, true);
      case "DONE" -> done(program, t, false);
      case "INFO", "WARNING", "ERROR", "FATAL", "STATS", "SUMMARY", "MARKER", "CONT", "BOGUS" ->
          new Message(lineNo, type, program, t.rest(), List.of());
      case "CHUNK", "CHUNKSUCCESS" ->
          throw new LineFormatException(
              "old-style " + type + " line (chunked holding file) is not supported");
      default -> throw new LineFormatException("unknown record type " + type);
    };
  }

  private AmandaLogRecord start(String program, AmandaLogTokenizer t) {
    if (program.equals("taper")) {
      String ds = null;
      String label = null;
      int tape = -1;
      String w;
      while ((w = t.next()) != null) {
        switch (w) {
          case "datestamp" -> ds = datestamp(need(t, "datestamp"));
          case "label" -> label = need(t, "label");
          case "tape" -> tape = integer(need(t, "tape number"), "tape number");
          default -> {
            // "ST:storage", "POOL:pool" and keys of newer versions.
          }
        }
      }
      if (ds == null || label == null) {
        throw new LineFormatException("START taper without datestamp or label");
      }
      return new TaperStart(lineNo, ds, label, tape);
    }
    expect(t, "date");
    String ds = datestamp(need(t, "datestamp"));
    if (runDatestamp == null) {
      runDatestamp = ds;
    }
    return new RunStart(lineNo, program, ds);
  }

  private AmandaLogRecord finish(String program, AmandaLogTokenizer t) {
    expect(t, "date");
    return new RunFinish(lineNo, program, datestamp(need(t, "datestamp")));
  }

  private AmandaLogRecord success(String program, AmandaLogTokenizer t) {
    switch (program) {
      case "dumper":
        return dumper(false, t);
      case "chunker":
        return chunker(false, t);
      case "taper":
        throw new LineFormatException(
            "old-style SUCCESS taper line (Amanda before 2.6, no part/file numbers) is not"
                + " supported");
      default:
        return new Message(lineNo, "SUCCESS", program, t.rest(), List.of());
    }
  }

  private AmandaLogRecord strange(String program, AmandaLogTokenizer t) {
    if (!program.equals("dumper")) {
      return new Message(lineNo, "STRANGE", program, t.rest(), List.of());
    }
    return dumper(true, t);
  }

  /** Host, disk, datestamp and level at the start of a dumper or FAIL line. */
  private record DumpKey(String host, String disk, String datestamp, int level) {}

  /**
   * Reads host, disk, [datestamp,] level; a line without a datestamp (STRANGE, some FAIL lines) has
   * the run's.
   */
  private DumpKey dumpKey(AmandaLogTokenizer t, String lineKind) {
    String host = need(t, "host");
    String disk = need(t, "disk");
    String w = need(t, "level");
    String ds;
    if (isDatestamp(w)) {
      ds = w;
      w = need(t, "level");
    } else {
      if (runDatestamp == null) {
        throw new LineFormatException(lineKind + " line without datestamp before any START line");
      }
      ds = runDatestamp;
    }
    return new DumpKey(host, disk, ds, level(w));
  }

  private DumperResult dumper(boolean strange, AmandaLogTokenizer t) {
    DumpKey key = dumpKey(t, "dumper");
    String host = key.host();
    String disk = key.disk();
    String ds = key.datestamp();
    int level = key.level();
    String nativeCrc = null;
    String clientCrc = null;
    AmandaLogStats stats = AmandaLogStats.NONE;
    String rest = t.rest();
    AmandaLogTokenizer r = new AmandaLogTokenizer(rest);
    int crcs = 0;
    while (r.hasNext()) {
      int at = r.position();
      if (rest.charAt(at) == '[') {
        stats = AmandaLogStats.parse(bracket(rest.substring(at)));
        break;
      }
      String c = r.next();
      checkCrc(c);
      if (crcs == 0) {
        nativeCrc = crcOrNull(c);
      } else if (crcs == 1) {
        clientCrc = crcOrNull(c);
      }
      crcs++;
    }
    return new DumperResult(
        lineNo, strange, host, disk, ds, level, nativeCrc, clientCrc, stats, List.of());
  }

  private ChunkerResult chunker(boolean partial, AmandaLogTokenizer t) {
    String host = need(t, "host");
    String disk = need(t, "disk");
    String ds = datestamp(need(t, "datestamp"));
    int level = level(need(t, "level"));
    String rest = t.rest();
    String crc = null;
    AmandaLogStats stats = AmandaLogStats.NONE;
    if (!rest.isEmpty() && rest.charAt(0) != '[') {
      AmandaLogTokenizer r = new AmandaLogTokenizer(rest);
      String c = r.next();
      checkCrc(c);
      crc = crcOrNull(c);
      rest = r.rest();
    }
    if (rest.startsWith("[")) {
      stats = AmandaLogStats.parse(bracket(rest));
    }
    return new ChunkerResult(lineNo, partial, host, disk, ds, level, crc, stats);
  }

  private AmandaLogRecord fail(String program, AmandaLogTokenizer t) {
    DumpKey key = dumpKey(t, "FAIL");
    String host = key.host();
    String disk = key.disk();
    String ds = key.datestamp();
    int level = key.level();
    String reason = t.rest();
    if (reason.startsWith("[") && reason.endsWith("]")) {
      reason = reason.substring(1, reason.length() - 1);
    }
    return new Failure(lineNo, program, host, disk, ds, level, reason, List.of());
  }

  private AmandaLogRecord partial(String program, AmandaLogTokenizer t) {
    return switch (program) {
      case "chunker" -> chunker(true, t);
      case "taper" -> done(program, t, true);
      default -> throw new LineFormatException("PARTIAL line of unexpected program " + program);
    };
  }

  private AmandaLogRecord part(String program, AmandaLogTokenizer t, boolean broken) {
    if (!program.equals("taper")) {
      throw new LineFormatException("part line of unexpected program " + program);
    }
    String label = skipStoragePool(t, "label");
    int fileNumber = integer(need(t, "file number"), "file number");
    String host = need(t, "host");
    String disk = need(t, "disk");
    String ds = datestamp(need(t, "datestamp"));
    String partWord = need(t, "part k/n");
    int slash = partWord.indexOf('/');
    if (slash <= 0) {
      throw new LineFormatException("part field '" + partWord + "' is not k/n");
    }
    int partNumber = integer(partWord.substring(0, slash), "part number");
    int partTotal = integer(partWord.substring(slash + 1), "part total");
    if (partNumber < 1 || fileNumber < 0) {
      throw new LineFormatException("part number or file number out of range");
    }
    int level = level(need(t, "level"));
    String rest = t.rest();
    AmandaLogStats stats = AmandaLogStats.NONE;
    String error = null;
    if (rest.startsWith("[")) {
      String b = bracket(rest);
      stats = AmandaLogStats.parse(b);
      rest = rest.substring(b.length()).strip();
    }
    if (!rest.isEmpty()) {
      AmandaLogTokenizer r = new AmandaLogTokenizer(rest);
      error = r.next();
    }
    return new PartWritten(
        lineNo,
        broken,
        label,
        fileNumber,
        host,
        disk,
        ds,
        partNumber,
        partTotal,
        level,
        stats,
        error);
  }

  private AmandaLogRecord done(String program, AmandaLogTokenizer t, boolean partial) {
    if (!program.equals("taper")) {
      throw new LineFormatException("DONE line of unexpected program " + program);
    }
    String host = skipStoragePool(t, "host");
    String disk = need(t, "disk");
    String ds = datestamp(need(t, "datestamp"));
    int parts = integer(need(t, "number of parts"), "number of parts");
    int level = level(need(t, "level"));
    String rest = t.rest();
    String[] crc = new String[3];
    int n = 0;
    AmandaLogStats stats = AmandaLogStats.NONE;
    AmandaLogTokenizer r = new AmandaLogTokenizer(rest);
    while (r.hasNext()) {
      int at = r.position();
      if (rest.charAt(at) == '[') {
        stats = AmandaLogStats.parse(bracket(rest.substring(at)));
        break;
      }
      String c = r.next();
      checkCrc(c);
      if (n < 3) {
        crc[n] = crcOrNull(c);
      }
      n++;
    }
    if (n != 0 && n != 3) {
      throw new LineFormatException("expected 3 CRC words (native client server), found " + n);
    }
    return new TaperResult(
        lineNo, partial, host, disk, ds, parts, level, crc[0], crc[1], crc[2], stats);
  }

  /** Skips Amanda 3.5's "ST:storage" "POOL:pool" words and returns the first real field. */
  private String skipStoragePool(AmandaLogTokenizer t, String what) {
    String w = need(t, what);
    while (w.startsWith("ST:") || w.startsWith("POOL:")) {
      w = need(t, what);
    }
    return w;
  }

  private String need(AmandaLogTokenizer t, String what) {
    String w = t.next();
    if (w == null) {
      throw new LineFormatException("line ends where the " + what + " was expected");
    }
    return w;
  }

  private void expect(AmandaLogTokenizer t, String word) {
    String w = t.next();
    if (!word.equals(w)) {
      throw new LineFormatException("expected '" + word + "' but found '" + w + "'");
    }
  }

  private String datestamp(String w) {
    if (!isDatestamp(w)) {
      throw new LineFormatException("'" + w + "' is not a datestamp (8 or 14 digits)");
    }
    return w;
  }

  private int level(String w) {
    int l = integer(w, "level");
    if (l < 0 || l > 99) {
      throw new LineFormatException("level " + l + " out of range 0..99");
    }
    return l;
  }

  private static int integer(String w, String what) {
    try {
      return Integer.parseInt(w);
    } catch (NumberFormatException e) {
      throw new LineFormatException("'" + w + "' is not a number (" + what + ")");
    }
  }

  private static void checkCrc(String w) {
    int colon = w.indexOf(':');
    boolean ok = colon > 0 && colon <= 8 && colon < w.length() - 1;
    for (int i = 0; ok && i < w.length(); i++) {
      char c = w.charAt(i);
      ok =
          i == colon
              || (i < colon
                  ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                  : c >= '0' && c <= '9');
    }
    if (!ok) {
      throw new LineFormatException("'" + w + "' is not a CRC word (crc32c-hex:bytes)");
    }
  }

  private static String crcOrNull(String w) {
    return w.equals("00000000:0") ? null : w;
  }

  private static String bracket(String s) {
    int end = s.indexOf(']');
    if (end < 0) {
      throw new LineFormatException("statistics block '[' is not closed");
    }
    return s.substring(0, end + 1);
  }

  static boolean isDatestamp(String w) {
    // One rule for the whole program: 8 or 14 digits naming a real date and time of day.
    return io.codarestore.core.Datestamp.isValid(w);
  }

  private static boolean isUpperWord(String w) {
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && c != '_') {
        return false;
      }
    }
    return !w.isEmpty();
  }

  /** A line that does not fit the grammar; becomes a {@link LineProblem}. */
  static final class LineFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    LineFormatException(String message) {
      super(message);
    }
  }
}
