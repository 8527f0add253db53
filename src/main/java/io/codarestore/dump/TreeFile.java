package io.codarestore.dump;

import java.util.List;

/**
 * A file or symlink of a dump's tree, met while the small index is streamed. Its data is read
 * through the reader, before the next record is asked for.
 *
 * @param record the vnode record
 * @param entry where the data lies in the dump
 * @param paths the names of the vnode (several: hard links, always within one directory); the first
 *     is the primary name. For an orphan: one path below the orphans' top.
 * @param orphan true when no directory of the volume's tree names it
 */
public record TreeFile(
    VnodeRecord record, IndexEntry.Vnode entry, List<String> paths, boolean orphan) {
  public TreeFile {
    paths = List.copyOf(paths);
  }

  public boolean isSymlink() {
    return record.type() == VnodeType.SYMLINK;
  }

  /** Bytes of data in the dump (the file's size, or the symlink target's length). */
  public long size() {
    return entry.payloadLength();
  }
}
