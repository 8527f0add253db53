package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a dump completely (spec section 7): the syntax through {@link DumpReader} (magic, version,
 * tags, lengths, end marker then end of file) and the semantics: vnode parity and slot range,
 * record kinds per index, data length against the vnode's length, directory page structure, ACL
 * text, and for full dumps the vnode counts, the root directory and that every name points at a
 * vnode. File data is skipped, never loaded.
 */
public final class DumpVerifier {
  /** Stop listing errors after this many; the first ones say what is wrong. */
  private static final int MAX_ERRORS = 50;

  private final Cancellation cancel;

  public DumpVerifier(Cancellation cancel) {
    this.cancel = cancel;
  }

  public VerifyReport verify(Path file) {
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    DumpHeader header = null;
    long dirs = 0;
    long files = 0;
    long removed = 0;
    long bytes = 0;
    try (DumpReader r = DumpReader.open(file)) {
      header = r.header();
      r.volumeData();
      boolean full = !header.isIncremental();
      Set<Long> fids = new HashSet<>();
      Map<Long, List<DirectoryEntry>> directories = new HashMap<>();
      for (int i = 0; i < 2; i++) {
        IndexHeader index = r.nextIndex();
        VnodeClass cls = index.vnodeClass();
        long live = 0;
        IndexEntry e;
        while ((e = r.nextEntry()) != null) {
          cancel.check();
          if (e instanceof IndexEntry.NullVnode n) {
            if (full) {
              add(
                  errors,
                  n.offset(),
                  "null vnode record in a full dump (volutil restore fails on it)");
            }
            continue;
          }
          if (e instanceof IndexEntry.RemovedVnode rm) {
            removed++;
            checkNumber(errors, rm.vnode(), cls, index, rm.offset());
            if (full) {
              add(errors, rm.offset(), "removed-vnode record " + rm.fid() + " in a full dump");
            }
            continue;
          }
          IndexEntry.Vnode v = (IndexEntry.Vnode) e;
          VnodeRecord rec = v.record();
          live++;
          checkNumber(errors, rec.vnode(), cls, index, v.offset());
          long key = Fid.key(rec.vnode(), rec.uniquifier());
          if (!fids.add(key)) {
            add(errors, v.offset(), "vnode " + rec.fid() + " appears twice");
          }
          if (cls == VnodeClass.LARGE) {
            dirs++;
            if (rec.type() != VnodeType.DIRECTORY) {
              add(
                  errors,
                  v.offset(),
                  "vnode "
                      + rec.fid()
                      + " in the directory index has "
                      + VnodeType.name(rec.type()));
            }
            if (rec.acl() == null) {
              warnings.add("directory " + rec.fid() + " has no ACL");
            } else {
              try {
                Acl.parse(rec.acl());
              } catch (IllegalArgumentException ex) {
                add(errors, v.offset(), "directory " + rec.fid() + ": " + ex.getMessage());
              }
            }
            byte[] pages = r.directoryPages();
            try {
              DirectoryPages.validate(pages);
              directories.put(key, DirectoryPages.entries(pages));
            } catch (DirectoryPages.DirectoryFormatException ex) {
              add(errors, v.payloadOffset(), "directory " + rec.fid() + ": " + ex.getMessage());
            }
            if (rec.length() != pages.length) {
              warnings.add(
                  "directory "
                      + rec.fid()
                      + " length "
                      + rec.length()
                      + " differs from its "
                      + pages.length
                      + " page bytes");
            }
          } else {
            files++;
            if (rec.type() != VnodeType.FILE && rec.type() != VnodeType.SYMLINK) {
              add(
                  errors,
                  v.offset(),
                  "vnode " + rec.fid() + " in the file index has " + VnodeType.name(rec.type()));
            }
            if (v.payload() == IndexEntry.Payload.BAD_INODE) {
              add(
                  errors,
                  v.offset(),
                  "vnode "
                      + rec.fid()
                      + " has no data (the server could not read it; Coda's merge aborts on it)");
            } else if (v.payloadLength() != rec.length()) {
              add(
                  errors,
                  v.payloadOffset(),
                  "vnode "
                      + rec.fid()
                      + ": length field says "
                      + rec.length()
                      + " bytes, "
                      + v.payloadLength()
                      + " bytes of data follow");
            }
            bytes += v.payloadLength();
          }
        }
        if (full && live != index.vnodeCountUnsigned()) {
          add(
              errors,
              r.offset(),
              cls.label()
                  + " index header says "
                  + index.vnodeCountUnsigned()
                  + " vnodes, "
                  + live
                  + " are present (volutil restore fails on it)");
        }
      }
      r.readEnd();
      if (full) {
        checkTree(fids, directories, errors, warnings);
      }
    } catch (DumpFormatException ex) {
      errors.add(ex.getMessage().substring(ex.source().length() + 2));
    } catch (NoSuchFileException ex) {
      errors.add("no such file");
    } catch (IOException ex) {
      errors.add("cannot read: " + ex.getMessage());
    } catch (UncheckedIOException ex) {
      errors.add("cannot read: " + ex.getCause().getMessage());
    }
    return new VerifyReport(file.toString(), header, errors, warnings, dirs, files, removed, bytes);
  }

  private static void checkNumber(
      List<String> errors, int vnode, VnodeClass cls, IndexHeader index, long at) {
    long vn = DumpHeader.unsigned(vnode);
    if (vn == 0 || VnodeClass.of(vn) != cls) {
      add(errors, at, "vnode " + vn + " has the wrong parity for the " + cls.label() + " index");
    } else if (VnodeClass.slot(vn) >= index.listCountUnsigned()) {
      add(
          errors,
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

  private static void checkTree(
      Set<Long> fids,
      Map<Long, List<DirectoryEntry>> dirs,
      List<String> errors,
      List<String> warnings) {
    long root = Fid.key(1, 1);
    if (!fids.contains(root)) {
      errors.add("the root directory (vnode 1.1) is missing");
      return;
    }
    Set<Long> reached = new HashSet<>();
    reached.add(root);
    List<Long> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      long d = todo.remove(todo.size() - 1);
      for (DirectoryEntry e : dirs.getOrDefault(d, List.of())) {
        if (e.isDotOrDotDot()) {
          continue;
        }
        long child = e.fidKey();
        if (!fids.contains(child)) {
          warnings.add(
              "directory "
                  + Fid.text(d)
                  + " names '"
                  + e.displayName()
                  + "' -> "
                  + Fid.text(child)
                  + ", which the dump does not hold");
          continue;
        }
        if (reached.add(child) && dirs.containsKey(child)) {
          todo.add(child);
        }
      }
    }
    long orphans = fids.stream().filter(f -> !reached.contains(f)).count();
    if (orphans > 0) {
      warnings.add(
          orphans
              + " vnodes are not reachable from the root (orphans, e.g. files deleted before the last dump of a 0-1-1' chain)");
    }
  }

  private static void add(List<String> errors, long offset, String problem) {
    if (errors.size() < MAX_ERRORS) {
      errors.add("offset " + offset + ": " + problem);
    }
  }
}
