package io.codarestore.backup;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.TempOutputs;
import io.codarestore.dump.DumpTree;
import io.codarestore.dump.ExtractReport;
import io.codarestore.dump.ExtractRequest;
import io.codarestore.dump.Extraction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * amrecover's restore: one run per dump of the chain, oldest first, each adding its files to the
 * same directory. A run extracts the chosen paths of its dump (a full dump, or an incremental made
 * at a negative level, which holds every directory) with {@link Extraction}'s safety into a staging
 * directory inside the target, moves them into place, and for an incremental removes what the
 * dump's directories no longer name inside the restored directories: after the last run the tree
 * equals the volume as of that dump.
 */
public final class TreeRestore {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private TreeRestore() {}

  /**
   * What a run did.
   *
   * @param missing paths the dump's directories name inside the restored paths that neither this
   *     run nor an earlier one restored (a directory moved after the chain's full dump: its
   *     unchanged files are in older dumps under the old path, which amrecover does not ask for)
   */
  public record Result(ExtractReport extracted, long removed, List<String> missing) {}

  /**
   * Restores {@code paths} (volume-relative; "." or empty for everything) of the dump read from
   * {@code dump} into {@code target}.
   */
  public static Result run(
      InputStream dump, String source, Path target, List<String> paths, Cancellation cancel)
      throws IOException {
    java.io.BufferedInputStream in = new java.io.BufferedInputStream(dump, 1 << 16);
    in.mark(1 << 20);
    boolean incremental = io.codarestore.dump.DumpHeader.read(in, source).isIncremental();
    in.reset();
    Path top = target.toAbsolutePath().normalize();
    Files.createDirectories(top);
    Path staging = Files.createTempDirectory(top, ".amcoda-restore-");
    java.nio.file.attribute.FileTime rootTime = null;
    Result result;
    try {
      java.util.Map<String, Long> named = new java.util.HashMap<>();
      Path tree = staging.resolve("tree");
      ExtractRequest request =
          new ExtractRequest(ExtractRequest.Format.DIRECTORY, tree, paths, false, null);
      ExtractReport report =
          Extraction.runWholeDirectoryDump(
              in, source, request, named::put, ProgressListener.NONE, cancel);
      rootTime = Files.getLastModifiedTime(tree, NOFOLLOW);
      moveInto(tree, top);
      FidMap fids = FidMap.read(top);
      if (incremental) {
        fids.moveRenamed(top, named);
      }
      long removed = incremental ? removeUnnamed(top, named.keySet()) : 0;
      fids.update(top, named);
      List<String> missing = new ArrayList<>();
      for (String p : named.keySet()) {
        if (!p.equals(".") && !Files.exists(top.resolve(p), NOFOLLOW)) {
          missing.add(p);
        }
      }
      java.util.Collections.sort(missing);
      result = new Result(report, removed, missing);
    } finally {
      TempOutputs.removeTree(staging);
    }
    if (paths.isEmpty() || paths.contains(".")) {
      Files.setLastModifiedTime(top, rootTime); // the volume root's time, as extract writes it
    }
    return result;
  }

  /** Moves every entry of {@code from} into {@code to}, directories merged, others replaced. */
  private static void moveInto(Path from, Path to) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(from)) {
      ds.forEach(entries::add);
    }
    for (Path src : entries) {
      Path dst = to.resolve(src.getFileName().toString());
      if (Files.isDirectory(src, NOFOLLOW)) {
        if (Files.exists(dst, NOFOLLOW) && !Files.isDirectory(dst, NOFOLLOW)) {
          Files.delete(dst); // a file or a symlink where the volume now has a directory
        }
        if (!Files.exists(dst, NOFOLLOW)) {
          Files.move(src, dst);
          continue;
        }
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(src, NOFOLLOW);
        moveInto(src, dst);
        Files.setLastModifiedTime(dst, time);
      } else {
        if (Files.isDirectory(dst, NOFOLLOW)) {
          TempOutputs.removeTree(
              dst); // the volume now has a file where an earlier dump had a directory
        }
        Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /**
   * Removes, inside each restored directory, what the dump's directories do not name (deleted since
   * an earlier dump of the chain). The ACL file at the top is the extraction's own.
   */
  private static long removeUnnamed(Path top, Set<String> named) throws IOException {
    long removed = 0;
    for (String dir : named) {
      Path d = dir.equals(".") ? top : top.resolve(dir);
      if (!Files.isDirectory(d, NOFOLLOW)) {
        continue;
      }
      List<Path> children;
      try (Stream<Path> s = Files.list(d)) {
        children = s.toList();
      }
      java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(d, NOFOLLOW);
      long before = removed;
      for (Path c : children) {
        String rel = top.relativize(c).toString();
        if (named.contains(rel)
            || (d.equals(top) && (rel.equals(DumpTree.ACL_FILE) || rel.equals(FidMap.FILE)))) {
          continue;
        }
        if (d.equals(top) && rel.startsWith(".amcoda-restore-")) {
          continue;
        }
        TempOutputs.removeTree(c);
        removed++;
      }
      if (removed > before) {
        Files.setLastModifiedTime(d, time); // the volume's time, not the removal's
      }
    }
    return removed;
  }
}
