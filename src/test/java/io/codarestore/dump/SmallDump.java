package io.codarestore.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact builder of small dumps for tests, on top of {@link DumpWriter}: header and volume data
 * with sensible defaults, then the records of the large and the small index in the order given. The
 * index header's vnode count is the number of vnode records unless set with {@link #count} (an
 * incremental's header counts the volume's vnodes, not its records).
 */
final class SmallDump {
  static final int REPLICA = 0x01000A01;
  static final int CLONE = 0x01000A02;
  static final String NAME = "u.jan.0.backup";
  static final int DATE0 = 0x65A0F000;
  static final String ACL = "2\n0\nSystem:Administrators\t127\nSystem:AnyUser\t9\n";

  private DumpHeader header;
  private VolumeDiskData volume;
  private final Index large = new Index(VnodeClass.LARGE, 128);
  private final Index small = new Index(VnodeClass.SMALL, 256);
  private Index current = large;

  private SmallDump(DumpHeader header) {
    this.header = header;
    this.volume = volumeData(header.latest());
  }

  /** A level-0 dump at volume state {@code latest}. */
  static SmallDump full(int latest) {
    return new SmallDump(
        new DumpHeader(CLONE, REPLICA, NAME, DATE0 + latest * 100, 0, latest, latest));
  }

  /**
   * An incremental of {@code level} taken against state {@code oldest}, at state {@code latest}.
   */
  static SmallDump incremental(int level, int oldest, int latest) {
    return new SmallDump(
        new DumpHeader(CLONE, REPLICA, NAME, DATE0 + latest * 100, level, oldest, latest));
  }

  /** Volume data as a backup clone at state {@code state} would carry it. */
  static VolumeDiskData volumeData(int state) {
    int[] sites = new int[8];
    sites[0] = state;
    return new VolumeDiskData(
        CLONE,
        1,
        NAME,
        "/vicepa",
        1,
        1,
        1000 + state,
        VolumeType.BACKVOL.code(),
        REPLICA,
        0,
        0,
        CLONE,
        0,
        0,
        0,
        100 + state,
        10 + state,
        1,
        0,
        0,
        DATE0,
        0,
        DATE0 + state * 100,
        0,
        DATE0 + state * 100,
        "",
        "",
        new int[] {0, 0, 0, 0, 0, 0, 0},
        0,
        0,
        new VersionVector(sites, 0x80020A05, state, 0));
  }

  DumpHeader header() {
    return header;
  }

  VolumeDiskData volume() {
    return volume;
  }

  SmallDump header(DumpHeader h) {
    header = h;
    return this;
  }

  SmallDump volume(VolumeDiskData v) {
    volume = v;
    return this;
  }

  /** Starts the records of the large (directory) index, with {@code lists} vnode lists. */
  SmallDump large(int lists) {
    large.lists = lists;
    current = large;
    return this;
  }

  /** Starts the records of the small (file) index, with {@code lists} vnode lists. */
  SmallDump small(int lists) {
    small.lists = lists;
    current = small;
    return this;
  }

  /** Sets the current index header's vnode count (default: the number of vnode records). */
  SmallDump count(int vnodes) {
    current.count = vnodes;
    return this;
  }

  /** A directory with parent 1.1 (the root: vnode 1.1, its own parent). */
  SmallDump dir(int vnode, int uniq, CraftedDirectory d) {
    return dir(vnode, uniq, 1, 1, d, 1);
  }

  SmallDump dir(int vnode, int uniq, int pvnode, int puniq, CraftedDirectory d, int version) {
    byte[] pages = d.pages();
    VnodeRecord r = record(vnode, uniq, VnodeType.DIRECTORY, pages.length, pvnode, puniq, version);
    current.items.add(new Item(Kind.DIRECTORY, r, pages));
    return this;
  }

  /** A file in the root directory, data version 1. */
  SmallDump file(int vnode, int uniq, String content) {
    return file(vnode, uniq, content, 1);
  }

  SmallDump file(int vnode, int uniq, String content, int version) {
    return data(vnode, uniq, VnodeType.FILE, content.getBytes(StandardCharsets.UTF_8), version);
  }

  /** A file in directory {@code pvnode.puniq}. */
  SmallDump fileIn(int pvnode, int puniq, int vnode, int uniq, String content, int version) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    VnodeRecord r = record(vnode, uniq, VnodeType.FILE, data.length, pvnode, puniq, version);
    current.items.add(new Item(Kind.DATA, r, data));
    return this;
  }

  SmallDump symlink(int vnode, int uniq, String target) {
    return data(vnode, uniq, VnodeType.SYMLINK, target.getBytes(StandardCharsets.UTF_8), 1);
  }

  SmallDump data(int vnode, int uniq, int type, byte[] data, int version) {
    VnodeRecord r = record(vnode, uniq, type, data.length, 1, 1, version);
    current.items.add(new Item(Kind.DATA, r, data));
    return this;
  }

  /** A record of any metadata followed by file data (its length field is not adjusted). */
  SmallDump raw(VnodeRecord r, byte[] data) {
    current.items.add(new Item(Kind.DATA, r, data));
    return this;
  }

  SmallDump badInode(int vnode, int uniq) {
    VnodeRecord r = record(vnode, uniq, VnodeType.FILE, 0, 1, 1, 1);
    current.items.add(new Item(Kind.BAD_INODE, r, null));
    return this;
  }

  SmallDump removed(int vnode, int uniq) {
    current.items.add(new Item(Kind.REMOVED, record(vnode, uniq, 0, 0, 0, 0, 0), null));
    return this;
  }

  SmallDump nullVnode() {
    current.items.add(new Item(Kind.NULL, null, null));
    return this;
  }

  /** Metadata of a vnode whose fields all derive from its identity and {@code version}. */
  static VnodeRecord record(
      int vnode, int uniq, int type, long length, int pvnode, int puniq, int version) {
    int[] sites = new int[8];
    sites[0] = version;
    boolean dir = type == VnodeType.DIRECTORY;
    return new VnodeRecord(
        vnode,
        uniq,
        type,
        dir ? 0755 : type == VnodeType.SYMLINK ? 0777 : 0644,
        dir ? 2 : 1,
        length,
        version,
        new VersionVector(sites, 0x80020A05, vnode * 1000 + version, 0),
        DATE0 + vnode * 10 + version,
        1001,
        1001,
        pvnode,
        puniq,
        dir ? ACL : null);
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DumpWriter w = new DumpWriter(out);
    w.writeHeader(header);
    w.writeVolumeData(volume);
    for (Index idx : List.of(large, small)) {
      w.writeIndexHeader(new IndexHeader(idx.cls, idx.vnodeCount(), idx.lists));
      for (Item it : idx.items) {
        switch (it.kind) {
          case NULL -> w.writeNullVnode();
          case REMOVED -> w.writeRemovedVnode(it.record.vnode(), it.record.uniquifier());
          case DIRECTORY -> {
            w.writeVnode(it.record);
            w.writeDirectoryPages(it.bytes);
          }
          case BAD_INODE -> {
            w.writeVnode(it.record);
            w.writeBadInode();
          }
          case DATA -> {
            w.writeVnode(it.record);
            w.beginFileData(it.bytes.length);
            w.writeData(it.bytes, 0, it.bytes.length);
          }
        }
      }
    }
    w.writeEnd();
    return out.toByteArray();
  }

  Path write(Path file) {
    try {
      Files.write(file, bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static final class Index {
    final VnodeClass cls;
    int lists;
    Integer count;
    final List<Item> items = new ArrayList<>();

    Index(VnodeClass cls, int lists) {
      this.cls = cls;
      this.lists = lists;
    }

    int vnodeCount() {
      if (count != null) {
        return count;
      }
      return (int) items.stream().filter(Item::isVnode).count();
    }
  }

  private enum Kind {
    DIRECTORY,
    DATA,
    BAD_INODE,
    REMOVED,
    NULL
  }

  /** One record: a vnode with its pages, data or bad-inode marker; a removal; a null. */
  private record Item(Kind kind, VnodeRecord record, byte[] bytes) {
    boolean isVnode() {
      return kind == Kind.DIRECTORY || kind == Kind.DATA || kind == Kind.BAD_INODE;
    }
  }
}
