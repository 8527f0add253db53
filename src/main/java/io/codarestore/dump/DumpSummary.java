package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * What {@code info} shows: the dump header, the volume data and, per index, the counts its header
 * announces against the records that follow. Reading it walks the whole dump (file data is skipped,
 * not read) and checks the end marker.
 *
 * @param source the file
 * @param size bytes of the dump file
 * @param header the dump header
 * @param volume the volume data
 * @param large the directory index
 * @param small the file index
 */
public record DumpSummary(
    String source,
    long size,
    DumpHeader header,
    VolumeDiskData volume,
    IndexCounts large,
    IndexCounts small) {

  /**
   * One index.
   *
   * @param vnodeCount vnodes of this class in the volume, as the index header says
   * @param listCount vnode lists (slots), as the index header says
   * @param vnodes vnode records that follow
   * @param nulls empty-slot records
   * @param removed removal records (incrementals)
   * @param directories records of type directory
   * @param files records of type file
   * @param symlinks records of type symlink
   * @param badInodes file records whose data the server could not read
   * @param dataBytes bytes of data: directory pages, or file and symlink data
   */
  public record IndexCounts(
      long vnodeCount,
      long listCount,
      long vnodes,
      long nulls,
      long removed,
      long directories,
      long files,
      long symlinks,
      long badInodes,
      long dataBytes) {}

  public boolean incremental() {
    return header.isIncremental();
  }

  public static DumpSummary read(Path dump, Cancellation cancel) {
    try (DumpReader r = Extraction.open(dump)) {
      return read(r, cancel);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static DumpSummary read(DumpReader r, Cancellation cancel) {
    DumpHeader h = r.header();
    VolumeDiskData v = r.volumeData();
    IndexCounts large = count(r, cancel);
    IndexCounts small = count(r, cancel);
    r.readEnd();
    return new DumpSummary(r.source(), r.offset(), h, v, large, small);
  }

  private static IndexCounts count(DumpReader r, Cancellation cancel) {
    IndexHeader ih = r.nextIndex();
    long vnodes = 0;
    long nulls = 0;
    long removed = 0;
    long dirs = 0;
    long files = 0;
    long links = 0;
    long bad = 0;
    long bytes = 0;
    IndexEntry e;
    while ((e = r.nextEntry()) != null) {
      cancel.check();
      if (e instanceof IndexEntry.Vnode vn) {
        vnodes++;
        bytes += vn.payloadLength();
        switch (vn.record().type()) {
          case VnodeType.DIRECTORY -> dirs++;
          case VnodeType.FILE -> files++;
          case VnodeType.SYMLINK -> links++;
          default -> {
            // counted among the vnodes only
          }
        }
        if (vn.payload() == IndexEntry.Payload.BAD_INODE) {
          bad++;
        }
      } else if (e instanceof IndexEntry.RemovedVnode) {
        removed++;
      } else {
        nulls++;
      }
    }
    return new IndexCounts(
        ih.vnodeCountUnsigned(),
        ih.listCountUnsigned(),
        vnodes,
        nulls,
        removed,
        dirs,
        files,
        links,
        bad,
        bytes);
  }
}
