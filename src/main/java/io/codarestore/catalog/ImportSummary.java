package io.codarestore.catalog;

import io.codarestore.amanda.LineProblem;
import java.util.List;

/**
 * What an import did. Counts of hosts, volumes, dumps and tapes are the catalog's totals after the
 * import; the file counts and problems are this import's.
 *
 * @param filesRead log files parsed (new or changed)
 * @param filesUnchanged log files skipped because size, time and content had not changed
 * @param filesRemoved log files the catalog knew that are gone (their dumps were removed)
 * @param filesIgnored files in the log directory that are not run logs or cannot be read
 * @param dumpsAdded dump records added by this import
 * @param holdingDumps good dumps the logs leave on the holding disk (not on tape in their log)
 * @param holdingReadable of those, the ones this import found complete on a holding disk
 * @param problems lines that could not be used, with file and line
 * @param indexFilesRead Amanda index files whose paths were imported now
 * @param indexFilesUnchanged Amanda index files imported before and unchanged since
 */
public record ImportSummary(
    int hosts,
    int volumes,
    int dumps,
    int tapes,
    int filesRead,
    int filesUnchanged,
    int filesRemoved,
    int filesIgnored,
    int dumpsAdded,
    int holdingDumps,
    int holdingReadable,
    List<LineProblem> problems,
    int indexFilesRead,
    int indexFilesUnchanged) {
  public ImportSummary {
    problems = List.copyOf(problems);
  }
}
