package io.codarestore.dump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Test helper: what a local directory tree holds, read without following symlinks. */
final class LocalTree {
  /** One object; path relative to the top, "." for the top itself. */
  record Item(
      String path,
      String type,
      long size,
      String sha256,
      int mode,
      long mtime,
      int uid,
      String target,
      Object inode) {}

  private LocalTree() {}

  static Map<String, Item> read(Path top) throws IOException {
    Map<String, Item> items = new TreeMap<>();
    Files.walkFileTree(
        top,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            add(top, dir, items);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            add(top, file, items);
            return FileVisitResult.CONTINUE;
          }
        });
    return items;
  }

  private static void add(Path top, Path p, Map<String, Item> items) throws IOException {
    String rel = top.relativize(p).toString();
    if (rel.isEmpty()) {
      rel = ".";
    }
    Map<String, Object> a =
        Files.readAttributes(
            p, "unix:mode,uid,ino,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    long mtime = ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis() / 1000;
    String type;
    String sha = null;
    String target = null;
    long size = (Long) a.get("size");
    if (Files.isSymbolicLink(p)) {
      type = "symlink";
      target = Files.readSymbolicLink(p).toString();
    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      type = "dir";
    } else {
      type = "file";
      sha = sha256(p);
    }
    items.put(
        rel,
        new Item(
            rel,
            type,
            size,
            sha,
            mode & 07777,
            mtime,
            (Integer) a.get("uid"),
            target,
            a.get("ino")));
  }

  static String sha256(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[65536];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
