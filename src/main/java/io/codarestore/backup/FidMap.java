package io.codarestore.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which file (fid) each restored path holds, kept in {@value #FILE} at the top of a restore target
 * between the runs of one chain. A directory moved after the full dump keeps its unchanged files'
 * data in the older dumps under the old path; with this map an incremental's run moves them from
 * where an earlier run put them to where the dump's directories now name them.
 */
final class FidMap {
  /** The file at the top of the target (tab-separated fid key and path per line). */
  static final String FILE = ".amcoda-fids";

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final Map<String, Long> byPath;

  private FidMap(Map<String, Long> byPath) {
    this.byPath = byPath;
  }

  static FidMap read(Path top) throws IOException {
    Map<String, Long> m = new HashMap<>();
    Path f = top.resolve(FILE);
    if (Files.isRegularFile(f, NOFOLLOW)) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        int tab = line.indexOf('\t');
        if (tab > 0 && line.substring(0, tab).matches("-?\\d{1,20}")) {
          String path = line.substring(tab + 1);
          if (safe(path)) {
            m.put(path, Long.parseLong(line.substring(0, tab)));
          }
        }
      }
    }
    return new FidMap(m);
  }

  /** A relative path that stays inside the target. */
  private static boolean safe(String path) {
    if (path.isEmpty() || path.startsWith("/")) {
      return false;
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Moves each file the dump names (path to fid) but that is not in place from the path where an
   * earlier run restored the same fid, when that path is not named by this dump any more.
   */
  void moveRenamed(Path top, Map<String, Long> named) throws IOException {
    Map<Long, List<String>> byFid = new HashMap<>();
    byPath.forEach((p, fid) -> byFid.computeIfAbsent(fid, k -> new ArrayList<>()).add(p));
    for (Map.Entry<String, Long> e : named.entrySet()) {
      Path want = top.resolve(e.getKey());
      if (e.getKey().equals(".") || Files.exists(want, NOFOLLOW)) {
        continue;
      }
      for (String old : byFid.getOrDefault(e.getValue(), List.of())) {
        Path from = top.resolve(old);
        if (!named.containsKey(old)
            && Files.exists(from, NOFOLLOW)
            && !Files.isDirectory(from, NOFOLLOW)
            && Files.isDirectory(want.getParent(), NOFOLLOW)) {
          java.nio.file.attribute.FileTime time =
              Files.getLastModifiedTime(want.getParent(), NOFOLLOW);
          Files.move(from, want);
          Files.setLastModifiedTime(want.getParent(), time); // the dump's time, not the move's
          break;
        }
      }
    }
  }

  /** Records what this run named, drops paths that are gone, and writes the file. */
  void update(Path top, Map<String, Long> named) throws IOException {
    byPath.putAll(named);
    byPath.remove(".");
    byPath.keySet().removeIf(p -> !Files.exists(top.resolve(p), NOFOLLOW));
    StringBuilder b = new StringBuilder();
    byPath.forEach((p, fid) -> b.append(fid).append('\t').append(p).append('\n'));
    Path tmp = Files.createTempFile(top, FILE, ".tmp");
    Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
    Files.move(
        tmp,
        top.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
