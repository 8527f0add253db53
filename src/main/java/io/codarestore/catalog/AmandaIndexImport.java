package io.codarestore.catalog;

import io.codarestore.amanda.LineProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Imports Amanda's index files ({@code <indexdir>/<host>/<disk>/<datestamp>_<level>-*}, gzipped or
 * not, sorted or unsorted; spec amanda-application.md §2) for the dumps the catalog knows: paths
 * only, one line each, directories ending in {@code /}. A file already imported with the same size
 * and time is skipped; a file that cannot be read whole is reported and left out, the rest
 * imported.
 */
final class AmandaIndexImport {
  /** What an import of index files did. */
  record Result(int read, int unchanged, List<LineProblem> problems) {}

  private final Catalog catalog;
  private final FileIndexStore store;
  private final List<LineProblem> problems = new ArrayList<>();
  private int read;
  private int unchanged;

  AmandaIndexImport(Catalog catalog) {
    this.catalog = catalog;
    this.store = catalog.fileIndex();
  }

  Result run(Path indexdir) {
    if (indexdir == null || !Files.isDirectory(indexdir)) {
      return new Result(0, 0, List.of());
    }
    for (CatalogVolume v : catalog.volumes(null)) {
      Path dir =
          indexdir
              .resolve(CatalogImporter.sanitise(v.host()))
              .resolve(CatalogImporter.sanitise(v.volume()));
      if (!Files.isDirectory(dir)) {
        continue;
      }
      Map<String, Path> files = indexFiles(dir);
      for (CatalogDumpSummary d : catalog.dumpSummaries(v)) {
        Path f = files.get(d.datestamp() + "_" + d.level());
        if (f != null) {
          importFile(v, d, f);
        }
      }
    }
    return new Result(read, unchanged, problems);
  }

  /** The index file of each dump ({@code DATESTAMP_LEVEL}), a sorted one preferred. */
  private Map<String, Path> indexFiles(Path dir) {
    Map<String, Path> out = new HashMap<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.endsWith(".header") || name.endsWith(".tmp") || !Files.isRegularFile(p)) {
          continue;
        }
        int dash = name.indexOf('-');
        String key = dash > 0 ? name.substring(0, dash) : name.replaceFirst("\\.gz$", "");
        if (!key.matches("[0-9]{8}([0-9]{6})?_[0-9]{1,2}")) {
          continue;
        }
        Path had = out.get(key);
        if (had == null || !had.getFileName().toString().contains("-sorted")) {
          out.put(key, p);
        }
      }
    } catch (IOException e) {
      problems.add(new LineProblem(dir.toString(), 0, "cannot list the index directory: " + e));
    }
    return out;
  }

  private void importFile(CatalogVolume v, CatalogDumpSummary d, Path f) {
    long size;
    long mtime;
    try {
      size = Files.size(f);
      mtime = Files.getLastModifiedTime(f).toMillis();
    } catch (IOException e) {
      problems.add(new LineProblem(f.toString(), 0, "cannot read: " + e.getMessage()));
      return;
    }
    if (store.amandaIndexed(v.id(), d.datestamp(), d.level(), f.toString(), size, mtime)) {
      unchanged++;
      return;
    }
    Map<String, Boolean> paths;
    try {
      paths = readPaths(f);
    } catch (IOException e) {
      problems.add(
          new LineProblem(
              f.toString(), 0, "not imported: cannot be read whole (" + e.getMessage() + ")"));
      return;
    }
    store.addAmandaSnapshot(v.id(), d.datestamp(), d.level(), f.toString(), size, mtime, paths);
    read++;
  }

  /** Relative path to "is a directory", parents included; bad lines are reported and skipped. */
  private Map<String, Boolean> readPaths(Path f) throws IOException {
    Map<String, Boolean> out = new LinkedHashMap<>();
    out.put(".", true);
    try (InputStream raw = Files.newInputStream(f);
        InputStream in =
            f.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isEmpty()) {
          continue;
        }
        String problem = add(out, line);
        if (problem != null) {
          problems.add(new LineProblem(f.toString(), n, problem));
        }
      }
    }
    return out;
  }

  private static String add(Map<String, Boolean> out, String line) {
    if (!line.startsWith("/")) {
      return "not a path (does not start with /): ignored";
    }
    if (line.equals("/")) {
      return null;
    }
    boolean dir = line.endsWith("/");
    String rel = line.substring(1, dir ? line.length() - 1 : line.length());
    if (rel.isEmpty()) {
      return null;
    }
    String[] parts = rel.split("/", -1);
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      // Amanda's index lines are escaped (backslash, control characters as octal): undone per name
      String c = io.codarestore.dump.DumpIndex.unescape(parts[i]);
      if (c.isEmpty() || c.equals(".") || c.equals("..") || c.indexOf('\0') >= 0) {
        return "path with an empty, '.' or '..' component: ignored";
      }
      if (p.length() > 0) {
        p.append('/');
      }
      p.append(c);
      boolean isDir = i < parts.length - 1 || dir;
      out.merge(p.toString(), isDir, (a, b) -> a || b);
    }
    return null;
  }
}
