package io.codarestore.dump;

import java.nio.file.Path;
import java.util.List;

/**
 * What an extraction wrote.
 *
 * @param output the directory or tar file written
 * @param directories directories written (the top included)
 * @param files regular files written (a file with several names counts once)
 * @param symlinks symbolic links written
 * @param hardLinks further names of files written as hard links
 * @param bytes bytes of file data written
 * @param orphans vnodes of the dump that no directory reaches
 * @param orphansOutput where the orphans were written, or null if they were left out
 * @param ownersSet true when file owners were set (only when running as root)
 * @param ownersSkipped objects whose owner was not set because the extraction did not run as root
 * @param notices names changed, entries ignored, data not used
 */
public record ExtractReport(
    Path output,
    long directories,
    long files,
    long symlinks,
    long hardLinks,
    long bytes,
    long orphans,
    Path orphansOutput,
    boolean ownersSet,
    long ownersSkipped,
    List<TreeNotice> notices) {
  public ExtractReport {
    notices = List.copyOf(notices);
  }
}
