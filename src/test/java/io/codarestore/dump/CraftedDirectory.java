package io.codarestore.dump;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds Coda directory pages the way the server does (spec section 5, written independently of
 * {@link DirectoryPages}, which only reads them): {@code DIR_MakeDir} creates "." and "..", an
 * insert takes the first page with room and the first run of free blobs in it and pushes the entry
 * on the front of its hash chain; a delete unlinks it and frees its blobs without wiping them.
 */
public final class CraftedDirectory {
  private static final int PAGE = 2048;
  private static final int BLOBS = 64;
  private static final int MAX_PAGES = 128;
  private static final int ALLOMAP = 32;
  private static final int HASH = 160;

  private byte[] b = new byte[PAGE];

  private CraftedDirectory() {}

  /** A new directory {@code me} inside {@code parent} (the root is its own parent). */
  public static CraftedDirectory make(int meVnode, int meUniq, int parentVnode, int parentUniq) {
    CraftedDirectory d = new CraftedDirectory();
    put32(d.b, 0, 1234);
    d.b[4] = (byte) (BLOBS - 13);
    d.b[5] = (byte) 0xFF;
    d.b[6] = 0x1F;
    d.b[ALLOMAP] = (byte) (BLOBS - 13);
    for (int p = 1; p < MAX_PAGES; p++) {
      d.b[ALLOMAP + p] = (byte) BLOBS;
    }
    d.add(".", meVnode, meUniq);
    d.add("..", parentVnode, parentUniq);
    return d;
  }

  /** The root directory 1.1. */
  public static CraftedDirectory root() {
    return make(1, 1, 1, 1);
  }

  public CraftedDirectory add(String name, int vnode, int uniq) {
    return add(name.getBytes(StandardCharsets.UTF_8), vnode, uniq);
  }

  public CraftedDirectory add(byte[] name, int vnode, int uniq) {
    int blob = allocate(blobsFor(name.length));
    int off = blob * 32;
    int bucket = hash(name);
    b[off] = 1;
    b[off + 1] = 0;
    put16(b, off + 2, get16(b, HASH + 2 * bucket));
    put32(b, off + 4, vnode);
    put32(b, off + 8, uniq);
    System.arraycopy(name, 0, b, off + 12, name.length);
    b[off + 12 + name.length] = 0;
    put16(b, HASH + 2 * bucket, blob);
    return this;
  }

  public CraftedDirectory remove(String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    int bucket = hash(n);
    int prev = 0;
    int blob = get16(b, HASH + 2 * bucket);
    while (blob != 0) {
      int off = blob * 32;
      if (nameAt(off).equals(name)) {
        int next = get16(b, off + 2);
        if (prev == 0) {
          put16(b, HASH + 2 * bucket, next);
        } else {
          put16(b, prev * 32 + 2, next);
        }
        int count = blobsFor(n.length);
        int page = blob / BLOBS;
        int first = blob % BLOBS;
        b[ALLOMAP + page] = (byte) ((b[ALLOMAP + page] & 0xFF) + count);
        b[page * PAGE + 4] = (byte) ((b[page * PAGE + 4] & 0xFF) + count);
        for (int k = 0; k < count; k++) {
          int j = first + k;
          b[page * PAGE + 5 + (j >> 3)] &= (byte) ~(1 << (j & 7));
        }
        return this;
      }
      prev = blob;
      blob = get16(b, off + 2);
    }
    throw new IllegalArgumentException("no entry " + name);
  }

  /** A copy of the pages (a multiple of 2048 bytes). */
  public byte[] pages() {
    return b.clone();
  }

  public int pageCount() {
    return b.length / PAGE;
  }

  public CraftedDirectory copy() {
    CraftedDirectory d = new CraftedDirectory();
    d.b = b.clone();
    return d;
  }

  /** Coda's bucket of a name: signed chars, h = h*173 + c with 32-bit wrap (spec section 5). */
  static int hash(byte[] name) {
    int h = 0;
    for (byte c : name) {
      h = h * 173 + c;
    }
    int t = h & 127;
    if (t == 0) {
      return 0;
    }
    return h < 0 ? 128 - t : t;
  }

  static int blobsFor(int nameLength) {
    return 1 + ((nameLength + 1 + 15) >> 5);
  }

  private int allocate(int n) {
    for (int p = 0; p < MAX_PAGES; p++) {
      int free = b[ALLOMAP + p] & 0xFF;
      if (free < n) {
        continue;
      }
      if (free == BLOBS) {
        addPage(p);
      }
      int base = p * PAGE;
      for (int j = 0; j + n <= BLOBS; j++) {
        boolean fits = true;
        for (int k = 0; k < n && fits; k++) {
          fits = (b[base + 5 + ((j + k) >> 3)] & (1 << ((j + k) & 7))) == 0;
        }
        if (fits) {
          for (int k = 0; k < n; k++) {
            b[base + 5 + ((j + k) >> 3)] |= (byte) (1 << ((j + k) & 7));
          }
          b[ALLOMAP + p] = (byte) ((b[ALLOMAP + p] & 0xFF) - n);
          b[base + 4] = (byte) ((b[base + 4] & 0xFF) - n);
          return p * BLOBS + j;
        }
      }
    }
    throw new IllegalStateException("directory full");
  }

  private void addPage(int p) {
    if (p != pageCount()) {
      throw new IllegalStateException("pages must be contiguous");
    }
    b = Arrays.copyOf(b, b.length + PAGE);
    int base = p * PAGE;
    put32(b, base, 1234);
    b[base + 4] = (byte) (BLOBS - 1);
    b[base + 5] = 0x01;
    b[ALLOMAP + p] = (byte) (BLOBS - 1);
  }

  private String nameAt(int off) {
    int end = off + 12;
    while (b[end] != 0) {
      end++;
    }
    return new String(b, off + 12, end - off - 12, StandardCharsets.UTF_8);
  }

  private static int get16(byte[] a, int off) {
    return ((a[off] & 0xFF) << 8) | (a[off + 1] & 0xFF);
  }

  private static void put16(byte[] a, int off, int v) {
    a[off] = (byte) (v >>> 8);
    a[off + 1] = (byte) v;
  }

  private static void put32(byte[] a, int off, int v) {
    a[off] = (byte) (v >>> 24);
    a[off + 1] = (byte) (v >>> 16);
    a[off + 2] = (byte) (v >>> 8);
    a[off + 3] = (byte) v;
  }
}
