package io.codarestore.dump;

import io.codarestore.core.TempOutputs;
import io.codarestore.core.UserFacingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes an extracted tree into a temporary directory beside the target, then renames it into
 * place. Every object is created new (never opening an existing one, never through a symlink);
 * directories get their mode, owner and mtime after their contents are complete. Owners are set
 * only when running as root; otherwise they are counted.
 */
final class DirectorySink implements ExtractSink {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final Path target;
  private final boolean force;
  private final Path temp;
  private final boolean root;
  private final int umask;
  private final List<Pending> directories = new ArrayList<>();
  private long ownersSkipped;

  private record Pending(Path path, VnodeRecord record) {}

  private DirectorySink(Path target, boolean force, Path temp, boolean root, int umask) {
    this.target = target;
    this.force = force;
    this.temp = temp;
    this.root = root;
    this.umask = umask;
  }

  /** Creates the temporary directory beside {@code target}. */
  static DirectorySink create(Path target, boolean force) throws IOException {
    OutputPlace.checkFree(target, force, OutputPlace.Kind.DIRECTORY, java.util.List.of());
    Path temp = TempOutputs.createDirectory(target);
    boolean root;
    try {
      root = ((Integer) Files.getAttribute(temp, "unix:uid", NOFOLLOW)) == 0;
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      root = false;
    }
    return new DirectorySink(target, force, temp, root, umask(temp));
  }

  /**
   * The process's umask, seen on a probe file created with all permissions. A file whose mode the
   * umask leaves whole is created with it, which spares an open and a chmod per file.
   */
  private static int umask(Path dir) throws IOException {
    Path probe = dir.resolve(".umask-probe");
    try {
      Files.createFile(
          probe, PosixFilePermissions.asFileAttribute(EnumSet.allOf(PosixFilePermission.class)));
      return ~((Integer) Files.getAttribute(probe, "unix:mode", NOFOLLOW)) & 0777;
    } catch (UnsupportedOperationException e) {
      return 0777;
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /** True when the local file system takes any UTF-8 name (the JVM's file-name encoding). */
  static boolean utf8FileNames() {
    String enc = System.getProperty("sun.jnu.encoding", "UTF-8");
    return enc.equalsIgnoreCase("UTF-8") || enc.equalsIgnoreCase("UTF8");
  }

  Path temp() {
    return temp;
  }

  @Override
  public void directory(TreeDirectory d) throws IOException {
    Path p = resolve(d.path());
    if (!d.isRoot()) {
      Files.createDirectory(p);
    }
    directories.add(new Pending(p, d.record()));
  }

  @Override
  public void file(String path, VnodeRecord r, long size, FileData data) throws IOException {
    Path p = resolve(path);
    int mode = r.mode() & 07777;
    // Created with its final mode only when the owner may read it: setting the time opens the
    // file, so a mode such as 0000, 0111 or 0200 is set after the time (finish).
    boolean exact = (mode & 07000) == 0 && (mode & umask) == 0 && (mode & 0400) != 0;
    Set<PosixFilePermission> perms =
        exact
            ? PosixFilePermissions.fromString(rwx(mode))
            : EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    // The data arrives in blocks of up to 64 KiB: no buffer of our own needed.
    try (OutputStream out =
        Channels.newOutputStream(
            Files.newByteChannel(
                p,
                Set.<OpenOption>of(
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW),
                PosixFilePermissions.asFileAttribute(perms)))) {
      data.copyTo(out);
    }
    finish(p, r, !exact);
  }

  private static String rwx(int mode) {
    StringBuilder b = new StringBuilder(9);
    String letters = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      b.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
    }
    return b.toString();
  }

  @Override
  public void hardLink(String path, String first, VnodeRecord r) throws IOException {
    Files.createLink(resolve(path), resolve(first));
  }

  @Override
  public void symlink(String path, VnodeRecord r, String target) throws IOException {
    Path p = resolve(path);
    Path t;
    try {
      t = p.getFileSystem().getPath(target);
    } catch (InvalidPathException e) {
      throw encodingProblem(target, e);
    }
    Files.createSymbolicLink(p, t);
    finish(p, r, false);
  }

  @Override
  public void topFile(String name, byte[] data) throws IOException {
    Path p = resolve(name);
    try (OutputStream out =
        Files.newOutputStream(
            p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW)) {
      out.write(data);
    }
    Files.setAttribute(p, "unix:mode", 0600, NOFOLLOW);
  }

  @Override
  public long ownersSkipped() {
    return ownersSkipped;
  }

  @Override
  public boolean ownersSet() {
    return root;
  }

  @Override
  public void commit() throws IOException {
    for (int i = directories.size() - 1; i >= 0; i--) {
      Pending d = directories.get(i);
      finish(d.path(), d.record(), true);
    }
    OutputPlace.moveIntoPlace(temp, target, force);
  }

  @Override
  public void abort() {
    OutputPlace.discard(temp);
  }

  /**
   * Owner (as root), mtime, then mode: chown clears set-id bits, and a mode such as 0000 would keep
   * even the owner from opening the object to set its time. Never through a link.
   */
  private void finish(Path p, VnodeRecord r, boolean setMode) throws IOException {
    if (root) {
      Files.setAttribute(p, "unix:uid", r.owner(), NOFOLLOW);
    } else {
      ownersSkipped++;
    }
    FileTime t = FileTime.fromMillis(r.modifyTimeUnsigned() * 1000L);
    // atime as well: leaving it out costs a stat per object to read the old one
    Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(t, t, null);
    if (setMode) {
      Files.setAttribute(p, "unix:mode", r.mode() & 07777, NOFOLLOW);
    }
  }

  /** A tree path below the temporary directory; every component was made safe by the tree. */
  private Path resolve(String path) {
    if (TreeDirectory.ROOT.equals(path)) {
      return temp;
    }
    Path p = temp;
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\0') >= 0) {
        throw new IllegalStateException("unsafe path component in " + SafeName.escape(path));
      }
      try {
        p = p.resolve(part);
      } catch (InvalidPathException e) {
        throw encodingProblem(path, e);
      }
    }
    if (!p.normalize().startsWith(temp)) {
      throw new IllegalStateException("path escapes the target: " + SafeName.escape(path));
    }
    return p;
  }

  private static UserFacingException encodingProblem(String name, InvalidPathException e) {
    return new UserFacingException(
        "cannot create "
            + SafeName.escape(name)
            + ": the file-name encoding of this Java runtime is "
            + System.getProperty("sun.jnu.encoding")
            + "; run with a UTF-8 locale (e.g. LANG=C.UTF-8) or extract --to-tar",
        e);
  }

  /** A readable reason for a failed file-system call. */
  static String reason(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    return e.toString();
  }
}
