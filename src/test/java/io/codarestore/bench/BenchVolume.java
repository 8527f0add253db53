package io.codarestore.bench;

import io.codarestore.dump.CraftedDirectory;
import io.codarestore.dump.DumpHeader;
import io.codarestore.dump.DumpWriter;
import io.codarestore.dump.IndexHeader;
import io.codarestore.dump.VersionVector;
import io.codarestore.dump.VnodeClass;
import io.codarestore.dump.VnodeRecord;
import io.codarestore.dump.VnodeType;
import io.codarestore.dump.VolumeDiskData;
import io.codarestore.dump.VolumeType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * A simulated volume for the merge benchmark: a directory tree (a root holding directories of at
 * most {@value #PER_DIR} files each) with files of varied sizes, dumped as a full dump and then as
 * incrementals after rounds of changes (files modified, deleted and added; new files take new
 * slots, so the small index grows). Everything is deterministic from the seed. File contents are
 * slices of one random block: realistic sizes without the cost of generating gigabytes of entropy.
 */
final class BenchVolume {
  static final int PER_DIR = 1000;
  static final int REPLICA = 0x01000A01;
  static final int CLONE = 0x01000A02;
  static final String NAME = "bench.0.backup";
  static final int DATE0 = 0x65A0F000;

  private final Random rnd;
  private final byte[] block = new byte[4 << 20];

  // files: index = slot; vnode = 2 * slot + 2
  private int files;
  private int[] dirOf;
  private int[] uniq;
  private int[] version;
  private long[] size;
  private final BitSet alive = new BitSet();

  // directories: index 0 = root 1.1, i > 0 = vnode 2 * i + 1, uniquifier i + 1
  private final List<CraftedDirectory> dirs = new ArrayList<>();
  private final List<Integer> dirVersion = new ArrayList<>();
  private final int[] dirFill;

  private int nextUniq;
  private int state = 100;
  private final double meanSize;

  /** A volume of {@code n} files whose sizes average about {@code meanSize} bytes. */
  BenchVolume(long seed, int n, double meanSize) {
    this.rnd = new Random(seed);
    this.meanSize = meanSize;
    rnd.nextBytes(block);
    int capacity = n + n / 5 + 16;
    dirOf = new int[capacity];
    uniq = new int[capacity];
    version = new int[capacity];
    size = new long[capacity];
    int nDirs = (n + PER_DIR - 1) / PER_DIR + 1;
    dirFill = new int[nDirs + n / PER_DIR + 8];
    dirs.add(CraftedDirectory.root());
    dirVersion.add(1);
    nextUniq = 2;
    for (int d = 1; d <= nDirs; d++) {
      int u = d + 1;
      dirs.add(CraftedDirectory.make(2 * d + 1, u, 1, 1));
      dirVersion.add(1);
      dirs.get(0).add(String.format("dir-%05d", d), 2 * d + 1, u);
      nextUniq = u + 1;
    }
    for (int i = 0; i < n; i++) {
      addFile();
    }
  }

  /** Files and directories. */
  int vnodeCount() {
    return fileCount() + dirs.size();
  }

  int fileCount() {
    return alive.cardinality();
  }

  long totalFileBytes() {
    long t = 0;
    for (int i = alive.nextSetBit(0); i >= 0; i = alive.nextSetBit(i + 1)) {
      t += size[i];
    }
    return t;
  }

  /** A size from a mix of small, medium and a few large files, averaging about meanSize. */
  private long drawSize() {
    double r = rnd.nextDouble();
    double x;
    if (r < 0.55) {
      x = rnd.nextDouble() * 0.1; // small: up to 10% of the mean
    } else if (r < 0.95) {
      x = 0.1 + rnd.nextDouble() * 1.4; // medium: 0.1 .. 1.5 x the mean
    } else {
      x = 2 + rnd.nextDouble() * 14; // large: 2 .. 16 x the mean
    }
    // E[x] = 0.55*0.05 + 0.40*0.8 + 0.05*9 = 0.7975
    return (long) (x / 0.7975 * meanSize);
  }

  private int addFile() {
    int slot = files++;
    ensure(slot + 1);
    int d = 1 + (slot / PER_DIR) % (dirs.size() - 1);
    if (dirFill[d] >= PER_DIR * 2) {
      d = 1 + rnd.nextInt(dirs.size() - 1);
    }
    dirOf[slot] = d;
    uniq[slot] = nextUniq++;
    version[slot] = 1;
    size[slot] = drawSize();
    alive.set(slot);
    dirs.get(d).add(fileName(slot), 2 * slot + 2, uniq[slot]);
    dirFill[d]++;
    return slot;
  }

  private void ensure(int n) {
    if (n > dirOf.length) {
      int c = Math.max(n, dirOf.length * 3 / 2);
      dirOf = Arrays.copyOf(dirOf, c);
      uniq = Arrays.copyOf(uniq, c);
      version = Arrays.copyOf(version, c);
      size = Arrays.copyOf(size, c);
    }
  }

  private static String fileName(int slot) {
    return String.format("file-%07d.dat", slot);
  }

  /** What one round of changes touched, for the next incremental. */
  static final class Changes {
    final BitSet files = new BitSet();
    final BitSet removed = new BitSet();
    final int[] removedUniq;
    final BitSet dirs = new BitSet();

    Changes(int capacity) {
      removedUniq = new int[capacity];
    }
  }

  /** Modifies, deletes and adds the given fractions of the files. */
  Changes change(double modify, double delete, double add) {
    int live = fileCount();
    Changes c = new Changes(files + (int) (live * add) + 16);
    int[] liveSlots = alive.stream().toArray();
    for (int k = 0; k < (int) (live * modify); k++) {
      int s = liveSlots[rnd.nextInt(liveSlots.length)];
      version[s]++;
      size[s] = drawSize();
      c.files.set(s);
    }
    for (int k = 0; k < (int) (live * delete); k++) {
      int s = liveSlots[rnd.nextInt(liveSlots.length)];
      if (!alive.get(s)) {
        continue;
      }
      alive.clear(s);
      c.files.clear(s);
      c.removed.set(s);
      c.removedUniq[s] = uniq[s];
      dirs.get(dirOf[s]).remove(fileName(s));
      dirFill[dirOf[s]]--;
      c.dirs.set(dirOf[s]);
    }
    for (int k = 0; k < (int) (live * add); k++) {
      int s = addFile();
      c.files.set(s);
      c.dirs.set(dirOf[s]);
    }
    for (int d = c.dirs.nextSetBit(0); d >= 0; d = c.dirs.nextSetBit(d + 1)) {
      dirVersion.set(d, dirVersion.get(d) + 1);
    }
    return c;
  }

  private static int roundUp(int n, int step) {
    return Math.max(step, (n + step - 1) / step * step);
  }

  private VolumeDiskData volumeData() {
    int[] sites = new int[8];
    sites[0] = state;
    return new VolumeDiskData(
        CLONE,
        1,
        NAME,
        "/vicepa",
        1,
        1,
        nextUniq,
        VolumeType.BACKVOL.code(),
        REPLICA,
        0,
        0,
        CLONE,
        0,
        0,
        0,
        (int) (totalFileBytes() >> 10),
        fileCount(),
        1,
        0,
        0,
        DATE0,
        0,
        DATE0 + state,
        0,
        DATE0 + state,
        "",
        "",
        new int[7],
        0,
        0,
        new VersionVector(sites, 0x80020A05, state, 0));
  }

  private static VnodeRecord record(
      int vnode, int u, int type, long length, int pv, int pu, int v) {
    int[] sites = new int[8];
    sites[0] = v;
    boolean dir = type == VnodeType.DIRECTORY;
    return new VnodeRecord(
        vnode,
        u,
        type,
        dir ? 0755 : 0644,
        dir ? 2 : 1,
        length,
        v,
        new VersionVector(sites, 0x80020A05, u * 31 + v, 0),
        DATE0 + v,
        1001,
        1001,
        pv,
        pu,
        dir ? "2\n0\nSystem:Administrators\t127\nSystem:AnyUser\t9\n" : null);
  }

  /** Writes a full dump of the current state. */
  void writeFull(Path out) throws IOException {
    write(out, 0, state, null);
  }

  /** Writes an incremental of {@code level} holding {@code changes}, then advances the state. */
  void writeIncremental(Path out, int level, Changes changes) throws IOException {
    int oldest = state;
    state += 100;
    write(out, level, oldest, changes);
  }

  private void write(Path out, int level, int oldest, Changes c) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      DumpWriter w = new DumpWriter(os);
      w.writeHeader(new DumpHeader(CLONE, REPLICA, NAME, DATE0 + state, level, oldest, state));
      w.writeVolumeData(volumeData());
      int nDirs = dirs.size();
      w.writeIndexHeader(new IndexHeader(VnodeClass.LARGE, nDirs, roundUp(nDirs, 128)));
      for (int d = 0; d < nDirs; d++) {
        if (c == null || c.dirs.get(d)) {
          byte[] pages = dirs.get(d).pages();
          int vn = 2 * d + 1;
          int u = d == 0 ? 1 : d + 1;
          w.writeVnode(record(vn, u, VnodeType.DIRECTORY, pages.length, 1, 1, dirVersion.get(d)));
          w.writeDirectoryPages(pages);
        }
      }
      w.writeIndexHeader(new IndexHeader(VnodeClass.SMALL, fileCount(), roundUp(files, 256)));
      for (int s = 0; s < files; s++) {
        boolean dump = alive.get(s) && (c == null || c.files.get(s));
        if (dump) {
          int d = dirOf[s];
          w.writeVnode(
              record(2 * s + 2, uniq[s], VnodeType.FILE, size[s], 2 * d + 1, d + 1, version[s]));
          w.beginFileData(size[s]);
          long left = size[s];
          int from = (int) ((s * 7919L + version[s] * 104729L) % (block.length / 2));
          while (left > 0) {
            int n = (int) Math.min(left, block.length - from);
            w.writeData(block, from, n);
            left -= n;
            from = 0;
          }
        }
        if (c != null && c.removed.get(s)) {
          w.writeRemovedVnode(2 * s + 2, c.removedUniq[s]);
        }
      }
      w.writeEnd();
    }
  }
}
