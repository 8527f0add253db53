package io.codarestore.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Test helper: writes a small full (or incremental) dump with {@link DumpWriter}, from directories
 * built with {@link DirectoryPagesBuilder} and files given as bytes. Lets tests craft what a real
 * server would never write (hostile names, dangling entries, loops).
 */
public final class CraftedDump {
  static final String ADMIN_ACL = "1\n0\nSystem:Administrators\t127\n";

  private final List<VnodeRecord> dirs = new ArrayList<>();
  private final List<byte[]> dirPages = new ArrayList<>();
  private final List<VnodeRecord> files = new ArrayList<>();
  private final List<byte[]> fileData = new ArrayList<>();
  private final List<int[]> removals = new ArrayList<>();
  private int level;
  private String name = "crafted.0.backup";

  public CraftedDump level(int l) {
    this.level = l;
    return this;
  }

  public CraftedDump name(String n) {
    this.name = n;
    return this;
  }

  public CraftedDump dir(
      int vnode, int uniq, int parentV, int parentU, int mode, int mtime, byte[] pages) {
    return dir(vnode, uniq, parentV, parentU, mode, mtime, pages, ADMIN_ACL);
  }

  public CraftedDump dir(
      int vnode,
      int uniq,
      int parentV,
      int parentU,
      int mode,
      int mtime,
      byte[] pages,
      String acl) {
    dirs.add(
        record(
            vnode,
            uniq,
            VnodeType.DIRECTORY,
            mode,
            pages.length,
            mtime,
            1000,
            parentV,
            parentU,
            acl));
    dirPages.add(pages);
    return this;
  }

  public CraftedDump file(
      int vnode, int uniq, int parentV, int parentU, int mode, int mtime, byte[] data) {
    files.add(
        record(
            vnode, uniq, VnodeType.FILE, mode, data.length, mtime, 1000, parentV, parentU, null));
    fileData.add(data);
    return this;
  }

  public CraftedDump file(int vnode, int uniq, int mode, int mtime, String text) {
    return file(vnode, uniq, 1, 1, mode, mtime, text.getBytes(StandardCharsets.UTF_8));
  }

  public CraftedDump symlink(
      int vnode, int uniq, int parentV, int parentU, int mtime, byte[] target) {
    files.add(
        record(
            vnode,
            uniq,
            VnodeType.SYMLINK,
            0777,
            target.length,
            mtime,
            1000,
            parentV,
            parentU,
            null));
    fileData.add(target);
    return this;
  }

  public CraftedDump removed(int vnode, int uniq) {
    removals.add(new int[] {vnode, uniq});
    return this;
  }

  static VnodeRecord record(
      int vnode,
      int uniq,
      int type,
      int mode,
      long length,
      int mtime,
      int owner,
      int pv,
      int pu,
      String acl) {
    return new VnodeRecord(
        vnode,
        uniq,
        type,
        mode,
        1,
        length,
        1,
        VersionVector.EMPTY,
        mtime,
        owner,
        owner,
        pv,
        pu,
        acl);
  }

  static VolumeDiskData volume(String name) {
    return new VolumeDiskData(
        0x01000006,
        1,
        name,
        "/vicepa",
        1,
        1,
        500,
        2,
        0x01000005,
        0,
        0,
        0,
        0,
        0,
        0,
        10,
        3,
        1,
        0,
        0,
        1700000000,
        0,
        1700000000,
        0,
        0,
        "",
        "",
        new int[7],
        0,
        0,
        VersionVector.EMPTY);
  }

  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DumpWriter w = new DumpWriter(out);
    w.writeHeader(
        new DumpHeader(
            0x01000006, 0x01000005, name, 1700000000, level, 100, level == 0 ? 100 : 120));
    w.writeVolumeData(volume(name));
    w.writeIndexHeader(new IndexHeader(VnodeClass.LARGE, dirs.size(), 128));
    List<Integer> order = sorted(dirs);
    for (int i : order) {
      w.writeVnode(dirs.get(i));
      w.writeDirectoryPages(dirPages.get(i));
    }
    for (int[] r : removals) {
      if ((r[0] & 1) == 1) {
        w.writeRemovedVnode(r[0], r[1]);
      }
    }
    w.writeIndexHeader(new IndexHeader(VnodeClass.SMALL, files.size(), 256));
    for (int i : sorted(files)) {
      w.writeVnode(files.get(i));
      byte[] d = fileData.get(i);
      w.beginFileData(d.length);
      w.writeData(d, 0, d.length);
    }
    for (int[] r : removals) {
      if ((r[0] & 1) == 0) {
        w.writeRemovedVnode(r[0], r[1]);
      }
    }
    w.writeEnd();
    return out.toByteArray();
  }

  public Path write(Path file) throws IOException {
    Files.write(file, bytes());
    return file;
  }

  private static List<Integer> sorted(List<VnodeRecord> rs) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < rs.size(); i++) {
      idx.add(i);
    }
    idx.sort(Comparator.comparingInt(i -> rs.get(i).vnode()));
    return idx;
  }

  /**
   * Writes a full dump of a root directory ({@code rootPages}, vnode 1.1) and {@code n} files of
   * {@code size} zero bytes (vnodes 2, 4, ... uniquifiers 2, 3, ...) without holding or writing the
   * zeros: the file data are holes, so a dump of gigabytes costs no disk and no time to make.
   */
  public static Path writeWithZeroFiles(Path file, byte[] rootPages, int n, long size)
      throws IOException {
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(
            file,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      java.io.OutputStream sparse =
          new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              ch.write(java.nio.ByteBuffer.wrap(b, off, len));
            }
          };
      String name = "big.0.backup";
      DumpWriter w = new DumpWriter(sparse);
      w.writeHeader(new DumpHeader(0x01000006, 0x01000005, name, 1700000000, 0, 100, 100));
      w.writeVolumeData(volume(name));
      w.writeIndexHeader(new IndexHeader(VnodeClass.LARGE, 1, 128));
      w.writeVnode(
          record(
              1, 1, VnodeType.DIRECTORY, 0755, rootPages.length, 1700000000, 0, 1, 1, ADMIN_ACL));
      w.writeDirectoryPages(rootPages);
      w.writeIndexHeader(new IndexHeader(VnodeClass.SMALL, n, 256));
      for (int i = 0; i < n; i++) {
        w.writeVnode(
            record(2 + 2 * i, 2 + i, VnodeType.FILE, 0644, size, 1700000001, 0, 1, 1, null));
        w.beginFileData(size);
        ch.position(ch.position() + size); // a hole reads as zeros
        w.dataWrittenDirectly(size);
      }
      w.writeEnd();
    }
    return file;
  }
}
