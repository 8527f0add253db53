package io.codarestore.index;

import io.codarestore.catalog.IndexedEntry;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.DumpReader;
import io.codarestore.dump.VnodeType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The new directory a path restore writes: built under a temporary name beside it and renamed into
 * place only when complete, so a failed or cancelled restore leaves nothing that looks finished. No
 * name leaves the directory: every path component is checked, and nothing is written through a
 * symbolic link.
 */
final class RestoreOutput implements AutoCloseable {
  private static final int MAX_LINK_TARGET = 4096;
  private final Path target;
  private final Path temp;
  private boolean finished;

  private RestoreOutput(Path target, Path temp) {
    this.target = target;
    this.temp = temp;
  }

  static RestoreOutput create(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      throw new UserFacingException(dir + " exists already; give a new directory to restore into");
    }
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".partial-");
    return new RestoreOutput(abs, temp);
  }

  /** Where a volume path goes, checked to stay inside the output. */
  Path place(String path) {
    if (path.equals(".")) {
      return temp;
    }
    for (String c : path.split("/", -1)) {
      if (c.isEmpty() || c.equals(".") || c.equals("..")) {
        throw new UserFacingException("refusing the path '" + path + "': it would leave " + target);
      }
    }
    Path p = temp.resolve(path).normalize();
    if (!p.startsWith(temp)) {
      throw new UserFacingException("refusing the path '" + path + "': it would leave " + target);
    }
    return p;
  }

  void directory(IndexedEntry e) throws IOException {
    Path p = place(e.path());
    Files.createDirectories(p);
  }

  /** Writes the current vnode's data for its first name; further names get a copy. */
  void file(List<IndexedEntry> names, DumpReader r) {
    try {
      IndexedEntry first = names.get(0);
      Path p = place(first.path());
      Files.createDirectories(p.getParent());
      if (first.type() == VnodeType.SYMLINK) {
        String to = new String(r.smallFileData(MAX_LINK_TARGET), StandardCharsets.UTF_8);
        for (IndexedEntry e : names) {
          Path q = place(e.path());
          Files.createDirectories(q.getParent());
          Files.createSymbolicLink(q, Path.of(to));
        }
        return;
      }
      try (OutputStream out =
          Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS)) {
        r.copyPayload(out);
      }
      attributes(p, first);
      for (IndexedEntry e : names.subList(1, names.size())) {
        Path q = place(e.path());
        Files.createDirectories(q.getParent());
        Files.copy(p, q, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      }
    } catch (FileAlreadyExistsException e) {
      throw new UserFacingException("two names of the restore are the same file: " + e.getFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void attributes(Path p, IndexedEntry e) throws IOException {
    if (e.mode() >= 0) {
      Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
      PosixFilePermission[] order = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ
      };
      for (int i = 0; i < order.length; i++) {
        if ((e.mode() & (1 << i)) != 0) {
          perms.add(order[i]);
        }
      }
      perms.add(PosixFilePermission.OWNER_WRITE); // until finish; directories need it to fill
      Files.setPosixFilePermissions(p, perms);
    }
    if (e.mtime() >= 0) {
      Files.setLastModifiedTime(p, FileTime.fromMillis(e.mtime() * 1000));
    }
  }

  /** Sets the directories' times and the modes, then moves the output into place. */
  void finish(List<IndexedEntry> chosen) throws IOException {
    for (IndexedEntry e : chosen) {
      if (e.type() == VnodeType.FILE && e.mode() >= 0 && (e.mode() & 0200) == 0) {
        Path p = place(e.path());
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        perms.remove(PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(p, perms);
      }
    }
    for (IndexedEntry e : chosen) {
      if (e.isDirectory() && e.mtime() >= 0) {
        Files.setLastModifiedTime(place(e.path()), FileTime.fromMillis(e.mtime() * 1000));
      }
    }
    Files.setPosixFilePermissions(
        temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    finished = true;
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      try (Stream<Path> all = Files.walk(temp)) {
        for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
