package io.codarestore.dump;

/** One record of a vnode index: a vnode, an empty slot, or (incrementals) a removal. */
public sealed interface IndexEntry {
  /** Offset of the record's first byte in the dump. */
  long offset();

  /**
   * A vnode and where its data lies. The data itself is read (or skipped) through the reader.
   *
   * @param record the metadata
   * @param payload what follows the metadata
   * @param payloadLength file bytes, or pages * 2048 for a directory, 0 for a bad inode
   * @param payloadOffset where the data bytes start (file data: the raw bytes; directories: the
   *     first 'P' tag)
   */
  record Vnode(
      VnodeRecord record, Payload payload, long payloadLength, long offset, long payloadOffset)
      implements IndexEntry {
    /** Number of directory pages (directories only). */
    public int pages() {
      return (int) (payloadLength / Tags.DIR_PAGESIZE);
    }
  }

  /** An empty slot (one byte, no payload). */
  record NullVnode(long offset) implements IndexEntry {}

  /** A vnode deleted since the dump this incremental was taken against. */
  record RemovedVnode(int vnode, int uniquifier, long offset) implements IndexEntry {
    public String fid() {
      return DumpHeader.unsigned(vnode) + "." + DumpHeader.unsigned(uniquifier);
    }
  }

  /** What follows a vnode's metadata. */
  enum Payload {
    DIRECTORY_PAGES,
    FILE_DATA,
    /** The server could not read the file's container: no data. */
    BAD_INODE
  }
}
