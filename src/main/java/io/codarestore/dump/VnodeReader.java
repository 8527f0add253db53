package io.codarestore.dump;

import static io.codarestore.dump.DumpFields.MAX_ACL;
import static io.codarestore.dump.Tags.DIR_MAXPAGES;
import static io.codarestore.dump.Tags.DIR_PAGESIZE;
import static io.codarestore.dump.Tags.D_BADINODE;
import static io.codarestore.dump.Tags.D_DIRPAGES;
import static io.codarestore.dump.Tags.D_ENDVV;
import static io.codarestore.dump.Tags.D_FILEDATA;
import static io.codarestore.dump.Tags.D_MAX;
import static io.codarestore.dump.Tags.D_VNODE;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads one vnode record after its tag: the vnode and uniquifier, the fields, and the header of its
 * data (file data, directory pages or a bad inode), leaving the input at the data. Tells whether
 * the record is byte for byte what {@link DumpWriter#writeVnode} writes ({@link #lastCanonical}).
 * File records laid out as the writer lays them out are read in one step from the input's buffer
 * ({@link #canonicalFile}); anything else field by field.
 */
final class VnodeReader {
  /** The field order {@link DumpWriter} writes; 'X' only for directories. */
  private static final String VNODE_FIELDS = "tblLvVmaopqX";

  /** Length of a canonical file record after its tag, up to its data: see {@link #FILE_TAGS}. */
  private static final int FILE_RECORD = 113;

  /**
   * The field tags of a file record as {@link DumpWriter} writes it, by position after the record's
   * tag (vnode and uniquifier first, then each field's tag and value; the version vector's fields
   * 27-81 and its end 82; the data tag and length at 108).
   */
  private static final byte[] FILE_TAGS = fileTags();

  /** The positions in {@link #FILE_TAGS} that hold a tag. */
  private static final int[] TAG_POSITIONS = tagPositions();

  /** Big-endian 8-byte words of a byte array, for checking a record's tags 8 bytes at a time. */
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Words of a file record that hold tags (all its tags lie in its first 112 bytes). */
  private static final int TAG_WORDS = 14;

  /** Per word of a record: 0xFF where {@link #FILE_TAGS} holds a tag, and the tags there. */
  private static final long[] TAG_MASK = new long[TAG_WORDS];

  private static final long[] TAG_WANT = new long[TAG_WORDS];

  static {
    for (int i : TAG_POSITIONS) {
      int shift = 8 * (7 - i % 8);
      TAG_MASK[i / 8] |= 0xFFL << shift;
      TAG_WANT[i / 8] |= (FILE_TAGS[i] & 0xFFL) << shift;
    }
  }

  /** Whether the record at {@code p} has every tag where {@link #FILE_TAGS} has one. */
  private static boolean fileTagsAt(byte[] b, int p) {
    for (int w = 0; w < TAG_WORDS; w++) {
      if ((((long) WORDS.get(b, p + 8 * w)) & TAG_MASK[w]) != TAG_WANT[w]) {
        return false;
      }
    }
    return true;
  }

  private final DumpInput in;
  private final DumpFields fields;

  /** Whether canonical file records are read by {@link #canonicalFile} (tests turn it off). */
  private boolean fastPath = true;

  /** Records read by the fast path (tests). */
  private int fastReads;

  private boolean canonical;

  VnodeReader(DumpInput in, DumpFields fields) {
    this.in = in;
    this.fields = fields;
  }

  void disableFastPath() {
    fastPath = false;
  }

  boolean fastPath() {
    return fastPath;
  }

  int fastReads() {
    return fastReads;
  }

  /** Whether the last record read is what the writer would write for it. */
  boolean lastCanonical() {
    return canonical;
  }

  /** The record whose tag (at {@code at}) was just consumed. */
  IndexEntry.Vnode read(VnodeClass cls, long at) {
    if (fastPath && cls == VnodeClass.SMALL) {
      IndexEntry.Vnode v = canonicalFile(at);
      if (v != null) {
        return v;
      }
    }
    int vnode = in.i32("vnode number");
    int uniq = in.i32("vnode uniquifier");
    in.subject(vnode, uniq);
    try {
      canonical = false;
      Fields f = fields();
      return data(cls, at, f, f.record(vnode, uniq));
    } finally {
      in.noSubject();
    }
  }

  private static byte[] fileTags() {
    byte[] t = new byte[FILE_RECORD];
    int[][] at = {
      {8, 't'},
      {10, 'b'},
      {13, 'l'},
      {16, 'L'},
      {21, 'v'},
      {26, 'V'},
      {67, 's'},
      {72, 'u'},
      {77, 'f'},
      {82, D_ENDVV},
      {83, 'm'},
      {88, 'a'},
      {93, 'o'},
      {98, 'p'},
      {103, 'q'},
      {108, D_FILEDATA}
    };
    for (int[] a : at) {
      t[a[0]] = (byte) a[1];
    }
    for (int i = 0; i < VersionVector.SITES; i++) {
      t[27 + 5 * i] = (byte) ('0' + i);
    }
    return t;
  }

  private static int[] tagPositions() {
    return java.util.stream.IntStream.range(0, FILE_RECORD)
        .filter(i -> FILE_TAGS[i] != 0)
        .toArray();
  }

  /**
   * A file record laid out exactly as the writer lays it out (most records of a real dump), read
   * straight from the input's buffer in one step; null, with nothing consumed, for anything else
   * (read field by field then, as is a record cut short by the end of the file). Gives the entry
   * and canonical flag the field-by-field reading gives ({@code FastPathTest}); a merge's scan
   * reads tens of thousands of these.
   */
  private IndexEntry.Vnode canonicalFile(long at) {
    if (!in.ensure(FILE_RECORD)) {
      return null;
    }
    byte[] b = in.buffer();
    int p = in.bufferPosition();
    if (!fileTagsAt(b, p)) {
      return null;
    }
    int type = b[p + 9] & 0xFF;
    if (type == VnodeType.DIRECTORY) {
      return null;
    }
    int vnode = int32(b, p);
    int uniq = int32(b, p + 4);
    int[] sites = new int[VersionVector.SITES];
    for (int i = 0; i < sites.length; i++) {
      sites[i] = int32(b, p + 28 + 5 * i);
    }
    VnodeRecord rec =
        new VnodeRecord(
            vnode,
            uniq,
            type,
            ((b[p + 11] & 0xFF) << 8) | (b[p + 12] & 0xFF),
            ((b[p + 14] & 0xFF) << 8) | (b[p + 15] & 0xFF),
            DumpHeader.unsigned(int32(b, p + 17)),
            int32(b, p + 22),
            new VersionVector(sites, int32(b, p + 68), int32(b, p + 73), int32(b, p + 78)),
            int32(b, p + 84),
            int32(b, p + 89),
            int32(b, p + 94),
            int32(b, p + 99),
            int32(b, p + 104),
            null);
    long n = DumpHeader.unsigned(int32(b, p + 109));
    in.advance(FILE_RECORD);
    in.subject(vnode, uniq);
    try {
      in.require(n, "file data");
    } finally {
      in.noSubject();
    }
    canonical = true;
    fastReads++;
    return new IndexEntry.Vnode(rec, IndexEntry.Payload.FILE_DATA, n, at, in.offset());
  }

  // The last record read by skimFile.
  private int skimVnode;
  private int skimUniquifier;
  private long skimLength;

  /**
   * As {@link #canonicalFile}, for a reader that needs only the record's identity and data length
   * (an index): the same checks, no objects. False, with nothing consumed, for anything else.
   */
  boolean skimFile() {
    if (!fastPath || !in.ensure(FILE_RECORD)) {
      return false;
    }
    byte[] b = in.buffer();
    int p = in.bufferPosition();
    if (!fileTagsAt(b, p)) {
      return false;
    }
    if ((b[p + 9] & 0xFF) == VnodeType.DIRECTORY) {
      return false;
    }
    skimVnode = int32(b, p);
    skimUniquifier = int32(b, p + 4);
    skimLength = DumpHeader.unsigned(int32(b, p + 109));
    in.advance(FILE_RECORD);
    in.subject(skimVnode, skimUniquifier);
    try {
      in.require(skimLength, "file data");
    } finally {
      in.noSubject();
    }
    canonical = true;
    fastReads++;
    return true;
  }

  /**
   * For {@link DumpReader#skimFiles}: after {@code pendingData} bytes of the last skimmed file's
   * data, the file records in the writer's layout that lie whole (tag, record, data) in the input's
   * buffer, each checked as {@link #skimFile} checks it and handed to {@code sink}; the input is
   * left after the last one's data. Returns how many (0, with nothing consumed, when there is
   * none).
   */
  int skimInBuffer(long pendingData, DumpReader.FileSink sink) {
    byte[] b = in.buffer();
    int start = in.bufferPosition();
    int end = in.bufferLimit();
    if (pendingData > end - start) {
      return 0;
    }
    int p = start + (int) pendingData;
    int n = 0;
    int vn = 0;
    int un = 0;
    while (end - p > FILE_RECORD
        && b[p] == D_VNODE
        && fileTagsAt(b, p + 1)
        && (b[p + 10] & 0xFF) != VnodeType.DIRECTORY) {
      long data = DumpHeader.unsigned(int32(b, p + 110));
      if (data > end - p - 1 - FILE_RECORD) {
        break;
      }
      vn = int32(b, p + 1);
      un = int32(b, p + 5);
      sink.file(vn, un);
      p += 1 + FILE_RECORD + (int) data;
      n++;
    }
    if (n > 0) {
      in.advance(p - start);
      fastReads += n;
      canonical = true;
      skimVnode = vn;
      skimUniquifier = un;
      skimLength = 0;
    }
    return n;
  }

  int skimVnode() {
    return skimVnode;
  }

  int skimUniquifier() {
    return skimUniquifier;
  }

  long skimLength() {
    return skimLength;
  }

  static int int32(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24)
        | ((b[p + 1] & 0xFF) << 16)
        | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }

  /** The fields of a record being read, and whether they came in the writer's form. */
  private static final class Fields {
    int type;
    int mode;
    int links;
    long length;
    int dataVersion;
    VersionVector vv = VersionVector.EMPTY;
    int mtime;
    int author;
    int owner;
    int pvn;
    int pun;
    String acl;
    int order;
    boolean inOrder = true;
    boolean vvOk;
    boolean aclOk;

    VnodeRecord record(int vnode, int uniq) {
      return new VnodeRecord(
          vnode,
          uniq,
          type,
          mode,
          links,
          length,
          dataVersion,
          vv,
          mtime,
          author,
          owner,
          pvn,
          pun,
          acl);
    }

    boolean canonical() {
      boolean directory = type == VnodeType.DIRECTORY;
      return inOrder && vvOk && (directory ? order == 12 && aclOk : order == 11);
    }
  }

  /**
   * The fields of a vnode record up to its data tag; the input names the vnode in its messages, and
   * so do the errors raised here: no string is built per field unless something is wrong.
   */
  private Fields fields() {
    Fields r = new Fields();
    while (true) {
      long fieldAt = in.offset();
      int f = in.peek();
      if (f < 0) {
        throw in.truncated("", 1);
      }
      if (f <= D_MAX) {
        return r;
      }
      in.u8("");
      if (r.order < VNODE_FIELDS.length() && VNODE_FIELDS.charAt(r.order) == f) {
        r.order++;
      } else {
        r.inOrder = false;
      }
      field(r, f, fieldAt);
    }
  }

  private void field(Fields r, int f, long fieldAt) {
    switch (f) {
      case 't' -> r.type = in.u8("type");
      case 'b' -> r.mode = in.u16("mode");
      case 'l' -> r.links = in.u16("link count");
      case 'L' -> r.length = DumpHeader.unsigned(in.i32("length"));
      case 'v' -> r.dataVersion = in.i32("data version");
      case 'V' -> {
        r.vv = fields.versionVector("version vector");
        r.vvOk = fields.lastVersionVectorCanonical();
      }
      case 'm' -> r.mtime = in.i32("mtime");
      case 'a' -> r.author = in.i32("author");
      case 'o' -> r.owner = in.i32("owner");
      case 'p' -> r.pvn = in.i32("parent vnode");
      case 'q' -> r.pun = in.i32("parent uniquifier");
      case 'X' -> {
        r.acl = fields.string("ACL", MAX_ACL);
        r.aclOk = fields.lastStringCanonical();
      }
      case 'A' ->
          throw in.error(
              fieldAt,
              in.describe("")
                  + ": old binary ACL ('A'), written by servers before 2000, is not supported");
      default ->
          throw in.error(fieldAt, in.describe("") + ": unknown vnode field " + Tags.describe(f));
    }
  }

  /** The data header after the fields: directory pages, file data or a bad inode. */
  private IndexEntry.Vnode data(VnodeClass cls, long at, Fields f, VnodeRecord rec) {
    long dataAt = in.offset();
    int t = in.u8("data tag");
    if (cls == VnodeClass.LARGE) {
      if (t != D_DIRPAGES) {
        throw in.error(
            dataAt,
            in.describe("")
                + ": expected directory pages ("
                + D_DIRPAGES
                + "), found "
                + Tags.describe(t));
      }
      int pages = in.i32("page count");
      if (pages <= 0 || pages > DIR_MAXPAGES) {
        throw in.error(
            dataAt + 1,
            in.describe("")
                + ": directory page count "
                + DumpHeader.unsigned(pages)
                + " is not 1.."
                + DIR_MAXPAGES);
      }
      in.require((long) pages * (DIR_PAGESIZE + 1), "directory pages");
      canonical = f.canonical();
      return new IndexEntry.Vnode(
          rec, IndexEntry.Payload.DIRECTORY_PAGES, (long) pages * DIR_PAGESIZE, at, in.offset());
    }
    if (t == D_BADINODE) {
      return new IndexEntry.Vnode(rec, IndexEntry.Payload.BAD_INODE, 0, at, in.offset());
    }
    if (t != D_FILEDATA) {
      throw in.error(
          dataAt,
          in.describe("") + ": expected file data (" + D_FILEDATA + "), found " + Tags.describe(t));
    }
    long n = DumpHeader.unsigned(in.i32("data length"));
    in.require(n, "file data");
    canonical = f.canonical();
    return new IndexEntry.Vnode(rec, IndexEntry.Payload.FILE_DATA, n, at, in.offset());
  }
}
