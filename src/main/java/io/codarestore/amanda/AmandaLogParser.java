package io.codarestore.amanda;

import io.codarestore.amanda.AmandaLogRecord.DumperResult;
import io.codarestore.amanda.AmandaLogRecord.Failure;
import io.codarestore.amanda.AmandaLogRecord.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Amanda 3.x run logs ({@code log.<datestamp>.<n>}, spec amanda-catalog.md §4). Every line
 * that is malformed or of an unknown type becomes a {@link LineProblem} with file and line and is
 * skipped; the parse itself never fails on content. Older logs without the {@code "ST:"}/{@code
 * "POOL:"} words or without CRC words are accepted.
 */
public final class AmandaLogParser {

  /**
   * The longest log line kept (real lines are well under a kilobyte); a longer one is a {@link
   * LineProblem} and is skipped.
   */
  public static final int MAX_LINE_BYTES = 1 << 20;

  /** Parses a log file; {@code displayName} names it in problems (e.g. "oldlog/log.2024….0"). */
  public AmandaLog parse(Path file, String displayName) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, displayName);
    }
  }

  /** Parses log text (tests, or logs read some other way). */
  public AmandaLog parse(String text, String displayName) {
    try {
      return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), displayName);
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
  }

  /** Parses a log read from {@code in}, line by line with at most {@link #MAX_LINE_BYTES} each. */
  public AmandaLog parse(InputStream in, String name) throws IOException {
    Session s = new Session(name);
    BoundedLineReader reader = new BoundedLineReader(in, MAX_LINE_BYTES);
    BoundedLineReader.Line line;
    while ((line = reader.next()) != null) {
      if (line.tooLong()) {
        s.tooLong(line.bytes());
      } else {
        s.line(line.text());
      }
    }
    s.flush();
    return new AmandaLog(name, s.lines.runDatestamp(), s.records, s.problems, s.lineNo);
  }

  /** State of one parse: the record being built (continuation lines may follow) and results. */
  private static final class Session {
    final String name;
    final List<AmandaLogRecord> records = new ArrayList<>();
    final List<LineProblem> problems = new ArrayList<>();
    String runDatestamp;
    int lineNo;
    AmandaLogRecord pending;
    List<String> pendingMessages;
    final AmandaLogLineReader lines = new AmandaLogLineReader();

    Session(String name) {
      this.name = name;
    }

    /** A line over {@link #MAX_LINE_BYTES}: a problem, skipped; the record before it stands. */
    void tooLong(long bytes) {
      lineNo++;
      problems.add(
          new LineProblem(
              name,
              lineNo,
              "line of "
                  + bytes
                  + " bytes, longer than "
                  + (MAX_LINE_BYTES >> 20)
                  + " MiB; skipped (a damaged log?)"));
    }

    void line(String line) {
      lineNo++;
      if (line.startsWith("  ")) {
        if (pending == null) {
          problems.add(
              new LineProblem(name, lineNo, "continuation line without a record before it"));
        } else {
          if (pendingMessages == null) {
            pendingMessages = new ArrayList<>();
          }
          pendingMessages.add(line.substring(2));
        }
        return;
      }
      if (line.isBlank()) {
        return;
      }
      flush();
      try {
        AmandaLogRecord r = lines.read(line, lineNo);
        if (r != null) {
          pending = r;
        }
      } catch (AmandaLogLineReader.LineFormatException
          | AmandaLogTokenizer.UnterminatedQuoteException e) {
        problems.add(new LineProblem(name, lineNo, e.getMessage() + ": " + abbreviate(line)));
      }
    }

    void flush() {
      if (pending == null) {
        return;
      }
      AmandaLogRecord r = pending;
      if (pendingMessages != null) {
        List<String> m = List.copyOf(pendingMessages);
        if (r instanceof Failure f) {
          r =
              new Failure(
                  f.line(),
                  f.program(),
                  f.host(),
                  f.disk(),
                  f.datestamp(),
                  f.level(),
                  f.reason(),
                  m);
        } else if (r instanceof DumperResult d) {
          r =
              new DumperResult(
                  d.line(),
                  d.strange(),
                  d.host(),
                  d.disk(),
                  d.datestamp(),
                  d.level(),
                  d.nativeCrc(),
                  d.clientCrc(),
                  d.stats(),
                  m);
        } else if (r instanceof Message g) {
          r = new Message(g.line(), g.type(), g.program(), g.text(), m);
        }
        // Amanda writes continuations only after FAIL/STRANGE; other records keep their form.
      }
      records.add(r);
      pending = null;
      pendingMessages = null;
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 120 ? line : line.substring(0, 117) + "...";
  }
}
