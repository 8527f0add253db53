package io.codarestore.catalog;

import io.codarestore.amanda.LineProblem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Amanda's log directory as an import sees it: the run logs in it and in its {@code oldlog/}. */
final class LogDirectory {
  private static final Pattern RUN_LOG = Pattern.compile("log\\.(\\d{8}|\\d{14})\\.\\d+");

  /** One run log on disk: its name, its path relative to the log directory, size and mtime. */
  record LogFileOnDisk(String name, String relPath, Path path, long size, long mtimeMs) {}

  private final List<LineProblem> problems;
  private int ignored;

  private LogDirectory(List<LineProblem> problems) {
    this.problems = problems;
  }

  /** What {@link #scan} found: the run logs by file name and how many could not be read. */
  record Scan(Map<String, LogFileOnDisk> logs, int ignored) {}

  /**
   * Run logs in logdir and logdir/oldlog, by file name; logdir wins over oldlog. Files that cannot
   * be listed or read are added to {@code problems}.
   */
  static Scan scan(Path logdir, List<LineProblem> problems) {
    LogDirectory d = new LogDirectory(problems);
    Map<String, LogFileOnDisk> out = new LinkedHashMap<>();
    d.scanDir(logdir.resolve("oldlog"), "oldlog/", out);
    Map<String, LogFileOnDisk> top = new LinkedHashMap<>();
    d.scanDir(logdir, "", top);
    for (LogFileOnDisk f : top.values()) {
      if (out.containsKey(f.name())) {
        problems.add(
            new LineProblem(
                "oldlog/" + f.name(), 0, "also present in the log directory; that copy is used"));
      }
      out.put(f.name(), f);
    }
    return new Scan(out, d.ignored);
  }

  private void scanDir(Path dir, String prefix, Map<String, LogFileOnDisk> out) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        entries.add(p);
      }
    } catch (IOException e) {
      problems.add(new LineProblem(dir.toString(), 0, "cannot list: " + e.getMessage()));
      return;
    }
    entries.sort(null);
    for (Path p : entries) {
      String name = p.getFileName().toString();
      if (!RUN_LOG.matcher(name).matches()) {
        continue; // amdump.*, the "log" symlink, oldlog/, lock files: not run logs.
      }
      try {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        if (!a.isRegularFile()) {
          continue;
        }
        out.put(
            name,
            new LogFileOnDisk(name, prefix + name, p, a.size(), a.lastModifiedTime().toMillis()));
      } catch (IOException e) {
        problems.add(new LineProblem(prefix + name, 0, "cannot read: " + e.getMessage()));
        ignored++;
      }
    }
  }
}
