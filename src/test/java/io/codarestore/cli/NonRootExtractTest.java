package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.core.ExternalProgram;
import io.codarestore.dump.CraftedDump;
import io.codarestore.dump.DirectoryPagesBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extract --to-dir} by a user who is not root, really run as one: the command runs in a
 * child JVM under {@code setpriv} (or {@code runuser}) as {@code nobody}, since root ignores the
 * permissions this is about. Files whose mode lacks owner-read (0000, 0111, 0200) and directories
 * without write or read permission that hold content (0500, 0100) are extracted with their mode and
 * mtime; so is a replacement with --force of such a tree.
 */
class NonRootExtractTest {
  @TempDir Path tmp;
  private Path dump;
  private Path out;
  private String classpath;

  record Obj(String path, int mode, int mtime) {}

  static final List<Obj> TREE =
      List.of(
          new Obj("f0000", 0000, 1_600_000_001),
          new Obj("f0111", 0111, 1_600_000_002),
          new Obj("f0200", 0200, 1_600_000_003),
          new Obj("f0644", 0644, 1_600_000_004),
          new Obj("ro", 0500, 1_650_000_001),
          new Obj("ro/inner.txt", 0444, 1_600_000_005),
          new Obj("ro/sub", 0500, 1_650_000_002),
          new Obj("ro/sub/deep", 0000, 1_600_000_006),
          new Obj("x", 0100, 1_650_000_003),
          new Obj("x/hidden", 0600, 1_600_000_007));

  @BeforeEach
  void setUp() throws Exception {
    Path work = Files.createDirectory(tmp.resolve("work"));
    if (LocalTreeCheck.root()) {
      assumeTrue(runAs(List.of()) != null, "running as root and no setpriv or runuser");
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
      classpath = stageClasspath(tmp.resolve("cp"));
      UserPrincipal nobody =
          work.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(work, nobody);
    } else {
      classpath = System.getProperty("java.class.path"); // not root already: run as we are
    }
    out = work.resolve("out");
    dump = craft(tmp.resolve("v.dump"));
  }

  static Path craft(Path file) throws IOException {
    byte[] root =
        DirectoryPagesBuilder.directory(1, 1, 1, 1)
            .add("f0000", 2, 2)
            .add("f0111", 4, 3)
            .add("f0200", 6, 4)
            .add("f0644", 8, 5)
            .add("ro", 3, 6)
            .add("x", 7, 8)
            .build();
    byte[] ro =
        DirectoryPagesBuilder.directory(3, 6, 1, 1)
            .add("inner.txt", 10, 9)
            .add("sub", 5, 7)
            .build();
    byte[] sub = DirectoryPagesBuilder.directory(5, 7, 3, 6).add("deep", 12, 10).build();
    byte[] x = DirectoryPagesBuilder.directory(7, 8, 1, 1).add("hidden", 14, 11).build();
    byte[] d = "data".getBytes(StandardCharsets.US_ASCII);
    Map<String, Obj> t = new java.util.HashMap<>();
    TREE.forEach(o -> t.put(o.path(), o));
    return new CraftedDump()
        .dir(1, 1, 0, 0, 0755, 1_700_000_000, root)
        .dir(3, 6, 1, 1, t.get("ro").mode(), t.get("ro").mtime(), ro)
        .dir(5, 7, 3, 6, t.get("ro/sub").mode(), t.get("ro/sub").mtime(), sub)
        .dir(7, 8, 1, 1, t.get("x").mode(), t.get("x").mtime(), x)
        .file(2, 2, 1, 1, t.get("f0000").mode(), t.get("f0000").mtime(), d)
        .file(4, 3, 1, 1, t.get("f0111").mode(), t.get("f0111").mtime(), d)
        .file(6, 4, 1, 1, t.get("f0200").mode(), t.get("f0200").mtime(), d)
        .file(8, 5, 1, 1, t.get("f0644").mode(), t.get("f0644").mtime(), d)
        .file(10, 9, 3, 6, t.get("ro/inner.txt").mode(), t.get("ro/inner.txt").mtime(), d)
        .file(12, 10, 5, 7, t.get("ro/sub/deep").mode(), t.get("ro/sub/deep").mtime(), d)
        .file(14, 11, 7, 8, t.get("x/hidden").mode(), t.get("x/hidden").mtime(), d)
        .write(file);
  }

  @Test
  void modesWithoutOwnerReadAndLockedDirectoriesAreExtractedWithTheirTimes() throws Exception {
    ExternalProgram.Result r = extract();
    assertThat(r.exitStatus()).as(String.join("\n", r.stderr())).isZero();
    assertThat(String.join("\n", r.stderr())).doesNotContain("Exception");
    assertThat(String.join("\n", r.stdout())).contains("owners not set on");
    assertTree();
    assertThat(siblings()).containsExactly("out");
    if (LocalTreeCheck.root()) {
      assertThat(Files.getOwner(out).getName()).isEqualTo("nobody"); // it really ran as nobody
    }

    // and again over the first result, which nobody may not even look into
    ExternalProgram.Result again = extract("--force");
    assertThat(again.exitStatus()).as(String.join("\n", again.stderr())).isZero();
    assertTree();
    assertThat(siblings()).containsExactly("out");
  }

  private ExternalProgram.Result extract(String... more) {
    List<String> args = new ArrayList<>(List.of(javaBin(), "-cp", classpath));
    args.add("io.codarestore.Launcher");
    args.addAll(List.of("extract", "--to-dir", out.toString()));
    args.addAll(List.of(more));
    args.add(dump.toString());
    return ExternalProgram.of(runAs(args)).timeout(Duration.ofMinutes(2)).run();
  }

  private void assertTree() throws IOException {
    for (Obj o : TREE) {
      Path p = out.resolve(o.path());
      int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
      assertThat(Integer.toOctalString(mode))
          .as(o.path())
          .isEqualTo(Integer.toOctalString(o.mode()));
      assertThat(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS))
          .as(o.path() + " mtime")
          .isEqualTo(FileTime.fromMillis(o.mtime() * 1000L));
      if (Files.isRegularFile(p) && (LocalTreeCheck.root() || (o.mode() & 0400) != 0)) {
        assertThat(Files.readString(p)).isEqualTo("data");
      }
    }
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(out.getParent())) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The command run as nobody (as it is when this JVM is not root), or null when no tool for it is
   * installed.
   */
  static List<String> runAs(List<String> command) {
    if (!LocalTreeCheck.root()) {
      return command;
    }
    List<String> pre;
    if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      pre = List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
    } else if (Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
      pre = List.of("/usr/sbin/runuser", "-u", "nobody", "--");
    } else {
      return null;
    }
    List<String> all = new ArrayList<>(pre);
    all.addAll(command);
    return all;
  }

  /**
   * This JVM's class path (main classes and libraries), hard-linked (or copied) into a directory
   * nobody can read: the local Maven repository under /root is not.
   */
  static String stageClasspath(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(e);
      if (e.endsWith(".jar") && Files.isRegularFile(p)) {
        Path to = dir.resolve(n++ + "-" + p.getFileName());
        link(p, to);
        entries.add(to.toString());
      } else if (Files.isDirectory(p) && !p.endsWith("test-classes")) {
        Path to = dir.resolve("classes" + n++);
        try (Stream<Path> s = Files.walk(p)) {
          s.forEach(
              f -> {
                Path t = to.resolve(p.relativize(f).toString());
                try {
                  if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                  } else {
                    link(f, t);
                  }
                } catch (IOException ex) {
                  throw new UncheckedIOException(ex);
                }
              });
        }
        entries.add(to.toString());
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static void link(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to);
    }
  }

  /** Whether this JVM runs as root. */
  static final class LocalTreeCheck {
    static boolean root() {
      try {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
  }
}
