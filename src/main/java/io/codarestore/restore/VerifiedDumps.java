package io.codarestore.restore;

import io.codarestore.catalog.CatalogDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which cache entries of a workspace are verified: checking one reads the whole dump for its
 * CRC-32C, so the answer is kept, and kept between restores and dry runs as long as neither the
 * dump nor its sidecar changed (size, modification time and file key are compared before the answer
 * is reused; a changed or removed file is checked again).
 */
public final class VerifiedDumps {
  private record Stamp(Object dump, Object sidecar) {}

  private record Entry(Stamp stamp, Optional<Path> verified) {}

  private final Workspace workspace;
  private final Map<Path, Entry> entries = new HashMap<>();

  public VerifiedDumps(Workspace workspace) {
    this.workspace = workspace;
  }

  public Workspace workspace() {
    return workspace;
  }

  /** The verified cache file of {@code d}, or empty. */
  public synchronized Optional<Path> of(CatalogDump d) {
    Path p = workspace.cachedDump(d.host(), d.volume(), d.datestamp(), d.level());
    Stamp now = stamp(p);
    Entry e = entries.get(p);
    if (e != null && e.stamp().equals(now)) {
      return e.verified();
    }
    Optional<Path> v;
    try {
      v = workspace.verifiedDump(d.host(), d.volume(), d.datestamp(), d.level());
    } catch (IOException ex) {
      v = Optional.empty();
    }
    entries.put(p, new Entry(now, v));
    return v;
  }

  /** Records a cache file the caller has just verified (its sidecar written). */
  public synchronized void verified(Path dump) {
    entries.put(dump, new Entry(stamp(dump), Optional.of(dump)));
  }

  /** Forgets the cache file and removes it with its sidecar. */
  public synchronized void forget(Path dump) throws IOException {
    entries.remove(dump);
    workspace.forget(dump);
  }

  private static Stamp stamp(Path dump) {
    return new Stamp(attributes(dump), attributes(Workspace.sidecar(dump)));
  }

  private static Object attributes(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return java.util.List.of(
          a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()), a.isRegularFile());
    } catch (IOException e) {
      return "absent";
    }
  }
}
