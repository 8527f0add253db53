package io.codarestore.restore;

import io.codarestore.core.Datestamp;
import io.codarestore.plan.ChainLink;
import java.util.List;

/**
 * The dry run of a restore of chosen paths that the file index serves ({@link
 * RestoreService#indexRoute}): worked out from the index alone, nothing fetched or read.
 *
 * @param restorePoint the restore point the paths come from
 * @param files the files and symlinks to be written, one per vnode (a hard link's names once)
 * @param directories the directories chosen
 * @param toRead the dumps of the chain that hold the files' data, oldest first; each is read only
 *     as far as its last needed file
 * @param bytesToRead those dumps' sizes as stored: the most the restore reads
 * @param chainBytes what the whole chain holds as stored (what merging it would read)
 */
public record PathsPreview(
    Datestamp restorePoint,
    int files,
    int directories,
    List<ChainLink> toRead,
    long bytesToRead,
    long chainBytes) {
  public PathsPreview {
    toRead = List.copyOf(toRead);
  }
}
