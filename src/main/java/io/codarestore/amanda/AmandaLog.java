package io.codarestore.amanda;

import java.util.List;

/**
 * A parsed run log {@code log.<datestamp>.<n>}: its records in file order, the lines that could not
 * be used, and the run datestamp from its first START line (null for logs without one, e.g. the
 * logs amfetchdump writes).
 */
public record AmandaLog(
    String file,
    String runDatestamp,
    List<AmandaLogRecord> records,
    List<LineProblem> problems,
    int lineCount) {
  public AmandaLog {
    records = List.copyOf(records);
    problems = List.copyOf(problems);
  }

  /** The dumps this log records, one per (host, disk, datestamp, level), in order of appearance. */
  public List<AmandaLogDump> dumps() {
    return AmandaLogDumps.collect(this);
  }
}
