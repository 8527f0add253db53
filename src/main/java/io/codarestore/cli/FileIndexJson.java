package io.codarestore.cli;

import io.codarestore.catalog.IndexedEntry;
import io.codarestore.index.FileQueries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of {@code files}, {@code find} and {@code versions} (issue 13). */
final class FileIndexJson {
  private FileIndexJson() {}

  /**
   * {@code {"restorePoint", "source", "entries": [...]}}, the entries with {@code ls --json}'s
   * fields; what the index does not know (owner, symlink targets; with Amanda's index only also
   * size, mode, mtime, fid) is null.
   */
  static Map<String, Object> files(FileQueries.Files f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("restorePoint", JsonViews.digits(f.restorePoint()));
    m.put("source", f.source());
    List<Object> entries = new ArrayList<>();
    Map<String, String> fidOf = new HashMap<>();
    Map<String, String> firstPathOfFid = new HashMap<>();
    for (IndexedEntry e : f.entries()) {
      String fid = fid(e);
      fidOf.put(e.path(), fid);
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("path", e.path());
      n.put("name", e.name());
      n.put("type", e.typeName());
      n.put("mode", e.modeOctal());
      n.put("size", e.size() < 0 ? null : e.size());
      n.put("mtime", e.mtime() < 0 ? null : e.mtime());
      n.put("owner", e.owner() < 0 ? null : e.owner());
      n.put("fid", fid);
      int slash = e.path().lastIndexOf('/');
      n.put(
          "parent",
          e.path().equals(".") ? null : fidOf.get(slash < 0 ? "." : e.path().substring(0, slash)));
      n.put("target", e.target());
      String first =
          fid == null || e.isDirectory() ? null : firstPathOfFid.putIfAbsent(fid, e.path());
      n.put("hardLinkTo", e.typeName().equals("file") ? first : null);
      entries.add(n);
    }
    m.put("entries", entries);
    return m;
  }

  static String fid(IndexedEntry e) {
    return e.vnode() < 0 ? null : e.vnode() + "." + e.uniquifier();
  }

  /** {@code {"path", "versions": [{"from", "until", "level", "size", "mtime", ...}]}}. */
  static Map<String, Object> versions(String path, List<FileQueries.Version> versions) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    List<Object> list = new ArrayList<>();
    for (FileQueries.Version v : versions) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("from", JsonViews.digits(v.from()));
      n.put("until", JsonViews.digits(v.until()));
      n.put("level", v.level());
      n.put("size", v.entry().size());
      n.put("mtime", v.entry().mtime());
      n.put("restorable", v.restorable());
      n.put("restorePoint", v.restorePoint());
      list.add(n);
    }
    m.put("versions", list);
    return m;
  }

  /** {@code {"pattern", "matches": [{"host", "volume", "path", "type", "source", "existed"}]}}. */
  static Map<String, Object> find(String pattern, List<FileQueries.Found> found) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pattern", pattern);
    List<Object> list = new ArrayList<>();
    for (FileQueries.Found f : found) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("host", f.host());
      n.put("volume", f.volume());
      n.put("path", f.path());
      n.put("type", f.type());
      n.put("source", f.source());
      List<Object> spans = new ArrayList<>();
      for (FileQueries.Span s : f.existed()) {
        Map<String, Object> sp = new LinkedHashMap<>();
        sp.put("from", JsonViews.digits(s.from()));
        sp.put("lastSeen", JsonViews.digits(s.lastSeen()));
        sp.put("until", JsonViews.digits(s.until()));
        spans.add(sp);
      }
      n.put("existed", spans);
      list.add(n);
    }
    m.put("matches", list);
    return m;
  }
}
