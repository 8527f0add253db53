package io.codarestore.index;

import io.codarestore.catalog.IndexedEntry;
import io.codarestore.core.Cancellation;
import io.codarestore.dump.DirectoryEntry;
import io.codarestore.dump.DirectoryPages;
import io.codarestore.dump.DumpFormatException;
import io.codarestore.dump.DumpReader;
import io.codarestore.dump.Fid;
import io.codarestore.dump.IndexEntry;
import io.codarestore.dump.VnodeRecord;
import io.codarestore.dump.VnodeType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A volume's vnodes and directory contents after a dump, without any file data: what a full dump
 * holds, or the state its base had with an incremental's records applied (new or changed vnodes
 * replace theirs, re-dumped directories replace their entries, removal records delete). The tree is
 * what the root's directories reach, so vnodes an incremental leaves behind unreachable (spec
 * coda-dump-format.md §6.1) are not part of it.
 */
final class TreeState {
  private static final long ROOT = Fid.key(1, 1);

  /** A vnode's metadata. */
  record Node(
      int type, long size, long mtime, int mode, long dataVersion, int owner, String target) {}

  /** A name in a directory. */
  record Child(String name, long key) {}

  private final Map<Long, Node> nodes;
  private final Map<Long, List<Child>> dirs;
  private final List<long[]> removals = new ArrayList<>();

  private TreeState(Map<Long, Node> nodes, Map<Long, List<Child>> dirs) {
    this.nodes = nodes;
    this.dirs = dirs;
  }

  static TreeState empty() {
    return new TreeState(new HashMap<>(), new HashMap<>());
  }

  /** A copy to apply the next dump to (this one stays as it is). */
  TreeState copy() {
    return new TreeState(new HashMap<>(nodes), new HashMap<>(dirs));
  }

  /** The removal records of the last dump applied, as {vnode, uniquifier} (unsigned). */
  List<long[]> removals() {
    return removals;
  }

  /** The state an indexed tree describes (to continue from it after an interruption). */
  static TreeState of(List<IndexedEntry> tree) {
    TreeState s = empty();
    Map<String, Long> keyOf = new HashMap<>();
    for (IndexedEntry e : tree) {
      long key = Fid.key((int) e.vnode(), (int) e.uniquifier());
      keyOf.put(e.path(), key);
      s.nodes.put(
          key,
          new Node(
              e.type(), e.size(), e.mtime(), e.mode(), e.dataVersion(), e.owner(), e.target()));
    }
    for (IndexedEntry e : tree) {
      if (e.path().equals(".")) {
        continue;
      }
      int slash = e.path().lastIndexOf('/');
      Long parent = keyOf.get(slash < 0 ? "." : e.path().substring(0, slash));
      if (parent != null) {
        s.dirs
            .computeIfAbsent(parent, k -> new ArrayList<>())
            .add(new Child(e.name(), keyOf.get(e.path())));
      }
    }
    return s;
  }

  /**
   * Applies a whole dump read from its first byte: a full dump replaces everything, an incremental
   * is applied on top. File data is skipped, never kept.
   */
  void apply(DumpReader r, Cancellation cancel) {
    if (!r.header().isIncremental()) {
      nodes.clear();
      dirs.clear();
    }
    removals.clear();
    for (int i = 0; i < 2; i++) {
      r.nextIndex();
      IndexEntry e;
      while ((e = r.nextEntry()) != null) {
        cancel.check();
        if (e instanceof IndexEntry.RemovedVnode rm) {
          long key = Fid.key(rm.vnode(), rm.uniquifier());
          nodes.remove(key);
          dirs.remove(key);
          removals.add(
              new long[] {
                Integer.toUnsignedLong(rm.vnode()), Integer.toUnsignedLong(rm.uniquifier())
              });
        } else if (e instanceof IndexEntry.Vnode vn) {
          add(r, vn);
        }
      }
    }
    r.readEnd();
  }

  private void add(DumpReader r, IndexEntry.Vnode vn) {
    VnodeRecord rec = vn.record();
    long key = Fid.key(rec.vnode(), rec.uniquifier());
    long size = rec.isDirectory() ? rec.length() : vn.payloadLength();
    String target = null;
    if (rec.type() == VnodeType.SYMLINK
        && vn.payload() == IndexEntry.Payload.FILE_DATA
        && vn.payloadLength() <= MAX_LINK_TARGET) {
      target = linkTarget(r.smallFileData(MAX_LINK_TARGET));
    }
    nodes.put(
        key,
        new Node(
            rec.type(),
            size,
            rec.modifyTimeUnsigned(),
            rec.mode() & 07777,
            Integer.toUnsignedLong(rec.dataVersion()),
            rec.owner(),
            target));
    if (vn.payload() == IndexEntry.Payload.DIRECTORY_PAGES) {
      List<Child> children = new ArrayList<>();
      try {
        for (DirectoryEntry de : DirectoryPages.entries(r.directoryPages())) {
          if (!de.isDotOrDotDot()) {
            children.add(new Child(de.safeName(), de.fidKey()));
          }
        }
      } catch (DirectoryPages.DirectoryFormatException ex) {
        throw new DumpFormatException(
            r.source(), vn.offset(), "directory " + rec.fid() + ": " + ex.getMessage());
      }
      dirs.put(key, children);
    }
  }

  /** The tree the root reaches: every name once, root first, as index entries. */
  List<IndexedEntry> tree() {
    List<IndexedEntry> out = new ArrayList<>();
    Node root = nodes.get(ROOT);
    if (root == null) {
      return out;
    }
    out.add(entry(".", ROOT, root));
    Deque<Object[]> todo = new ArrayDeque<>();
    todo.push(new Object[] {"", ROOT});
    Set<Long> seenDirs = new HashSet<>();
    seenDirs.add(ROOT);
    while (!todo.isEmpty()) {
      Object[] d = todo.pop();
      String prefix = (String) d[0];
      List<Child> children = new ArrayList<>(dirs.getOrDefault((Long) d[1], List.of()));
      children.sort(Comparator.comparing(Child::name));
      Set<String> names = new HashSet<>();
      for (Child ch : children) {
        Node n = nodes.get(ch.key());
        if (n == null || !names.add(ch.name())) {
          continue; // a dangling name, or a name twice: ls reports these; the index skips them
        }
        String path = prefix + ch.name();
        out.add(entry(path, ch.key(), n));
        if (n.type() == VnodeType.DIRECTORY && seenDirs.add(ch.key())) {
          todo.push(new Object[] {path + "/", ch.key()});
        }
      }
    }
    return out;
  }

  /** Longest symbolic link target kept (as extraction: 64 KiB). */
  static final int MAX_LINK_TARGET = 64 * 1024;

  /**
   * A symbolic link's target as text: UTF-8, with NUL and (when the bytes are not valid UTF-8)
   * every byte above 0x7F written as %XX, as extraction names them.
   */
  static String linkTarget(byte[] raw) {
    String text;
    try {
      text =
          java.nio.charset.StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(raw))
              .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      StringBuilder b = new StringBuilder();
      for (byte x : raw) {
        b.append(x >= 0 ? Character.toString(x) : String.format("%%%02X", x & 0xFF));
      }
      text = b.toString();
    }
    return text.replace("\0", "%00");
  }

  private static IndexedEntry entry(String path, long key, Node n) {
    return new IndexedEntry(
        path,
        n.type(),
        n.size(),
        n.mtime(),
        n.mode(),
        Integer.toUnsignedLong(Fid.vnode(key)),
        Integer.toUnsignedLong(Fid.uniquifier(key)),
        n.dataVersion(),
        n.owner(),
        n.target());
  }
}
