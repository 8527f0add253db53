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
import java.util.Optional;
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
    RecordChecks checks = null;
    try (DumpReader r = DumpReader.open(file)) {
      header = r.header();
      r.volumeData();
      volumeName(header.name()).ifPresent(warnings::add);
      boolean full = !header.isIncremental();
      checks = new RecordChecks(full, collect(errors, warnings));
      Set<Long> fids = new HashSet<>();
      Map<Long, List<DirectoryEntry>> directories = new HashMap<>();
      for (int i = 0; i < 2; i++) {
        checks.startIndex(r.nextIndex());
        IndexEntry e;
        while ((e = r.nextEntry()) != null) {
          cancel.check();
          byte[] pages = checks.check(e, r);
          if (e instanceof IndexEntry.Vnode v) {
            long key = Fid.key(v.record().vnode(), v.record().uniquifier());
            if (!fids.add(key)) {
              add(errors, v.offset(), "vnode " + v.record().fid() + " appears twice");
            }
            if (pages != null) {
              directories.put(key, entries(pages));
            }
          }
        }
        checks.endIndex(r.offset());
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
    return checks == null
        ? new VerifyReport(file.toString(), header, errors, warnings, 0, 0, 0, 0)
        : new VerifyReport(
            file.toString(),
            header,
            errors,
            warnings,
            checks.directories,
            checks.files,
            checks.removed,
            checks.fileBytes);
  }

  private static List<DirectoryEntry> entries(byte[] validPages) {
    try {
      return DirectoryPages.entries(validPages);
    } catch (DirectoryPages.DirectoryFormatException e) {
      throw new IllegalStateException("validated pages", e);
    }
  }

  private static RecordChecks.Problems collect(List<String> errors, List<String> warnings) {
    return new RecordChecks.Problems() {
      @Override
      public void error(long offset, String problem) {
        add(errors, offset, problem);
      }

      @Override
      public void warning(String problem) {
        warnings.add(problem);
      }
    };
  }

  /** Coda's volume names have at most 31 bytes (V_MAXVOLNAMELEN 32 with the NUL). */
  static final int MAX_VOLUME_NAME = 31;

  /** A warning about a volume name Coda would not have written: empty or too long. */
  static Optional<String> volumeName(String name) {
    if (name.isEmpty()) {
      return Optional.of("the volume name is empty");
    }
    if (name.length() > MAX_VOLUME_NAME) {
      return Optional.of(
          "the volume name is "
              + name.length()
              + " bytes long; Coda's names have at most "
              + MAX_VOLUME_NAME);
    }
    return Optional.empty();
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
