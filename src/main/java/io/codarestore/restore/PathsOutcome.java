package io.codarestore.restore;

import java.nio.file.Path;
import java.util.List;

/**
 * What a restore of chosen paths through the file index did.
 *
 * @param restorePoint the datestamp of the restore point the paths were restored as of
 * @param dir the directory written
 * @param files the files written
 * @param directories the directories written
 * @param bytesRead bytes read off the media (as stored)
 * @param chainBytes what reading the whole chain would have read (as stored)
 * @param dumpsRead the datestamps of the dumps read, base first
 * @param runDirectory the run's folder in the workspace, with its {@code run.log}
 */
public record PathsOutcome(
    String restorePoint,
    Path dir,
    int files,
    int directories,
    long bytesRead,
    long chainBytes,
    List<String> dumpsRead,
    Path runDirectory) {
  public PathsOutcome {
    dumpsRead = List.copyOf(dumpsRead);
  }

  /** The share of the chain's bytes that was read, in whole percent (0 for an empty chain). */
  public long percentOfChainRead() {
    return chainBytes == 0 ? 0 : Math.round(100.0 * bytesRead / chainBytes);
  }
}
