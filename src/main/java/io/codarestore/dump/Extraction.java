package io.codarestore.dump;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Extracts the file tree of a full (or merged) dump to a directory or a tar file in one streaming
 * pass: the directory index builds the tree ({@link DumpTree}), the file index is streamed straight
 * into the output. Optionally only one file or subtree; optionally the orphans to a directory of
 * their own. Output is written beside the target and renamed into place when complete.
 */
public final class Extraction {
  /** Symlink targets longer than this are not Coda's (its paths are at most 1024 bytes). */
  static final int MAX_LINK_TARGET = 64 * 1024;

  private static final String STAGE = "extract";

  private final ExtractRequest request;

  /** The chosen files or subtrees (normalised); empty for the whole tree. */
  private final List<String> selections;

  private final Cancellation cancel;
  private final List<TreeNotice> notices = new ArrayList<>();
  private long directories;
  private long files;
  private long symlinks;
  private long hardLinks;
  private long bytes;

  /** Whether an incremental holding every directory is extracted (amcoda restore). */
  private boolean wholeDirectoryIncrements;

  /** Receives every path the tree names inside the selection (amcoda restore), or null. */
  private java.util.function.BiConsumer<String, Long> namedPaths;

  private Extraction(ExtractRequest request, Cancellation cancel) {
    this.request = request;
    List<String> chosen = new ArrayList<>();
    for (String p : request.paths()) {
      String n = normalise(p);
      if (n == null) {
        chosen.clear(); // "." or "/" selects the whole tree
        break;
      }
      chosen.add(n);
    }
    this.selections = List.copyOf(chosen);
    this.cancel = cancel;
  }

  /**
   * Extracts {@code dump} as {@code request} says.
   *
   * @throws UserFacingException for an incremental dump, a path the dump lacks, an existing output
   *     without force, a corrupt dump or a failed write; nothing is left at the output then
   */
  public static ExtractReport run(
      Path dump, ExtractRequest request, ProgressListener progress, Cancellation cancel) {
    return new Extraction(request, cancel)
        .extract(dump.toString(), List.of(dump), () -> open(dump), progress);
  }

  /**
   * Extracts the full dump read from {@code dump} (e.g. a merge streamed through a pipe); {@code
   * source} names it in messages.
   */
  public static ExtractReport run(
      java.io.InputStream dump,
      String source,
      ExtractRequest request,
      ProgressListener progress,
      Cancellation cancel) {
    return new Extraction(request, cancel)
        .extract(source, List.of(), () -> new DumpReader(dump, source), progress);
  }

  /**
   * Extracts a dump that may also be an incremental made at a negative level ({@code volutil dump
   * -i -N}: every directory in full, files changed since the base): its files are written, the
   * files it lacks are not. {@code namedPaths} receives every directory and file path (with its
   * fid, {@link Fid#key}) the dump's directories name inside the selection (held or not): what the
   * volume held then.
   */
  public static ExtractReport runWholeDirectoryDump(
      java.io.InputStream dump,
      String source,
      ExtractRequest request,
      java.util.function.BiConsumer<String, Long> namedPaths,
      ProgressListener progress,
      Cancellation cancel) {
    Extraction e = new Extraction(request, cancel);
    e.wholeDirectoryIncrements = true;
    e.namedPaths = namedPaths;
    return e.extract(source, List.of(), () -> new DumpReader(dump, source), progress);
  }

  /** The path of a selection as the tree writes it: no leading "/" or "./", no trailing "/". */
  static String normalise(String path) {
    if (path == null) {
      return null;
    }
    String p = path.strip();
    boolean changed = true;
    while (changed) {
      changed = false;
      if (p.startsWith("/")) {
        p = p.substring(1);
        changed = true;
      } else if (p.startsWith("./")) {
        p = p.substring(2);
        changed = true;
      }
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() || p.equals(".") ? null : p;
  }

  private ExtractReport extract(
      String dump,
      List<Path> inputs,
      java.util.function.Supplier<DumpReader> opener,
      ProgressListener progress) {
    checkOutputsFree(inputs);
    ExtractSink sink = null;
    DirectorySink orphanSink = null;
    try (DumpReader reader = opener.get()) {
      progress.stageStarted(STAGE, reader.size());
      DumpTree tree = DumpTree.readDirectories(reader, cancel, wholeDirectoryIncrements);
      reportNamedPaths(tree);
      checkSelections(dump, tree);
      sink =
          request.format() == ExtractRequest.Format.DIRECTORY
              ? DirectorySink.create(request.output(), request.force())
              : TarSink.create(request.output(), request.force());
      if (request.orphans() != null) {
        orphanSink = DirectorySink.create(request.orphans(), request.force());
      }
      AclFile acls = new AclFile(tree.volume().name());
      for (TreeDirectory d : tree.directories()) {
        if (selected(d.path()) || leadsToSelection(d.path())) {
          sink.directory(d);
          acls.add(d);
          directories++;
        }
      }
      if (orphanSink != null) {
        for (TreeDirectory d : tree.orphanDirectories()) {
          orphanSink.directory(d);
        }
      }
      ExtractSink out = sink;
      DirectorySink orphanOut = orphanSink;
      tree.walkFiles(reader, (f, r) -> visitFile(f, r, out, orphanOut, progress), cancel);
      sink.topFile(DumpTree.ACL_FILE, acls.bytes());
      notices.addAll(acls.problems());
      sink.commit();
      if (orphanSink != null) {
        orphanSink.commit();
      }
      progress.stageFinished(STAGE);
      List<TreeNotice> all = noticesFor(tree);
      return new ExtractReport(
          request.output(),
          directories,
          files,
          symlinks,
          hardLinks,
          bytes,
          tree.orphans(),
          request.orphans(),
          sink.ownersSet(),
          sink.ownersSkipped() + (orphanSink == null ? 0 : orphanSink.ownersSkipped()),
          all);
    } catch (IOException | UncheckedIOException e) {
      abort(sink, orphanSink);
      IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new UserFacingException(
          "extracting " + dump + " to " + request.output() + " failed: " + DirectorySink.reason(io),
          e);
    } catch (RuntimeException | Error e) {
      abort(sink, orphanSink);
      throw e;
    }
  }

  /** The output (and the orphans directory) may be written: free, or --force, and not an input. */
  private void checkOutputsFree(List<Path> inputs) {
    OutputPlace.Kind kind =
        request.format() == ExtractRequest.Format.DIRECTORY
            ? OutputPlace.Kind.DIRECTORY
            : OutputPlace.Kind.FILE;
    OutputPlace.checkFree(request.output(), request.force(), kind, inputs);
    if (request.orphans() != null) {
      OutputPlace.checkFree(request.orphans(), request.force(), OutputPlace.Kind.DIRECTORY, inputs);
      if (request
          .orphans()
          .toAbsolutePath()
          .normalize()
          .equals(request.output().toAbsolutePath().normalize())) {
        throw new UserFacingException("the orphans directory must differ from the output");
      }
    }
  }

  /** Tells {@code namedPaths} every selected path the tree names, held by the dump or not. */
  private void reportNamedPaths(DumpTree tree) {
    if (namedPaths != null) {
      for (TreeDirectory d : tree.directories()) {
        if (selected(d.path())) {
          namedPaths.accept(d.path(), Fid.key(d.record().vnode(), d.record().uniquifier()));
        }
      }
      tree.forEachFileName(
          (p, fid) -> {
            if (selected(p)) {
              namedPaths.accept(p, fid);
            }
          });
    }
  }

  /** Every selection names something in the tree; names can be written on this system. */
  private void checkSelections(String dump, DumpTree tree) {
    for (String selection : selections) {
      if (!tree.contains(selection)) {
        throw new UserFacingException(
            dump
                + " has no "
                + SafeName.escape(selection)
                + " (paths are relative to the volume root; coda-restore ls "
                + dump
                + " lists them)");
      }
    }
    if (request.format() == ExtractRequest.Format.DIRECTORY
        && tree.hasNonAsciiNames()
        && !DirectorySink.utf8FileNames()) {
      throw new UserFacingException(
          dump
              + " has names that are not plain ASCII, but the file-name encoding of this Java"
              + " runtime is "
              + System.getProperty("sun.jnu.encoding")
              + "; run with a UTF-8 locale (e.g. LANG=C.UTF-8) or extract --to-tar");
    }
  }

  /** One file of the walk: to the orphans directory, or under its selected names. */
  private void visitFile(
      TreeFile f,
      DumpReader r,
      ExtractSink out,
      DirectorySink orphanOut,
      ProgressListener progress) {
    progress.progress(STAGE, r.offset(), r.size());
    try {
      if (f.orphan()) {
        if (orphanOut != null) {
          write(orphanOut, f, f.paths(), r, false);
        }
        return;
      }
      List<String> chosen = new ArrayList<>();
      for (String p : f.paths()) {
        if (selected(p)) {
          chosen.add(p);
        }
      }
      if (!chosen.isEmpty()) {
        write(out, f, chosen, r, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tree's notices about what was extracted, then the extraction's own. */
  private List<TreeNotice> noticesFor(DumpTree tree) {
    List<TreeNotice> all = new ArrayList<>();
    for (TreeNotice n : tree.notices()) {
      if (selections.isEmpty()
          || selected(n.path())
          || (request.orphans() != null && !n.path().isEmpty() && isFidPath(n.path()))) {
        all.add(n);
      }
    }
    all.addAll(notices);
    return all;
  }

  private void write(ExtractSink to, TreeFile f, List<String> paths, DumpReader r, boolean count)
      throws IOException {
    VnodeRecord rec = f.record();
    if (f.isSymlink()) {
      if (f.size() > MAX_LINK_TARGET) {
        notices.add(
            new TreeNotice(
                TreeNotice.Kind.BAD_VNODE,
                paths.get(0),
                paths.get(0) + ": symlink target of " + f.size() + " bytes; not extracted"));
        return;
      }
      SafeName target = SafeName.linkTarget(r.smallFileData(MAX_LINK_TARGET));
      if (target.problem() != null) {
        notices.add(
            new TreeNotice(
                target.name().isEmpty() ? TreeNotice.Kind.BAD_VNODE : TreeNotice.Kind.RENAMED,
                paths.get(0),
                "symlink "
                    + SafeName.escape(paths.get(0))
                    + ": target "
                    + target.problem()
                    + (target.name().isEmpty()
                        ? "; not extracted"
                        : "; written as " + SafeName.escape(target.name()))));
        if (target.name().isEmpty()) {
          return;
        }
      }
      for (String p : paths) {
        to.symlink(p, rec, target.name());
        if (count) {
          symlinks++;
        }
      }
      return;
    }
    to.file(paths.get(0), rec, f.size(), o -> r.copyPayload(new Cancellable(o, cancel)));
    if (count) {
      files++;
      bytes += f.size();
    }
    for (int i = 1; i < paths.size(); i++) {
      to.hardLink(paths.get(i), paths.get(0), rec);
      if (count) {
        hardLinks++;
      }
    }
  }

  private boolean selected(String path) {
    if (selections.isEmpty()) {
      return true;
    }
    for (String s : selections) {
      if (path.equals(s) || path.startsWith(s + "/")) {
        return true;
      }
    }
    return false;
  }

  /** The root and every directory on the way to the selection. */
  private boolean leadsToSelection(String path) {
    if (selections.isEmpty()) {
      return false;
    }
    if (TreeDirectory.ROOT.equals(path)) {
      return true;
    }
    for (String s : selections) {
      if (s.startsWith(path + "/")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFidPath(String path) {
    int slash = path.indexOf('/');
    String first = slash < 0 ? path : path.substring(0, slash);
    return first.matches("[0-9]+\\.[0-9]+");
  }

  private static void abort(ExtractSink sink, ExtractSink orphans) {
    if (sink != null) {
      sink.abort();
    }
    if (orphans != null) {
      orphans.abort();
    }
  }

  static DumpReader open(Path dump) {
    if (java.nio.file.Files.isDirectory(dump)) {
      throw new UserFacingException(dump + ": is a directory, not a dump file");
    }
    try {
      return DumpReader.open(dump);
    } catch (NoSuchFileException e) {
      throw new UserFacingException(dump + ": no such file", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new UserFacingException(dump + ": permission denied", e);
    } catch (IOException e) {
      throw new UserFacingException("cannot read " + dump + ": " + DirectorySink.reason(e), e);
    }
  }

  /** Checks for cancellation while file data is copied, block by block. */
  private static final class Cancellable extends FilterOutputStream {
    private final Cancellation cancel;

    Cancellable(OutputStream out, Cancellation cancel) {
      super(out);
      this.cancel = cancel;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      cancel.check();
      out.write(b, off, len);
    }
  }
}
