package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The paths a dump holds, read in one streaming pass (for an Amanda index): {@code /}, every
 * directory (with a trailing {@code /}) and every name of every file and symlink whose data the
 * dump carries. Reading it checks the dump's structure as {@link DumpReader} does (tags, lengths,
 * page tags, end marker, nothing after it) and each directory's pages; file data is skipped.
 *
 * <p>Memory: names are kept packed (one byte array of UTF-8 names, four ints per directory entry of
 * a file), about 16 bytes plus the name per file name; directories cost a few objects each. Names
 * are the names {@link Extraction} writes ({@link SafeName}), so a path of the index is a path of
 * an extracted tree; two entries of one directory whose safe names collide are both listed under
 * the same name (the extraction renames the second one).
 */
public final class DumpIndex {
  private static final long ROOT = Fid.key(1, 1);

  private DumpHeader header;
  private IndexHeader largeIndex;
  private long directoryRecords;
  private long fileRecords;
  private long removedRecords;

  // Directories present in the dump: key -> number; their links to their parent, by child key.
  private final Map<Long, Integer> dirNumber = new HashMap<>();
  private final Map<Long, Integer> linkParent = new HashMap<>();
  private final Map<Long, String> linkName = new HashMap<>();

  // Names of files and symlinks (small vnodes), packed.
  private int count;
  private int[] parent = new int[1024];
  private int[] vnode = new int[1024];
  private int[] uniquifier = new int[1024];
  private int[] nameStart = new int[1025];
  private byte[] names = new byte[16 * 1024];

  // Names that need {@link #escape} in an index line (not plain ASCII): few, and known when added.
  private final BitSet escaped = new BitSet();

  // Files present: by slot of the small index, with their uniquifier.
  private final BitSet present = new BitSet();
  private int[] presentUniquifier = new int[0];

  private DumpIndex() {}

  /** Reads a whole dump from a fresh reader; throws {@link DumpFormatException} when it is bad. */
  public static DumpIndex read(DumpReader reader, Cancellation cancel) {
    DumpIndex index = new DumpIndex();
    index.header = reader.header();
    reader.volumeData();
    index.largeIndex = reader.nextIndex();
    IndexEntry e;
    while ((e = reader.nextEntry()) != null) {
      cancel.check();
      if (e instanceof IndexEntry.Vnode v) {
        index.directory(reader, v);
      } else if (e instanceof IndexEntry.RemovedVnode) {
        index.removedRecords++;
      }
    }
    IndexHeader small = reader.nextIndex();
    index.presentUniquifier = new int[(int) Math.min(small.listCountUnsigned(), 1 << 26)];
    DumpReader.FileSink files = (vn, un) -> index.file(vn, un, false);
    DumpReader.Skim k;
    while (true) {
      cancel.check();
      reader.skimFiles(files);
      k = reader.skimEntry();
      if (k == DumpReader.Skim.END) {
        break;
      }
      e = reader.skimmedEntry();
      if (k == DumpReader.Skim.FILE) {
        index.file(reader.skimVnode(), reader.skimUniquifier(), false);
      } else if (e instanceof IndexEntry.Vnode v) {
        index.file(
            v.record().vnode(),
            v.record().uniquifier(),
            v.payload() == IndexEntry.Payload.BAD_INODE);
      } else if (e instanceof IndexEntry.RemovedVnode) {
        index.removedRecords++;
      }
    }
    reader.readEnd();
    return index;
  }

  private void directory(DumpReader reader, IndexEntry.Vnode v) {
    VnodeRecord r = v.record();
    byte[] pages = reader.directoryPagesShared();
    try {
      long key = Fid.key(r.vnode(), r.uniquifier());
      if (dirNumber.containsKey(key)) {
        throw new DumpFormatException(
            reader.source(), v.offset(), "directory " + r.fid() + " appears twice");
      }
      int number = dirNumber.size();
      dirNumber.put(key, number);
      directoryRecords++;
      DirectoryPages.validateEach(
          pages, (p, from, len, vn, un) -> entry(number, p, from, len, vn, un));
    } catch (DirectoryPages.DirectoryFormatException ex) {
      throw new DumpFormatException(
          reader.source(), v.payloadOffset(), "directory " + r.fid() + ": " + ex.getMessage());
    }
  }

  /** One entry of directory {@code number}: a subdirectory's link, or a file's name. */
  private void entry(int number, byte[] p, int from, int len, int vn, int un) {
    if (p[from] == '.' && (len == 1 || len == 2 && p[from + 1] == '.')) {
      return;
    }
    if (VnodeClass.of(DumpHeader.unsigned(vn)) == VnodeClass.LARGE) {
      long key = Fid.key(vn, un);
      linkParent.put(key, number);
      linkName.put(
          key,
          plain(p, from, len)
              ? new String(p, from, len, StandardCharsets.US_ASCII)
              : SafeName.of(Arrays.copyOfRange(p, from, from + len)).name());
    } else if (!addPlainName(number, vn, un, p, from, len)) {
      byte[] name =
          SafeName.of(Arrays.copyOfRange(p, from, from + len))
              .name()
              .getBytes(StandardCharsets.UTF_8);
      if (needsEscape(name, 0, name.length)) {
        escaped.set(count);
      }
      addName(number, vn, un, name, 0, name.length);
    }
  }

  /**
   * Printable ASCII without '/', not "." or "..": a name {@link SafeName} keeps as it is; and
   * without '\\', so that its index line needs no {@link #escape} either.
   */
  private static boolean plain(byte[] p, int from, int len) {
    if (len == 0 || (p[from] == '.' && (len == 1 || len == 2 && p[from + 1] == '.'))) {
      return false;
    }
    for (int i = from; i < from + len; i++) {
      byte b = p[i];
      if (b < 0x20 || b > 0x7e || b == '/' || b == '\\') {
        return false;
      }
    }
    return true;
  }

  private void addName(int dir, int vn, int un, byte[] b, int from, int len) {
    int at = room(len);
    System.arraycopy(b, from, names, at, len);
    added(dir, vn, un, at + len);
  }

  /**
   * Adds a name that is {@link #plain} (not "." or "..", which the caller has ruled out), checking
   * and copying it in one loop (most names of a volume are plain); false, with nothing added, for
   * any other name.
   */
  private boolean addPlainName(int dir, int vn, int un, byte[] b, int from, int len) {
    int at = room(len);
    byte[] to = names;
    for (int i = 0; i < len; i++) {
      byte c = b[from + i];
      if (c < 0x20 || c > 0x7e || c == '/' || c == '\\') {
        return false;
      }
      to[at + i] = c;
    }
    added(dir, vn, un, at + len);
    return true;
  }

  /** Makes room for one more name of {@code len} bytes; returns where it goes in {@link #names}. */
  private int room(int len) {
    if (count == parent.length) {
      int n = count * 2;
      parent = Arrays.copyOf(parent, n);
      vnode = Arrays.copyOf(vnode, n);
      uniquifier = Arrays.copyOf(uniquifier, n);
      nameStart = Arrays.copyOf(nameStart, n + 1);
    }
    int at = nameStart[count];
    if (at + len > names.length) {
      names = Arrays.copyOf(names, Math.max(names.length * 2, at + len));
    }
    return at;
  }

  /** Records the name just copied into {@link #names}, which ends at {@code end}. */
  private void added(int dir, int vn, int un, int end) {
    parent[count] = dir;
    vnode[count] = vn;
    uniquifier[count] = un;
    nameStart[count + 1] = end;
    count++;
  }

  private void file(int vn, int un, boolean badInode) {
    fileRecords++;
    long slot = VnodeClass.slot(DumpHeader.unsigned(vn));
    if (badInode || slot >= presentUniquifier.length) {
      return;
    }
    present.set((int) slot);
    presentUniquifier[(int) slot] = un;
  }

  public DumpHeader header() {
    return header;
  }

  /** Directory records in the dump. */
  public long directoryRecords() {
    return directoryRecords;
  }

  /** File and symlink records in the dump. */
  public long fileRecords() {
    return fileRecords;
  }

  /** Removal records (deleted vnodes, incrementals only). */
  public long removedRecords() {
    return removedRecords;
  }

  /**
   * Whether the dump holds every directory of the volume (a full dump, or an incremental at a
   * negative level): only then does it name all its files' paths.
   */
  public boolean holdsAllDirectories() {
    return directoryRecords == largeIndex.vnodeCountUnsigned();
  }

  /**
   * Writes the index lines: {@code /}, directories with a trailing {@code /}, then every name of
   * every file the dump holds data for; each line escaped as {@link #escape} says. Lines are built
   * in one reused buffer, written out 64 KiB at a time.
   */
  public void writeLines(OutputStream sink) throws IOException {
    String[] paths = directoryPaths();
    LineBuffer out = new LineBuffer(sink);
    byte[][] prefix = new byte[paths.length][];
    for (int d = 0; d < paths.length; d++) {
      String p = paths[d];
      if (p != null) {
        String line = p.equals("/") ? "/" : escape(p) + "/";
        prefix[d] = line.getBytes(StandardCharsets.UTF_8);
        out.line(prefix[d], null, 0, 0);
      }
    }
    for (int i = 0; i < count; i++) {
      byte[] dir = prefix[parent[i]];
      if (dir == null || !holdsFile(vnode[i], uniquifier[i])) {
        continue;
      }
      int from = nameStart[i];
      int len = nameStart[i + 1] - from;
      if (escaped.get(i)) {
        byte[] e = escape(new String(names, from, len, UTF8)).getBytes(StandardCharsets.UTF_8);
        out.line(dir, e, 0, e.length);
      } else {
        out.line(dir, names, from, len);
      }
    }
    out.flush();
  }

  /** Index lines gathered in one buffer, written out when it is full. */
  private static final class LineBuffer {
    private final OutputStream sink;
    private byte[] buf = new byte[1 << 16];
    private int n;

    LineBuffer(OutputStream sink) {
      this.sink = sink;
    }

    /** A line of {@code a} and {@code len} bytes of {@code b} from {@code from}, and a newline. */
    void line(byte[] a, byte[] b, int from, int len) throws IOException {
      int need = a.length + len + 1;
      if (n + need > buf.length) {
        flush();
        if (need > buf.length) {
          buf = new byte[need];
        }
      }
      System.arraycopy(a, 0, buf, n, a.length);
      n += a.length;
      if (len > 0) {
        System.arraycopy(b, from, buf, n, len);
        n += len;
      }
      buf[n++] = '\n';
    }

    void flush() throws IOException {
      sink.write(buf, 0, n);
      n = 0;
      sink.flush();
    }
  }

  private static boolean needsEscape(byte[] b, int from, int len) {
    for (int k = from; k < from + len; k++) {
      if (b[k] == '\\' || (b[k] >= 0 && b[k] < 0x20) || b[k] == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private boolean holdsFile(int vn, int un) {
    long slot = VnodeClass.slot(DumpHeader.unsigned(vn));
    return slot < presentUniquifier.length
        && present.get((int) slot)
        && presentUniquifier[(int) slot] == un;
  }

  /**
   * Each directory's path ("/" for the root, "/a/b" below it), null when the root is not reached.
   */
  private String[] directoryPaths() {
    String[] paths = new String[dirNumber.size()];
    long[] keyOf = new long[dirNumber.size()];
    for (Map.Entry<Long, Integer> m : dirNumber.entrySet()) {
      keyOf[m.getValue()] = m.getKey();
    }
    for (int d = 0; d < paths.length; d++) {
      resolve(d, keyOf, paths);
    }
    return paths;
  }

  private void resolve(int d, long[] keyOf, String[] paths) {
    // Walk up to a resolved ancestor (or the root), then come back down; a cycle stays null.
    java.util.ArrayList<Integer> chain = new java.util.ArrayList<>();
    int at = d;
    String base = null;
    while (true) {
      if (paths[at] != null) {
        base = paths[at];
        break;
      }
      if (keyOf[at] == ROOT) {
        base = "/";
        paths[at] = base;
        break;
      }
      Integer up = linkParent.get(keyOf[at]);
      if (up == null || chain.contains(at) || chain.size() > paths.length) {
        return;
      }
      chain.add(at);
      at = up;
    }
    for (int k = chain.size() - 1; k >= 0; k--) {
      int c = chain.get(k);
      String name = linkName.get(keyOf[c]);
      base = base.equals("/") ? "/" + name : base + "/" + name;
      paths[c] = base;
    }
  }

  /**
   * A path as an index line holds it: a backslash doubled, newline, tab and other control
   * characters as octal escapes (GNU tar's escape style, which amrecover's tools undo). {@link
   * SafeName} has already replaced control characters with %XX, so this mostly concerns '\'.
   */
  public static String escape(String path) {
    if (path.indexOf('\\') < 0 && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
      return path;
    }
    StringBuilder b = new StringBuilder(path.length() + 8);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\') {
        b.append("\\\\");
      } else if (c < 0x20 || c == 0x7f) {
        b.append('\\').append(String.format("%03o", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Undoes {@link #escape}. */
  public static String unescape(String line) {
    if (line.indexOf('\\') < 0) {
      return line;
    }
    StringBuilder b = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        char n = line.charAt(i + 1);
        if (n == '\\') {
          b.append('\\');
          i++;
          continue;
        }
        if (i + 3 < line.length() + 0 && isOctal(line, i + 1)) {
          b.append((char) Integer.parseInt(line.substring(i + 1, i + 4), 8));
          i += 3;
          continue;
        }
      }
      b.append(c);
    }
    return b.toString();
  }

  private static boolean isOctal(String s, int at) {
    if (at + 3 > s.length()) {
      return false;
    }
    for (int k = at; k < at + 3; k++) {
      if (s.charAt(k) < '0' || s.charAt(k) > '7') {
        return false;
      }
    }
    return true;
  }
}
