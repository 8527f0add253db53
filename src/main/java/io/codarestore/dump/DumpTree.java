package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.DirectoryVnodes.Dir;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file tree of a full (or merged) dump, read in one streaming pass. The directory index comes
 * first, so the names, parents and hard links are built from the directory pages in memory (memory
 * grows with the number of names, never with file data); then {@link #walkFiles} streams the file
 * index and hands each file or symlink with its names to a visitor, which may stream its data.
 *
 * <p>Names are made safe ({@link SafeName}): unsafe bytes are escaped, duplicates within a
 * directory get a suffix, and every change is a {@link TreeNotice}. Vnodes that no directory of the
 * tree reaches (orphans, e.g. files deleted before the last dump of a 0 → 1 → 1′ chain) are kept
 * apart: orphan directories get paths that start with their fid, orphan files are named from an
 * orphan directory or by their fid.
 *
 * <p>One object serves one pass over one dump: {@link #readDirectories}, then {@link #walkFiles}.
 */
public final class DumpTree {
  /** The ACL file at the top of an extracted tree; a volume entry of that name is renamed. */
  public static final String ACL_FILE = ".coda-acls.json";

  private static final long ROOT = Fid.key(1, 1);

  private final String source;
  private final DumpHeader header;
  private final VolumeDiskData volume;
  private final IndexHeader largeIndex;
  private final List<TreeDirectory> directories = new ArrayList<>();
  private final List<TreeDirectory> orphanDirectories = new ArrayList<>();
  private final Map<Long, Name> names = new HashMap<>();
  private final Map<Long, Name> orphanNames = new HashMap<>();
  private final List<TreeNotice> notices = new ArrayList<>();
  private boolean nonAscii;

  private IndexHeader smallIndex;
  private long files;
  private long symlinks;
  private long hardLinks;
  private long orphanFiles;
  private long fileBytes;
  private boolean walked;

  /** One name of a file or symlink: its directory and its (safe) name; further names chained. */
  private static final class Name {
    final TreeDirectory parent;
    final String name;
    final Name next;
    boolean found;

    Name(TreeDirectory parent, String name, Name next) {
      this.parent = parent;
      this.name = name;
      this.next = next;
    }
  }

  private DumpTree(String source, DumpHeader header, VolumeDiskData volume, IndexHeader large) {
    this.source = source;
    this.header = header;
    this.volume = volume;
    this.largeIndex = large;
  }

  /**
   * Reads the header, the volume data and the directory index of a fresh reader and builds the
   * tree. The reader is left at the start of the file index.
   *
   * @throws UserFacingException for an incremental dump, a dump without a root directory, or
   *     directory pages that cannot be read
   */
  public static DumpTree readDirectories(DumpReader reader, Cancellation cancel) {
    return readDirectories(reader, cancel, false);
  }

  /**
   * As {@link #readDirectories(DumpReader, Cancellation)}; with {@code wholeDirectories} an
   * incremental is accepted when it holds every directory of the volume (volutil dump -i -N, as
   * amcoda makes them): its tree is then the volume's whole tree, with the files it lacks named but
   * not held.
   */
  static DumpTree readDirectories(
      DumpReader reader, Cancellation cancel, boolean wholeDirectories) {
    DumpHeader h = reader.header();
    if (!wholeDirectories) {
      DirectoryVnodes.refuseIncremental(reader);
    }
    VolumeDiskData v = reader.volumeData();
    IndexHeader large = reader.nextIndex();
    DumpTree tree = new DumpTree(reader.source(), h, v, large);
    Map<Long, Dir> dirs = DirectoryVnodes.read(reader, cancel, tree.notices::add);
    Dir root = DirectoryVnodes.root(reader, large, dirs);
    tree.place(root, TreeDirectory.ROOT, false, dirs);
    tree.placeOrphans(dirs);
    tree.smallIndex = reader.nextIndex();
    return tree;
  }

  /**
   * Streams the file index: every file and symlink goes to {@code visitor} with its names (tree
   * files first-class, orphans flagged), then checks the end marker. Names that point at vnodes the
   * dump lacks become notices.
   */
  public void walkFiles(DumpReader reader, FileVisitor visitor, Cancellation cancel) {
    if (walked) {
      throw new IllegalStateException("the file index was walked already");
    }
    walked = true;
    IndexEntry e;
    while ((e = reader.nextEntry()) != null) {
      cancel.check();
      if (!(e instanceof IndexEntry.Vnode vn)) {
        continue;
      }
      VnodeRecord r = vn.record();
      long key = Fid.key(r.vnode(), r.uniquifier());
      if (r.type() != VnodeType.FILE && r.type() != VnodeType.SYMLINK) {
        notice(
            TreeNotice.Kind.BAD_VNODE,
            r.fid(),
            "vnode " + r.fid() + " in the file index has type " + r.type() + "; skipped");
        continue;
      }
      if (vn.payload() == IndexEntry.Payload.BAD_INODE) {
        notice(
            TreeNotice.Kind.BAD_VNODE,
            r.fid(),
            "vnode "
                + r.fid()
                + ": the server could not read its data when it made the dump; skipped");
        continue;
      }
      Name n = names.get(key);
      if (n != null) {
        visitNamed(n, vn, visitor, reader);
        continue;
      }
      orphanFiles++;
      Name on = orphanNames.get(key);
      String path;
      if (on != null && !on.found) {
        on.found = true;
        path = on.parent.child(on.name);
      } else {
        path = r.fid();
      }
      visitor.file(new TreeFile(r, vn, List.of(path), true), reader);
    }
    reader.readEnd();
    noticeDanglingNames();
  }

  /** A file or symlink the tree names: all its names go to the visitor, in directory order. */
  private void visitNamed(Name n, IndexEntry.Vnode vn, FileVisitor visitor, DumpReader reader) {
    VnodeRecord r = vn.record();
    if (n.found) {
      notice(
          TreeNotice.Kind.BAD_VNODE,
          r.fid(),
          "vnode " + r.fid() + " appears twice in the file index; the second copy is ignored");
      return;
    }
    List<String> paths = new ArrayList<>();
    for (Name k = n; k != null; k = k.next) {
      k.found = true;
      paths.add(k.parent.child(k.name));
    }
    Collections.reverse(paths);
    if (r.type() == VnodeType.SYMLINK) {
      symlinks++;
    } else {
      files++;
      fileBytes += vn.payloadLength();
    }
    hardLinks += paths.size() - 1;
    if (r.type() == VnodeType.FILE && r.length() != vn.payloadLength()) {
      notice(
          TreeNotice.Kind.BAD_VNODE,
          paths.get(0),
          SafeName.escape(paths.get(0))
              + ": the vnode says "
              + r.length()
              + " bytes but the dump holds "
              + vn.payloadLength()
              + "; the dump's bytes are used");
    }
    visitor.file(new TreeFile(r, vn, paths, false), reader);
  }

  /** Names of vnodes the file index did not hold. */
  private void noticeDanglingNames() {
    for (Map.Entry<Long, Name> m : names.entrySet()) {
      for (Name k = m.getValue(); k != null; k = k.next) {
        if (!k.found) {
          String p = k.parent.child(k.name);
          notice(
              TreeNotice.Kind.DANGLING,
              p,
              SafeName.escape(p)
                  + " refers to vnode "
                  + Fid.text(m.getKey())
                  + ", which the dump does not hold");
        }
      }
    }
  }

  /**
   * Every path a directory of the tree names for a file or symlink (with its fid key), held by the
   * dump or not.
   */
  void forEachFileName(java.util.function.BiConsumer<String, Long> paths) {
    for (Map.Entry<Long, Name> m : names.entrySet()) {
      for (Name k = m.getValue(); k != null; k = k.next) {
        paths.accept(k.parent.child(k.name), m.getKey());
      }
    }
  }

  /** Receives the files and symlinks of the tree while the file index is streamed. */
  @FunctionalInterface
  public interface FileVisitor {
    /**
     * One file or symlink. Its data can be read with {@link DumpReader#copyPayload} or {@link
     * DumpReader#smallFileData} during this call; otherwise it is skipped.
     */
    void file(TreeFile file, DumpReader reader);
  }

  /** Places {@code top} at {@code path} and everything below it, breadth first. */
  private void place(Dir top, String path, boolean orphan, Map<Long, Dir> dirs) {
    Deque<Dir> queue = new ArrayDeque<>();
    top.placed = new TreeDirectory(path, top.record, orphan);
    (orphan ? orphanDirectories : directories).add(top.placed);
    queue.add(top);
    while (!queue.isEmpty()) {
      Dir d = queue.removeFirst();
      TreeDirectory td = d.placed;
      Set<String> taken = new HashSet<>();
      if (td.isRoot()) {
        taken.add(ACL_FILE);
      }
      for (DirectoryEntry en : d.entries) {
        long child = en.fidKey();
        if (en.isDotOrDotDot()) {
          checkDots(d, td, en);
          continue;
        }
        boolean large = VnodeClass.of(DumpHeader.unsigned(en.vnode())) == VnodeClass.LARGE;
        if (orphan
            && (large
                ? dirs.get(child) == null || dirs.get(child).placed != null
                : names.containsKey(child) || orphanNames.containsKey(child))) {
          // Stale pages of a deleted directory: names of vnodes gone or living elsewhere.
          continue;
        }
        SafeName safe = unique(SafeName.of(en.name()), taken, td);
        if (safe.problem() != null) {
          notice(
              TreeNotice.Kind.RENAMED,
              td.child(safe.name()),
              "name "
                  + SafeName.escape(en.name())
                  + " in "
                  + describe(td)
                  + " "
                  + safe.problem()
                  + "; written as "
                  + SafeName.escape(safe.name()));
        }
        if (!isAscii(safe.name())) {
          nonAscii = true;
        }
        if (large) {
          placeChild(td, safe.name(), child, orphan, dirs, queue);
        } else if (!orphan) {
          names.put(child, new Name(td, safe.name(), names.get(child)));
        } else {
          orphanNames.put(child, new Name(td, safe.name(), null));
        }
      }
    }
  }

  /** A name in a directory that does not clash with the names placed before it. */
  private static SafeName unique(SafeName safe, Set<String> taken, TreeDirectory td) {
    if (!taken.add(safe.name())) {
      SafeName alt = safe;
      for (int k = 1; !taken.add(alt.name()); k++) {
        alt =
            safe.withSuffix(
                k,
                ACL_FILE.equals(safe.name()) && td.isRoot()
                    ? "is reserved for the ACL file"
                    : "is taken by another entry");
      }
      return alt;
    }
    return safe;
  }

  /** The directory {@code child}, named {@code name} in {@code td}: placed once, queued. */
  private void placeChild(
      TreeDirectory td,
      String name,
      long child,
      boolean orphan,
      Map<Long, Dir> dirs,
      Deque<Dir> queue) {
    Dir c = dirs.get(child);
    if (c == null) {
      notice(
          TreeNotice.Kind.DANGLING,
          td.child(name),
          SafeName.escape(td.child(name))
              + " refers to directory "
              + Fid.text(child)
              + ", which the dump does not hold");
    } else if (c.placed != null) {
      notice(
          TreeNotice.Kind.IGNORED_ENTRY,
          td.child(name),
          SafeName.escape(td.child(name))
              + " is a further name of directory "
              + Fid.text(child)
              + " (already at "
              + SafeName.escape(c.placed.path())
              + "); not followed");
    } else {
      c.placed = new TreeDirectory(td.child(name), c.record, orphan);
      (orphan ? orphanDirectories : directories).add(c.placed);
      queue.addLast(c);
    }
  }

  /** Directories the tree does not reach: roots are those no other orphan directory names. */
  private void placeOrphans(Map<Long, Dir> dirs) {
    List<Dir> unplaced = new ArrayList<>();
    for (Dir d : dirs.values()) {
      if (d.placed == null) {
        unplaced.add(d);
      }
    }
    for (Dir d : unplaced) {
      for (DirectoryEntry en : d.entries) {
        Dir c = dirs.get(en.fidKey());
        if (c != null && c != d && c.placed == null && !en.isDotOrDotDot()) {
          c.hasOrphanParent = true;
        }
      }
    }
    for (Dir d : unplaced) {
      if (d.placed == null && !d.hasOrphanParent) {
        place(d, d.record.fid(), true, dirs);
      }
    }
    for (Dir d : unplaced) {
      if (d.placed == null) {
        place(d, d.record.fid(), true, dirs);
      }
    }
    for (Dir d : dirs.values()) {
      d.entries = null;
    }
  }

  private void checkDots(Dir d, TreeDirectory td, DirectoryEntry en) {
    long self = Fid.key(d.record.vnode(), d.record.uniquifier());
    long parent = Fid.key(d.record.parentVnode(), d.record.parentUniquifier());
    boolean dot = en.name().length == 1;
    long want = dot ? self : parent;
    boolean ok = en.fidKey() == want || (!dot && self == ROOT && en.fidKey() == ROOT);
    if (!ok) {
      notice(
          TreeNotice.Kind.IGNORED_ENTRY,
          td.path(),
          "entry \""
              + (dot ? "." : "..")
              + "\" in "
              + describe(td)
              + " points to "
              + Fid.text(en.fidKey())
              + " instead of "
              + (dot ? "the directory itself" : "its parent " + Fid.text(want))
              + "; ignored");
    }
  }

  private static String describe(TreeDirectory td) {
    return td.isRoot() ? "the volume root" : "directory " + SafeName.escape(td.path());
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private void notice(TreeNotice.Kind kind, String path, String message) {
    notices.add(new TreeNotice(kind, path, message));
  }

  public String source() {
    return source;
  }

  public DumpHeader header() {
    return header;
  }

  public VolumeDiskData volume() {
    return volume;
  }

  public IndexHeader largeIndex() {
    return largeIndex;
  }

  /** Available once the directories were read. */
  public IndexHeader smallIndex() {
    return smallIndex;
  }

  /** Directories of the tree, parents before children (breadth first from the root). */
  public List<TreeDirectory> directories() {
    return Collections.unmodifiableList(directories);
  }

  /** Directories no directory of the tree reaches, parents before children. */
  public List<TreeDirectory> orphanDirectories() {
    return Collections.unmodifiableList(orphanDirectories);
  }

  /** What had to be changed or ignored so far (complete after {@link #walkFiles}). */
  public List<TreeNotice> notices() {
    return Collections.unmodifiableList(notices);
  }

  /** True when some name (after escaping) is not plain ASCII. */
  public boolean hasNonAsciiNames() {
    return nonAscii;
  }

  /** True if {@code path} names a directory of the tree or a name of a file or symlink. */
  public boolean contains(String path) {
    for (TreeDirectory d : directories) {
      if (d.path().equals(path)) {
        return true;
      }
    }
    for (Name n : names.values()) {
      for (Name k = n; k != null; k = k.next) {
        if (k.parent.child(k.name).equals(path)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Files in the tree (after {@link #walkFiles}); hard links count once. */
  public long files() {
    return files;
  }

  public long symlinks() {
    return symlinks;
  }

  /** Names beyond the first of files with several names. */
  public long hardLinks() {
    return hardLinks;
  }

  /** Bytes of data of the tree's files. */
  public long fileBytes() {
    return fileBytes;
  }

  /** Vnodes no directory of the tree reaches: orphan directories plus orphan files/symlinks. */
  public long orphans() {
    return orphanDirectories.size() + orphanFiles;
  }
}
