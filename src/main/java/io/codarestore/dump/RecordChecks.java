package io.codarestore.dump;

/**
 * The checks of one dump's records (spec section 7) that need nothing but the record at hand and
 * its index: vnode parity and slot range, record kinds per index (no null or removal records in a
 * full dump), the type per index, data length against the vnode's length, directory page structure,
 * ACL text, and per index of a full dump the vnode count. The syntax is the reader's ({@link
 * DumpReader}). {@link DumpVerifier} runs them over a whole dump; {@link ChainMerger} runs them
 * over each input as it streams it, so that a merge accepts exactly what verify accepts.
 */
final class RecordChecks {
  /** Where problems go: an error makes the dump unusable, a warning does not. */
  interface Problems {
    void error(long offset, String problem);

    void warning(String problem);
  }

  private final boolean full;
  private final Problems problems;
  private IndexHeader index;
  private long live;

  long directories;
  long files;
  long removed;
  long fileBytes;

  RecordChecks(boolean full, Problems problems) {
    this.full = full;
    this.problems = problems;
  }

  /** Starts an index; checks the count of the one before (full dumps). */
  void startIndex(IndexHeader next) {
    this.index = next;
    this.live = 0;
  }

  /** Ends the current index, at {@code offset}: a full dump holds as many vnodes as it says. */
  void endIndex(long offset) {
    if (full && live != index.vnodeCountUnsigned()) {
      problems.error(
          offset,
          index.vnodeClass().label()
              + " index header says "
              + index.vnodeCountUnsigned()
              + " vnodes, "
              + live
              + " are present (volutil restore fails on it)");
    }
  }

  /**
   * Checks an entry just read from {@code r}. For a directory the pages are read (the reader has
   * then consumed them) and returned when valid; otherwise null.
   */
  byte[] check(IndexEntry e, DumpReader r) {
    if (e instanceof IndexEntry.NullVnode n) {
      if (full) {
        problems.error(
            n.offset(), "null vnode record in a full dump (volutil restore fails on it)");
      }
      return null;
    }
    if (e instanceof IndexEntry.RemovedVnode rm) {
      removed++;
      checkNumber(rm.vnode(), rm.offset());
      if (full) {
        problems.error(rm.offset(), "removed-vnode record " + rm.fid() + " in a full dump");
      }
      return null;
    }
    IndexEntry.Vnode v = (IndexEntry.Vnode) e;
    live++;
    checkNumber(v.record().vnode(), v.offset());
    if (index.vnodeClass() == VnodeClass.LARGE) {
      return directory(v, r);
    }
    file(v);
    return null;
  }

  private byte[] directory(IndexEntry.Vnode v, DumpReader r) {
    VnodeRecord rec = v.record();
    directories++;
    if (rec.type() != VnodeType.DIRECTORY) {
      problems.error(
          v.offset(),
          "vnode " + rec.fid() + " in the directory index has " + VnodeType.name(rec.type()));
    }
    if (rec.acl() == null) {
      problems.warning("directory " + rec.fid() + " has no ACL");
    } else {
      try {
        Acl.parse(rec.acl());
      } catch (IllegalArgumentException ex) {
        problems.error(v.offset(), "directory " + rec.fid() + ": " + ex.getMessage());
      }
    }
    if (v.payload() != IndexEntry.Payload.DIRECTORY_PAGES) {
      return null; // the type error above says it
    }
    byte[] pages = r.directoryPages();
    byte[] valid = null;
    try {
      DirectoryPages.validate(pages);
      valid = pages;
    } catch (DirectoryPages.DirectoryFormatException ex) {
      problems.error(v.payloadOffset(), "directory " + rec.fid() + ": " + ex.getMessage());
    }
    if (rec.length() != pages.length) {
      problems.warning(
          "directory "
              + rec.fid()
              + " length "
              + rec.length()
              + " differs from its "
              + pages.length
              + " page bytes");
    }
    return valid;
  }

  private void file(IndexEntry.Vnode v) {
    VnodeRecord rec = v.record();
    files++;
    if (rec.type() != VnodeType.FILE && rec.type() != VnodeType.SYMLINK) {
      problems.error(
          v.offset(),
          "vnode " + rec.fid() + " in the file index has " + VnodeType.name(rec.type()));
    }
    if (v.payload() == IndexEntry.Payload.BAD_INODE) {
      problems.error(
          v.offset(),
          "vnode "
              + rec.fid()
              + " has no data (the server could not read it; Coda's merge aborts on it)");
    } else if (v.payloadLength() != rec.length()) {
      problems.error(
          v.payloadOffset(),
          "vnode "
              + rec.fid()
              + ": length field says "
              + rec.length()
              + " bytes, "
              + v.payloadLength()
              + " bytes of data follow");
    }
    fileBytes += v.payloadLength();
  }

  private void checkNumber(int vnode, long at) {
    long vn = DumpHeader.unsigned(vnode);
    VnodeClass cls = index.vnodeClass();
    if (vn == 0 || VnodeClass.of(vn) != cls) {
      problems.error(at, "vnode " + vn + " has the wrong parity for the " + cls.label() + " index");
    } else if (VnodeClass.slot(vn) >= index.listCountUnsigned()) {
      problems.error(
          at,
          "vnode "
              + vn
              + " lies outside the "
              + index.listCountUnsigned()
              + " lists of the "
              + cls.label()
              + " index");
    }
  }
}
