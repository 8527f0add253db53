package io.codarestore.dump;

import java.nio.charset.StandardCharsets;

/**
 * Test helper: builds Coda directory pages the way the server does (spec section 5): page header,
 * allocation map, hash table, entries in the first free run of blobs, each pushed on the front of
 * its hash chain. Names are raw bytes, so hostile names can be built too.
 */
public final class DirectoryPagesBuilder {
  private static final int PAGE = DirectoryPages.PAGE_SIZE;
  private static final int BLOBS = DirectoryPages.BLOBS_PER_PAGE;
  private static final int ALLOMAP = 32;
  private static final int HASH_TABLE = 160;

  private byte[] pages = new byte[PAGE];
  private int pageCount = 1;

  public DirectoryPagesBuilder() {
    putInt(0, DirectoryPages.PAGE_TAG);
    // page 0: blobs 0..12 hold the headers
    pages[4] = (byte) (BLOBS - 13);
    pages[5] = (byte) 0xFF;
    pages[6] = 0x1F;
    pages[ALLOMAP] = (byte) (BLOBS - 13);
    for (int p = 1; p < DirectoryPages.MAX_PAGES; p++) {
      pages[ALLOMAP + p] = (byte) BLOBS;
    }
  }

  /** A directory with "." and ".." first, as DIR_MakeDir does. */
  public static DirectoryPagesBuilder directory(
      int vnode, int uniq, int parentVnode, int parentUniq) {
    DirectoryPagesBuilder b = new DirectoryPagesBuilder();
    b.add(".", vnode, uniq);
    b.add("..", parentVnode, parentUniq);
    return b;
  }

  public DirectoryPagesBuilder add(String name, int vnode, int uniq) {
    return add(name.getBytes(StandardCharsets.UTF_8), vnode, uniq);
  }

  public DirectoryPagesBuilder add(byte[] name, int vnode, int uniq) {
    int need = DirectoryPages.blobsFor(name.length);
    int page = -1;
    for (int p = 0; p < DirectoryPages.MAX_PAGES; p++) {
      int free = pages[ALLOMAP + p] & 0xFF;
      if (free == BLOBS) {
        newPage(p);
        free = BLOBS - 1;
      }
      if (free >= need && findRun(p, need) >= 0) {
        page = p;
        break;
      }
    }
    if (page < 0) {
      throw new IllegalStateException("directory full");
    }
    int first = findRun(page, need);
    for (int k = 0; k < need; k++) {
      setBit(page, first + k);
    }
    int base = page * PAGE;
    pages[base + 4] = (byte) ((pages[base + 4] & 0xFF) - need);
    pages[ALLOMAP + page] = (byte) ((pages[ALLOMAP + page] & 0xFF) - need);
    int blob = page * BLOBS + first;
    int off = blob * 32;
    int bucket = DirectoryPages.hash(name);
    int head =
        ((pages[HASH_TABLE + 2 * bucket] & 0xFF) << 8)
            | (pages[HASH_TABLE + 2 * bucket + 1] & 0xFF);
    pages[off] = 1;
    pages[off + 1] = 0;
    pages[off + 2] = (byte) (head >> 8);
    pages[off + 3] = (byte) head;
    putInt(off + 4, vnode);
    putInt(off + 8, uniq);
    System.arraycopy(name, 0, pages, off + 12, name.length);
    pages[off + 12 + name.length] = 0;
    pages[HASH_TABLE + 2 * bucket] = (byte) (blob >> 8);
    pages[HASH_TABLE + 2 * bucket + 1] = (byte) blob;
    return this;
  }

  public byte[] build() {
    byte[] out = new byte[pageCount * PAGE];
    System.arraycopy(pages, 0, out, 0, out.length);
    return out;
  }

  private void newPage(int p) {
    if (p != pageCount) {
      throw new IllegalStateException("pages are allocated in order");
    }
    byte[] bigger = new byte[(p + 1) * PAGE];
    System.arraycopy(pages, 0, bigger, 0, pages.length);
    pages = bigger;
    pageCount = p + 1;
    putInt(p * PAGE, DirectoryPages.PAGE_TAG);
    pages[p * PAGE + 4] = (byte) (BLOBS - 1);
    pages[p * PAGE + 5] = 0x01;
    pages[ALLOMAP + p] = (byte) (BLOBS - 1);
  }

  private int findRun(int page, int need) {
    int run = 0;
    for (int j = 0; j < BLOBS; j++) {
      if (isSet(page, j)) {
        run = 0;
      } else if (++run == need) {
        return j - need + 1;
      }
    }
    return -1;
  }

  private boolean isSet(int page, int j) {
    return (pages[page * PAGE + 5 + (j >> 3)] & (1 << (j & 7))) != 0;
  }

  private void setBit(int page, int j) {
    pages[page * PAGE + 5 + (j >> 3)] |= (byte) (1 << (j & 7));
  }

  private void putInt(int off, int v) {
    pages[off] = (byte) (v >>> 24);
    pages[off + 1] = (byte) (v >>> 16);
    pages[off + 2] = (byte) (v >>> 8);
    pages[off + 3] = (byte) v;
  }
}
