package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import io.codarestore.core.UserFacingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The directory vnodes of a dump's large index, each with its entries, as {@link DumpTree} places
 * them: read once, in index order, with what is wrong about them as notices.
 */
final class DirectoryVnodes {
  private DirectoryVnodes() {}

  /** A directory while the tree is being built. */
  static final class Dir {
    final VnodeRecord record;
    final long offset;
    List<DirectoryEntry> entries;
    TreeDirectory placed;
    boolean hasOrphanParent;

    Dir(VnodeRecord record, long offset, List<DirectoryEntry> entries) {
      this.record = record;
      this.offset = offset;
      this.entries = entries;
    }
  }

  /**
   * Reads the large index from a reader standing at its first entry, up to the small index; by fid
   * key, in index order.
   */
  static Map<Long, Dir> read(DumpReader reader, Cancellation cancel, Consumer<TreeNotice> notices) {
    Map<Long, Dir> dirs = new LinkedHashMap<>();
    IndexEntry e;
    while ((e = reader.nextEntry()) != null) {
      cancel.check();
      if (!(e instanceof IndexEntry.Vnode vn)) {
        continue;
      }
      VnodeRecord r = vn.record();
      byte[] pages = reader.directoryPages();
      List<DirectoryEntry> entries;
      try {
        entries = DirectoryPages.entries(pages);
      } catch (DirectoryPages.DirectoryFormatException ex) {
        throw new DumpFormatException(
            reader.source(), vn.offset(), "directory " + r.fid() + ": " + ex.getMessage());
      }
      long key = Fid.key(r.vnode(), r.uniquifier());
      if (r.type() != VnodeType.DIRECTORY) {
        notices.accept(
            new TreeNotice(
                TreeNotice.Kind.BAD_VNODE,
                r.fid(),
                "vnode "
                    + r.fid()
                    + " in the directory index has type "
                    + VnodeType.name(r.type())
                    + "; read as a directory"));
      }
      if (dirs.containsKey(key)) {
        notices.accept(
            new TreeNotice(
                TreeNotice.Kind.BAD_VNODE,
                r.fid(),
                "directory " + r.fid() + " appears twice in the dump; the second copy is ignored"));
        continue;
      }
      dirs.put(key, new Dir(r, vn.offset(), entries));
    }
    return dirs;
  }

  /** Refuses an incremental dump: it holds only what changed, not a whole tree. */
  static void refuseIncremental(DumpReader reader) {
    DumpHeader h = reader.header();
    if (h.isIncremental()) {
      throw new UserFacingException(
          reader.source()
              + " is an incremental dump (level "
              + h.level()
              + "): it holds only what changed since an earlier dump, not a whole tree. Merge it"
              + " onto its full dump first (coda-restore merge --out MERGED FULL INCR...) and use"
              + " the merged dump.");
    }
  }

  /**
   * The root directory (vnode 1.1); refuses an incremental dump that lacks some of the volume's
   * directories, and a dump without a root.
   */
  static Dir root(DumpReader reader, IndexHeader large, Map<Long, Dir> dirs) {
    DumpHeader h = reader.header();
    if (h.isIncremental() && dirs.size() != large.vnodeCountUnsigned()) {
      throw new UserFacingException(
          reader.source()
              + " is an incremental dump (level "
              + h.level()
              + ") with "
              + dirs.size()
              + " of the volume's "
              + large.vnodeCountUnsigned()
              + " directories (not made at a negative level): it names no whole tree; merge it"
              + " onto its full dump first");
    }
    Dir root = dirs.get(Fid.key(1, 1));
    if (root == null) {
      throw new UserFacingException(
          reader.source() + ": the dump has no root directory (vnode 1.1); no tree to extract");
    }
    return root;
  }
}
