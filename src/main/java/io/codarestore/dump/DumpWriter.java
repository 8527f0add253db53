package io.codarestore.dump;

import static io.codarestore.dump.Tags.DIR_MAXPAGES;
import static io.codarestore.dump.Tags.DIR_PAGESIZE;
import static io.codarestore.dump.Tags.DUMPBEGINMAGIC;
import static io.codarestore.dump.Tags.DUMPENDMAGIC;
import static io.codarestore.dump.Tags.DUMPVERSION;
import static io.codarestore.dump.Tags.D_BADINODE;
import static io.codarestore.dump.Tags.D_DIRPAGES;
import static io.codarestore.dump.Tags.D_DUMPEND;
import static io.codarestore.dump.Tags.D_DUMPHEADER;
import static io.codarestore.dump.Tags.D_ENDVV;
import static io.codarestore.dump.Tags.D_FILEDATA;
import static io.codarestore.dump.Tags.D_NULLVNODE;
import static io.codarestore.dump.Tags.D_RMVNODE;
import static io.codarestore.dump.Tags.D_VNODE;
import static io.codarestore.dump.Tags.D_VOLUMEDISKDATA;
import static io.codarestore.dump.Tags.PAGE_TAG;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a dump record by record, in the byte layout Coda's server writes (field order of spec
 * 4.1-4.3). A dump read by {@link DumpReader} and written back here is byte-identical. File data is
 * streamed in: declare the length with {@link #beginFileData}, then write exactly that many bytes.
 */
public final class DumpWriter implements Closeable, Flushable {
  private final OutputStream out;
  private final byte[] scratch = new byte[16];
  private final byte[] vvScratch = new byte[57];
  private long offset;
  private long dataLeft;

  /** Writes to {@code out}; the caller buffers it if it is not already buffered. */
  public DumpWriter(OutputStream out) {
    this.out = out;
  }

  /** Bytes written so far. */
  public long offset() {
    return offset;
  }

  public void writeHeader(DumpHeader h) {
    doubleInt(D_DUMPHEADER, DUMPBEGINMAGIC, DUMPVERSION);
    int32('v', h.volumeId());
    int32('p', h.parentId());
    string('n', h.name());
    int32('b', h.backupDate());
    int32('i', h.level());
    doubleInt('I', h.oldest(), h.latest());
  }

  public void writeVolumeData(VolumeDiskData v) {
    tag(D_VOLUMEDISKDATA);
    int32('i', v.id());
    int32('v', v.stampVersion());
    string('n', v.name());
    string('P', v.partition());
    byte1('s', v.inService());
    byte1('+', v.blessed());
    int32('u', v.uniquifier());
    byte1('t', v.type());
    int32('p', v.parentId());
    int32('g', v.groupId());
    int32('c', v.cloneId());
    int32('b', v.backupId());
    int32('q', v.maxquota());
    int32('m', v.minquota());
    int32('x', v.maxfiles());
    int32('d', v.diskused());
    int32('f', v.filecount());
    short2('l', v.linkcount());
    int32('a', v.accountNumber());
    int32('o', v.owner());
    int32('C', v.creationDate());
    int32('A', v.accessDate());
    int32('U', v.updateDate());
    int32('E', v.expirationDate());
    int32('B', v.backupDate());
    string('O', v.offlineMessage());
    string('M', v.motd());
    int[] week = v.weekUse();
    int32('W', week.length);
    for (int w : week) {
      raw32(w);
    }
    int32('D', v.dayUseDate());
    int32('Z', v.dayUse());
    versionVector('V', v.versionVector());
  }

  /**
   * Writes an index header; returns the offset of its 4-byte vnode count, for a writer that learns
   * the count only after the index (see {@code ChainMerger}) and fixes it in place.
   */
  public long writeIndexHeader(IndexHeader h) {
    tag(h.vnodeClass().tag());
    long countAt = offset + 1; // after the field's tag
    int32('v', h.vnodeCount());
    int32('s', h.listCount());
    return countAt;
  }

  /** The metadata of a vnode; its data must follow (pages, file data or a bad-inode marker). */
  public void writeVnode(VnodeRecord r) {
    requireNoData();
    doubleInt(D_VNODE, r.vnode(), r.uniquifier());
    byte1('t', r.type());
    short2('b', r.mode());
    short2('l', r.linkCount());
    int32('L', (int) r.length());
    int32('v', r.dataVersion());
    versionVector('V', r.versionVector());
    int32('m', r.modifyTime());
    int32('a', r.author());
    int32('o', r.owner());
    int32('p', r.parentVnode());
    int32('q', r.parentUniquifier());
    if (r.isDirectory()) {
      string('X', r.acl() == null ? "0\n0\n" : r.acl());
    }
  }

  /** Directory pages: a multiple of 2048 bytes, 1 to 128 pages. */
  public void writeDirectoryPages(byte[] pages) {
    requireNoData();
    int n = pages.length / DIR_PAGESIZE;
    if (pages.length % DIR_PAGESIZE != 0 || n < 1 || n > DIR_MAXPAGES) {
      throw new IllegalArgumentException("directory data of " + pages.length + " bytes");
    }
    int32(D_DIRPAGES, n);
    for (int p = 0; p < n; p++) {
      tag(PAGE_TAG);
      raw(pages, p * DIR_PAGESIZE, DIR_PAGESIZE);
    }
  }

  /** Starts file data of {@code length} bytes; {@link #writeData} must then deliver them. */
  public void beginFileData(long length) {
    requireNoData();
    if (length < 0 || length > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("file data length " + length + " does not fit the format");
    }
    int32(D_FILEDATA, (int) length);
    dataLeft = length;
  }

  public void writeData(byte[] b, int off, int len) {
    if (len > dataLeft) {
      throw new IllegalStateException("more file data than declared (" + dataLeft + " left)");
    }
    raw(b, off, len);
    dataLeft -= len;
  }

  /**
   * Records that {@code n} bytes of the declared file data went straight into the file under the
   * stream, after {@link #flush()} (the merge's copy through a direct buffer).
   */
  void dataWrittenDirectly(long n) {
    if (n < 0 || n > dataLeft) {
      throw new IllegalStateException(
          n + " bytes written directly, but " + dataLeft + " bytes of file data are declared");
    }
    dataLeft -= n;
    offset += n;
  }

  /**
   * Records that {@code n} bytes of whole records went straight into the file under the stream,
   * after {@link #flush()} (the merge's verbatim copy of unchanged records).
   */
  void recordsWrittenDirectly(long n) {
    requireNoData();
    offset += n;
  }

  /** Bytes of declared file data still to be written. */
  public long dataLeft() {
    return dataLeft;
  }

  public void writeBadInode() {
    requireNoData();
    tag(D_BADINODE);
  }

  public void writeNullVnode() {
    requireNoData();
    tag(D_NULLVNODE);
  }

  public void writeRemovedVnode(int vnode, int uniquifier) {
    requireNoData();
    doubleInt(D_RMVNODE, vnode, uniquifier);
  }

  public void writeEnd() {
    requireNoData();
    int32(D_DUMPEND, DUMPENDMAGIC);
  }

  /** The underlying stream, for a caller that copies data around the writer's buffer. */
  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  // ---------------------------------------------------------------------------------------

  private void requireNoData() {
    if (dataLeft != 0) {
      throw new IllegalStateException(
          dataLeft + " bytes of file data were declared but not written");
    }
  }

  private void tag(int t) {
    scratch[0] = (byte) t;
    raw(scratch, 0, 1);
  }

  private void byte1(int t, int v) {
    scratch[0] = (byte) t;
    scratch[1] = (byte) v;
    raw(scratch, 0, 2);
  }

  private void short2(int t, int v) {
    scratch[0] = (byte) t;
    scratch[1] = (byte) (v >>> 8);
    scratch[2] = (byte) v;
    raw(scratch, 0, 3);
  }

  private void int32(int t, int v) {
    scratch[0] = (byte) t;
    put32(1, v);
    raw(scratch, 0, 5);
  }

  private void raw32(int v) {
    put32(0, v);
    raw(scratch, 0, 4);
  }

  private void doubleInt(int t, int a, int b) {
    scratch[0] = (byte) t;
    put32(1, a);
    put32(5, b);
    raw(scratch, 0, 9);
  }

  private void put32(int at, int v) {
    scratch[at] = (byte) (v >>> 24);
    scratch[at + 1] = (byte) (v >>> 16);
    scratch[at + 2] = (byte) (v >>> 8);
    scratch[at + 3] = (byte) v;
  }

  private void string(int t, String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    int len = 0;
    while (len < b.length && b[len] != 0) {
      len++;
    }
    int32(t, len + 1);
    raw(b, 0, len);
    tag(0);
  }

  /** The 57 bytes of a version vector, written in one piece. */
  private void versionVector(int t, VersionVector vv) {
    byte[] b = vvScratch;
    b[0] = (byte) t;
    for (int i = 0; i < VersionVector.SITES; i++) {
      field(b, 1 + 5 * i, '0' + i, vv.site(i));
    }
    field(b, 41, 's', vv.storeHost());
    field(b, 46, 'u', vv.storeUniquifier());
    field(b, 51, 'f', vv.flags());
    b[56] = D_ENDVV;
    raw(b, 0, 57);
  }

  private static void field(byte[] b, int at, int tag, int v) {
    b[at] = (byte) tag;
    b[at + 1] = (byte) (v >>> 24);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 8);
    b[at + 4] = (byte) v;
  }

  private void raw(byte[] b, int off, int len) {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    offset += len;
  }
}
