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
import static io.codarestore.dump.Tags.D_MAX;
import static io.codarestore.dump.Tags.D_NULLVNODE;
import static io.codarestore.dump.Tags.D_RMVNODE;
import static io.codarestore.dump.Tags.D_VNODE;
import static io.codarestore.dump.Tags.D_VOLUMEDISKDATA;
import static io.codarestore.dump.Tags.PAGE_TAG;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Streaming reader of a Coda volume dump, section by section, in the order of the format: {@link
 * #header()}, {@link #volumeData()}, then for each index (large, then small) {@link #nextIndex()}
 * and {@link #nextEntry()} until it returns null, then {@link #readEnd()}. File data is never held
 * in memory: read it with {@link #copyPayload}, or it is skipped when the next entry is asked for.
 * Every length is checked before anything is allocated; a bad byte ends in a {@link
 * DumpFormatException} with the offset and what was expected.
 */
public final class DumpReader implements Closeable {
  /** ACL text longer than this is not a Coda ACL (47 entries of short names). */
  static final int MAX_ACL = 64 * 1024;

  /** Strings of the header and volume data are short names and messages. */
  static final int MAX_STRING = 64 * 1024;

  private enum State {
    HEADER,
    VOLUME,
    LARGE_HEADER,
    LARGE,
    SMALL_HEADER,
    SMALL,
    END,
    DONE
  }

  private final DumpInput in;
  private State state = State.HEADER;
  private DumpHeader header;
  private VolumeDiskData volume;
  private IndexHeader index;
  private IndexEntry.Vnode pending;
  private boolean pendingConsumed = true;

  /** The field order {@link DumpWriter} writes; 'X' only for directories. */
  private static final String VNODE_FIELDS = "tblLvVmaopqX";

  private static final String VV_FIELDS = "01234567suf";

  /** Whether canonical file records are read by {@link #canonicalFile} (tests turn it off). */
  private boolean fastPath = true;

  /** Records read by the fast path (tests). */
  int fastReads;

  private boolean vnodeCanonical;
  private boolean vvCanonical;
  private boolean stringCanonical;

  /** Reads a dump from a stream; {@code source} names it in messages (e.g. the file name). */
  public DumpReader(InputStream in, String source) {
    this(DumpInput.of(in, source));
  }

  private DumpReader(DumpInput in) {
    this.in = in;
  }

  /** Reads every record field by field (tests: the fast path must give the same entries). */
  DumpReader withoutFastPath() {
    fastPath = false;
    return this;
  }

  /** Opens a dump file; skipping file data is a seek and truncation is found up front. */
  public static DumpReader open(Path file) throws IOException {
    return new DumpReader(DumpInput.open(file));
  }

  public String source() {
    return in.source();
  }

  /** Offset of the next unread byte. */
  public long offset() {
    return in.offset();
  }

  /** Size of the dump when reading a file, else -1. */
  public long size() {
    return in.size();
  }

  /** The dump header, read on first call. */
  public DumpHeader header() {
    if (header == null) {
      expect(State.HEADER, "dump header");
      header = readHeader();
      state = State.VOLUME;
    }
    return header;
  }

  /** The volume disk data, read on first call. */
  public VolumeDiskData volumeData() {
    header();
    if (volume == null) {
      volume = readVolumeData();
      state = State.LARGE_HEADER;
    }
    return volume;
  }

  /** Starts the next index (large, then small), skipping whatever is left of the current one. */
  public IndexHeader nextIndex() {
    volumeData();
    while (state == State.LARGE || state == State.SMALL) {
      nextEntry();
    }
    VnodeClass cls;
    if (state == State.LARGE_HEADER) {
      cls = VnodeClass.LARGE;
    } else if (state == State.SMALL_HEADER) {
      cls = VnodeClass.SMALL;
    } else {
      throw new IllegalStateException("both indexes were read already");
    }
    index = readIndexHeader(cls);
    state = cls == VnodeClass.LARGE ? State.LARGE : State.SMALL;
    return index;
  }

  /** The index being read. */
  public IndexHeader currentIndex() {
    return index;
  }

  /**
   * The next record of the current index, or null when the index ends (the next byte is the next
   * section). Skips the payload of the previous vnode if it was not read.
   */
  public IndexEntry nextEntry() {
    if (state != State.LARGE && state != State.SMALL) {
      throw new IllegalStateException("not inside a vnode index (call nextIndex first)");
    }
    skipPendingPayload();
    long at = in.offset();
    int t = in.peek();
    VnodeClass cls = index.vnodeClass();
    switch (t) {
      case D_NULLVNODE -> {
        in.u8("null vnode");
        return new IndexEntry.NullVnode(at);
      }
      case D_RMVNODE -> {
        in.u8("removed vnode");
        int vn = in.i32("removed vnode number");
        int un = in.i32("removed vnode uniquifier");
        return new IndexEntry.RemovedVnode(vn, un, at);
      }
      case D_VNODE -> {
        in.u8("vnode");
        pending = readVnode(cls, at);
        pendingConsumed = pending.payloadLength() == 0;
        return pending;
      }
      default -> {
        int expectedNext = cls == VnodeClass.LARGE ? VnodeClass.SMALL.tag() : D_DUMPEND;
        if (t != expectedNext) {
          throw in.error(
              at,
              "expected a vnode record ("
                  + D_VNODE
                  + "), a null ("
                  + D_NULLVNODE
                  + ") or removed vnode ("
                  + D_RMVNODE
                  + ") or the next section ("
                  + expectedNext
                  + ") in the "
                  + cls.label()
                  + " index, found "
                  + Tags.describe(t));
        }
        state = cls == VnodeClass.LARGE ? State.SMALL_HEADER : State.END;
        return null;
      }
    }
  }

  /**
   * Copies the current vnode's data to {@code out}: file bytes, or for a directory the pages
   * without their 'P' tags. Returns the number of bytes copied.
   */
  public long copyPayload(OutputStream out) {
    IndexEntry.Vnode v = requirePending();
    pendingConsumed = true;
    try {
      if (v.payload() == IndexEntry.Payload.FILE_DATA) {
        in.subject(v.record().vnode(), v.record().uniquifier());
        try {
          in.copyTo(v.payloadLength(), (b, off, len) -> write(out, b, off, len), "file data");
        } finally {
          in.noSubject();
        }
      } else if (v.payload() == IndexEntry.Payload.DIRECTORY_PAGES) {
        byte[] page = new byte[DIR_PAGESIZE];
        for (int p = 0; p < v.pages(); p++) {
          readPage(v, p, page);
          out.write(page);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return v.payloadLength();
  }

  /** The pages of the current directory vnode (at most 128 x 2048 bytes). */
  public byte[] directoryPages() {
    IndexEntry.Vnode v = requirePending();
    if (v.payload() != IndexEntry.Payload.DIRECTORY_PAGES) {
      throw new IllegalStateException("vnode " + v.record().fid() + " is not a directory");
    }
    pendingConsumed = true;
    byte[] all = new byte[(int) v.payloadLength()];
    byte[] page = new byte[DIR_PAGESIZE];
    for (int p = 0; p < v.pages(); p++) {
      readPage(v, p, page);
      System.arraycopy(page, 0, all, p * DIR_PAGESIZE, DIR_PAGESIZE);
    }
    return all;
  }

  /** Reads the current file or symlink data whole; only for small data such as link targets. */
  public byte[] smallFileData(int limit) {
    IndexEntry.Vnode v = requirePending();
    if (v.payloadLength() > limit) {
      throw new IllegalStateException("data of " + v.record().fid() + " exceeds " + limit);
    }
    pendingConsumed = true;
    byte[] b = new byte[(int) v.payloadLength()];
    in.readFully(b, 0, b.length, "data of " + v.record().fid());
    return b;
  }

  /**
   * Reads the vnode record at {@code offset} of a dump file again; its data can then be read with
   * {@link #copyPayload} or {@link #directoryPages}, or left where it is. The merge keeps only
   * where each record lies, not the record. Independent of the reader's position in the sections;
   * do not mix with the sequential calls on one reader.
   */
  IndexEntry.Vnode vnodeAt(long offset, VnodeClass cls) {
    in.seek(offset);
    int t = in.u8("vnode");
    if (t != D_VNODE) {
      throw in.error(
          offset, "expected a vnode record (" + D_VNODE + ") here, found " + Tags.describe(t));
    }
    pending = readVnode(cls, offset);
    pendingConsumed = pending.payloadLength() == 0;
    return pending;
  }

  /**
   * Whether the last vnode record read is byte for byte what {@link DumpWriter#writeVnode} and its
   * data would write for it (fields in the writer's order, each once, the version vector's too, the
   * ACL string with exactly one terminating NUL, data present): such a record can be copied
   * verbatim instead of being written again.
   */
  boolean lastVnodeCanonical() {
    return vnodeCanonical;
  }

  /** Checks the end marker and that the file ends right after it. */
  public void readEnd() {
    volumeData();
    while (state != State.END) {
      switch (state) {
        case LARGE_HEADER, SMALL_HEADER -> nextIndex();
        case LARGE, SMALL -> nextEntry();
        default -> throw new IllegalStateException("end marker was read already");
      }
    }
    expect(State.END, "end marker");
    long at = in.offset();
    int t = in.u8("end marker");
    if (t != D_DUMPEND) {
      throw in.error(at, "expected the end marker (" + D_DUMPEND + "), found " + Tags.describe(t));
    }
    int magic = in.i32("end magic");
    if (magic != DUMPENDMAGIC) {
      throw in.error(
          at + 1,
          "bad end magic 0x"
              + Integer.toHexString(magic)
              + ", expected 0x"
              + Integer.toHexString(DUMPENDMAGIC));
    }
    if (in.peek() >= 0) {
      throw in.error(in.offset(), "unexpected bytes after the end marker");
    }
    state = State.DONE;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  // ---------------------------------------------------------------------------------------

  private void expect(State want, String what) {
    if (state != want) {
      throw new IllegalStateException("cannot read " + what + " now (reader is at " + state + ")");
    }
  }

  private IndexEntry.Vnode requirePending() {
    if (pending == null || pendingConsumed && pending.payloadLength() > 0) {
      throw new IllegalStateException("no unread vnode data");
    }
    return pending;
  }

  private void skipPendingPayload() {
    if (pending != null && !pendingConsumed) {
      IndexEntry.Vnode v = pending;
      pendingConsumed = true;
      if (v.payload() == IndexEntry.Payload.DIRECTORY_PAGES) {
        for (int p = 0; p < v.pages(); p++) {
          long at = in.offset();
          int tag = in.u8("directory page tag");
          if (tag != PAGE_TAG) {
            throw pageTagError(v, p, at, tag);
          }
          in.subject(v.record().vnode(), v.record().uniquifier());
          try {
            in.skip(DIR_PAGESIZE, "directory page");
          } finally {
            in.noSubject();
          }
        }
      } else {
        in.subject(v.record().vnode(), v.record().uniquifier());
        try {
          in.skip(v.payloadLength(), "file data");
        } finally {
          in.noSubject();
        }
      }
    }
    pending = null;
  }

  private void readPage(IndexEntry.Vnode v, int p, byte[] page) {
    long at = in.offset();
    int tag = in.u8("directory page tag");
    if (tag != PAGE_TAG) {
      throw pageTagError(v, p, at, tag);
    }
    in.subject(v.record().vnode(), v.record().uniquifier());
    try {
      in.readFully(page, 0, DIR_PAGESIZE, "directory page");
    } finally {
      in.noSubject();
    }
  }

  private DumpFormatException pageTagError(IndexEntry.Vnode v, int p, long at, int tag) {
    return in.error(
        at,
        "directory "
            + v.record().fid()
            + " page "
            + p
            + ": expected the page tag 'P', found "
            + Tags.describe(tag));
  }

  private static void write(OutputStream out, byte[] b, int off, int len) {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DumpHeader readHeader() {
    long at = in.offset();
    int t = in.peek();
    if (t < 0) {
      throw in.error(at, "empty file: not a Coda dump");
    }
    if (t != D_DUMPHEADER) {
      throw in.error(
          at,
          "not a Coda dump: first byte is " + t + ", expected " + D_DUMPHEADER + " (dump header)");
    }
    in.u8("dump header");
    int magic = in.i32("dump header magic");
    if (magic != DUMPBEGINMAGIC) {
      throw in.error(
          at + 1,
          "not a Coda dump: bad begin magic 0x"
              + Integer.toHexString(magic)
              + ", expected 0x"
              + Integer.toHexString(DUMPBEGINMAGIC));
    }
    int version = in.i32("dump version");
    if (version != DUMPVERSION) {
      throw in.error(at + 5, "unsupported dump version " + version + ", expected " + DUMPVERSION);
    }
    int volumeId = 0;
    int parentId = 0;
    int backupDate = 0;
    int level = 0;
    int oldest = 0;
    int latest = 0;
    String name = "";
    while (true) {
      long fieldAt = in.offset();
      int f = in.peek();
      if (f < 0) {
        throw in.truncated("dump header", 1);
      }
      if (f <= D_MAX) {
        break;
      }
      in.u8("header field");
      switch (f) {
        case 'v' -> volumeId = in.i32("header volume id");
        case 'p' -> parentId = in.i32("header parent id");
        case 'n' -> name = readString("header volume name", MAX_STRING);
        case 'b' -> backupDate = in.i32("header backup date");
        case 'i' -> level = in.i32("header level");
        case 'I' -> {
          oldest = in.i32("header oldest uniquifier");
          latest = in.i32("header latest uniquifier");
        }
        default -> throw in.error(fieldAt, "unknown dump-header field " + Tags.describe(f));
      }
    }
    if (volumeId == 0) {
      throw in.error(at, "dump header has no (or a zero) volume id");
    }
    if (level < 0 || level > 9) {
      throw in.error(at, "dump level " + level + " is not 0..9");
    }
    return new DumpHeader(volumeId, parentId, name, backupDate, level, oldest, latest);
  }

  private VolumeDiskData readVolumeData() {
    long at = in.offset();
    int t = in.u8("volume data");
    if (t != D_VOLUMEDISKDATA) {
      throw in.error(
          at, "expected the volume data (" + D_VOLUMEDISKDATA + "), found " + Tags.describe(t));
    }
    int[] i = new int[128];
    String[] s = new String[128];
    int[] weekUse = new int[VolumeDiskData.WEEK];
    VersionVector vv = VersionVector.EMPTY;
    while (true) {
      long fieldAt = in.offset();
      int f = in.peek();
      if (f < 0) {
        throw in.truncated("volume data", 1);
      }
      if (f <= D_MAX) {
        break;
      }
      in.u8("volume field");
      switch (f) {
        case 'i',
            'v',
            'u',
            'p',
            'g',
            'c',
            'b',
            'q',
            'm',
            'x',
            'd',
            'f',
            'a',
            'o',
            'C',
            'A',
            'U',
            'E',
            'B',
            'D',
            'Z' ->
            i[f] = in.i32("volume field " + (char) f);
        case 's', '+', 't' -> i[f] = in.u8("volume field " + (char) f);
        case 'l' -> i[f] = in.u16("volume link count");
        case 'n', 'P', 'O', 'M' -> s[f] = readString("volume field " + (char) f, MAX_STRING);
        case 'W' -> {
          int n = in.i32("week use count");
          if (n < 0 || n > 1024) {
            throw in.error(fieldAt + 1, "implausible week-use count " + DumpHeader.unsigned(n));
          }
          for (int k = 0; k < n; k++) {
            int v = in.i32("week use");
            if (k < weekUse.length) {
              weekUse[k] = v;
            }
          }
        }
        case 'V' -> vv = readVersionVector("volume version vector");
        default -> throw in.error(fieldAt, "unknown volume-data field " + Tags.describe(f));
      }
    }
    return new VolumeDiskData(
        i['i'],
        i['v'],
        orEmpty(s['n']),
        orEmpty(s['P']),
        i['s'],
        i['+'],
        i['u'],
        i['t'],
        i['p'],
        i['g'],
        i['c'],
        i['b'],
        i['q'],
        i['m'],
        i['x'],
        i['d'],
        i['f'],
        i['l'],
        i['a'],
        i['o'],
        i['C'],
        i['A'],
        i['U'],
        i['E'],
        i['B'],
        orEmpty(s['O']),
        orEmpty(s['M']),
        weekUse,
        i['D'],
        i['Z'],
        vv);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private IndexHeader readIndexHeader(VnodeClass cls) {
    long at = in.offset();
    int t = in.u8(cls.label() + " index");
    if (t != cls.tag()) {
      throw in.error(
          at,
          "expected the " + cls.label() + " index (" + cls.tag() + "), found " + Tags.describe(t));
    }
    Integer count = null;
    Integer lists = null;
    while (true) {
      long fieldAt = in.offset();
      int f = in.peek();
      if (f < 0) {
        throw in.truncated(cls.label() + " index header", 1);
      }
      if (f <= D_MAX) {
        break;
      }
      in.u8("index field");
      switch (f) {
        case 'v' -> count = in.i32("index vnode count");
        case 's' -> lists = in.i32("index list count");
        default -> throw in.error(fieldAt, "unknown index-header field " + Tags.describe(f));
      }
    }
    if (count == null || lists == null) {
      throw in.error(at, cls.label() + " index header lacks the vnode count or the list count");
    }
    if (lists == 0 || lists < 0) {
      throw in.error(
          at, cls.label() + " index has an invalid list count " + DumpHeader.unsigned(lists));
    }
    return new IndexHeader(cls, count, lists);
  }

  private IndexEntry.Vnode readVnode(VnodeClass cls, long at) {
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
      return readVnodeFields(cls, at, vnode, uniq);
    } finally {
      in.noSubject();
    }
  }

  /** Length of a canonical file record after its tag, up to its data: see {@link #FILE_TAGS}. */
  private static final int FILE_RECORD = 113;

  /**
   * The field tags of a file record as {@link DumpWriter} writes it, by position after the record's
   * tag (vnode and uniquifier first, then each field's tag and value; the version vector's fields
   * 27-81 and its end 82; the data tag and length at 108).
   */
  private static final byte[] FILE_TAGS = fileTags();

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

  /**
   * A file record laid out exactly as the writer lays it out (most records of a real dump), read
   * straight from the input's buffer in one step; null, with nothing consumed, for anything else
   * (read field by field then, as is a record cut short by the end of the file). Gives the entry
   * and canonical flag the field-by-field reading gives ({@code DumpReaderTest}); a merge's scan
   * reads tens of thousands of these.
   */
  private IndexEntry.Vnode canonicalFile(long at) {
    if (!in.ensure(FILE_RECORD)) {
      return null;
    }
    byte[] b = in.buffer();
    int p = in.bufferPosition();
    for (int i = 8; i < FILE_RECORD; i++) {
      byte tag = FILE_TAGS[i];
      if (tag != 0 && b[p + i] != tag) {
        return null;
      }
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
    vnodeCanonical = true;
    fastReads++;
    return new IndexEntry.Vnode(rec, IndexEntry.Payload.FILE_DATA, n, at, in.offset());
  }

  private static int int32(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24)
        | ((b[p + 1] & 0xFF) << 16)
        | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }

  /**
   * The fields and data header of a vnode record; the input names the vnode in its messages, and so
   * do the errors raised here: no string is built per field unless something is wrong.
   */
  private IndexEntry.Vnode readVnodeFields(VnodeClass cls, long at, int vnode, int uniq) {
    int type = 0;
    int mode = 0;
    int links = 0;
    long length = 0;
    int dataVersion = 0;
    VersionVector vv = VersionVector.EMPTY;
    int mtime = 0;
    int author = 0;
    int owner = 0;
    int pvn = 0;
    int pun = 0;
    String acl = null;
    int order = 0;
    boolean canonical = true;
    boolean vvOk = false;
    boolean aclOk = false;
    vnodeCanonical = false;
    while (true) {
      long fieldAt = in.offset();
      int f = in.peek();
      if (f < 0) {
        throw in.truncated("", 1);
      }
      if (f <= D_MAX) {
        break;
      }
      in.u8("");
      if (order < VNODE_FIELDS.length() && VNODE_FIELDS.charAt(order) == f) {
        order++;
      } else {
        canonical = false;
      }
      switch (f) {
        case 't' -> type = in.u8("type");
        case 'b' -> mode = in.u16("mode");
        case 'l' -> links = in.u16("link count");
        case 'L' -> length = DumpHeader.unsigned(in.i32("length"));
        case 'v' -> dataVersion = in.i32("data version");
        case 'V' -> {
          vv = readVersionVector("version vector");
          vvOk = vvCanonical;
        }
        case 'm' -> mtime = in.i32("mtime");
        case 'a' -> author = in.i32("author");
        case 'o' -> owner = in.i32("owner");
        case 'p' -> pvn = in.i32("parent vnode");
        case 'q' -> pun = in.i32("parent uniquifier");
        case 'X' -> {
          acl = readString("ACL", MAX_ACL);
          aclOk = stringCanonical;
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
    VnodeRecord rec =
        new VnodeRecord(
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
    boolean directory = type == VnodeType.DIRECTORY;
    canonical &= vvOk && (directory ? order == 12 && aclOk : order == 11);
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
      long bytes = (long) pages * (DIR_PAGESIZE + 1);
      in.require(bytes, "directory pages");
      vnodeCanonical = canonical;
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
    vnodeCanonical = canonical;
    return new IndexEntry.Vnode(rec, IndexEntry.Payload.FILE_DATA, n, at, in.offset());
  }

  private VersionVector readVersionVector(String what) {
    int[] sites = new int[VersionVector.SITES];
    int host = 0;
    int uniq = 0;
    int flags = 0;
    int order = 0;
    boolean canonical = true;
    while (true) {
      long at = in.offset();
      int f = in.u8(what);
      if (f > D_MAX && order < VV_FIELDS.length() && VV_FIELDS.charAt(order) == f) {
        order++;
      } else if (f > D_MAX) {
        canonical = false;
      }
      if (f <= D_MAX) {
        if (f != D_ENDVV) {
          throw in.error(
              at,
              in.describe(what)
                  + ": expected the end of the version vector ("
                  + D_ENDVV
                  + "), found "
                  + Tags.describe(f));
        }
        vvCanonical = canonical && order == VV_FIELDS.length();
        return new VersionVector(sites, host, uniq, flags);
      }
      switch (f) {
        case '0', '1', '2', '3', '4', '5', '6', '7' -> sites[f - '0'] = in.i32(what);
        case 's' -> host = in.i32(what);
        case 'u' -> uniq = in.i32(what);
        case 'f' -> flags = in.i32(what);
        default ->
            throw in.error(
                at, in.describe(what) + ": unknown version-vector field " + Tags.describe(f));
      }
    }
  }

  private String readString(String what, int max) {
    long at = in.offset();
    long n = DumpHeader.unsigned(in.i32(what + " length"));
    if (n > max) {
      throw in.error(
          at, in.describe(what) + ": implausible length " + n + " (at most " + max + " expected)");
    }
    in.require(n, what);
    byte[] b = new byte[(int) n];
    in.readFully(b, 0, b.length, what);
    int end = 0;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    stringCanonical = b.length >= 1 && end == b.length - 1;
    return new String(b, 0, end, StandardCharsets.ISO_8859_1);
  }
}
