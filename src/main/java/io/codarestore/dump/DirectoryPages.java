package io.codarestore.dump;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the pages of a Coda directory (spec section 5): its names in Coda's enumeration order, and
 * a structural check equivalent in spirit to the server's.
 */
public final class DirectoryPages {
  static final int PAGE_SIZE = Tags.DIR_PAGESIZE;
  static final int MAX_PAGES = Tags.DIR_MAXPAGES;
  static final int BLOBS_PER_PAGE = 64;
  static final int HEADER_BLOBS = 12;
  static final int HASH_BUCKETS = 128;
  static final int PAGE_TAG = 1234;
  static final int MAX_NAME = 255;
  private static final int ALLOMAP = 32;
  private static final int HASH_TABLE = 160;

  private DirectoryPages() {}

  /** The problem with a directory's pages; the caller adds the file and the vnode. */
  public static final class DirectoryFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    DirectoryFormatException(String message) {
      super(message);
    }
  }

  /** The names in enumeration order (bucket 0..127, each chain front to back). */
  public static List<DirectoryEntry> entries(byte[] pages) throws DirectoryFormatException {
    List<DirectoryEntry> out = new ArrayList<>();
    forEachEntry(
        pages,
        (p, from, len, vn, un) ->
            out.add(new DirectoryEntry(Arrays.copyOfRange(p, from, from + len), vn, un)));
    return out;
  }

  /** Receives a directory's entries without objects: the name is {@code pages[from, from+len)}. */
  @FunctionalInterface
  interface EntryVisitor {
    void entry(byte[] pages, int from, int len, int vnode, int uniquifier);
  }

  /** Each entry of the directory, in the order of {@link #entries}, names checked as there. */
  static void forEachEntry(byte[] pages, EntryVisitor visitor) throws DirectoryFormatException {
    int blobs = checkedPageCount(pages) * BLOBS_PER_PAGE;
    for (int bucket = 0; bucket < HASH_BUCKETS; bucket++) {
      int blob = u16(pages, HASH_TABLE + 2 * bucket);
      int hops = 0;
      while (blob != 0) {
        if (blob >= blobs || hops++ > blobs) {
          throw new DirectoryFormatException(
              "hash chain " + bucket + " is broken (blob " + blob + ")");
        }
        int off = blob * 32;
        int len = nameLength(pages, off, blob);
        visitor.entry(pages, off + 12, len, i32(pages, off + 4), i32(pages, off + 8));
        blob = u16(pages, off + 2);
      }
    }
  }

  static long[] childKeys(byte[] pages) throws DirectoryFormatException {
    int blobs = checkedPageCount(pages) * BLOBS_PER_PAGE;
    long[] out = new long[16];
    int n = 0;
    for (int bucket = 0; bucket < HASH_BUCKETS; bucket++) {
      int blob = u16(pages, HASH_TABLE + 2 * bucket);
      int hops = 0;
      while (blob != 0) {
        if (blob >= blobs || hops++ > blobs) {
          throw new DirectoryFormatException(
              "hash chain " + bucket + " is broken (blob " + blob + ")");
        }
        int off = blob * 32;
        int len = nameLength(pages, off, blob);
        boolean dots = pages[off + 12] == '.' && (len == 1 || len == 2 && pages[off + 13] == '.');
        if (!dots) {
          if (n == out.length) {
            out = java.util.Arrays.copyOf(out, n * 2);
          }
          out[n++] = Fid.key(i32(pages, off + 4), i32(pages, off + 8));
        }
        blob = u16(pages, off + 2);
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Checks tags, allocation map, free counts, hash chains and blob bitmaps. */
  public static void validate(byte[] pages) throws DirectoryFormatException {
    validateEach(pages, null);
  }

  /**
   * As {@link #validate}, handing each entry to {@code visitor} (when not null) in the order of
   * {@link #entries} as the hash chains are walked: one walk, each name scanned once for its end
   * and its hash. When the pages are not sound an exception is thrown, possibly after some entries
   * were handed on.
   */
  static void validateEach(byte[] pages, EntryVisitor visitor) throws DirectoryFormatException {
    int n = checkedPageCount(pages);
    byte[] used = checkPages(pages, n);
    int blobs = n * BLOBS_PER_PAGE;
    for (int bucket = 0; bucket < HASH_BUCKETS; bucket++) {
      int blob = u16(pages, HASH_TABLE + 2 * bucket);
      int hops = 0;
      while (blob != 0) {
        if (blob >= blobs || hops++ > blobs) {
          throw new DirectoryFormatException(
              "hash chain " + bucket + " leaves the directory (blob " + blob + ")");
        }
        int off = blob * 32;
        if (pages[off] != 1) {
          throw new DirectoryFormatException(
              "entry at blob " + blob + " lacks the first-blob flag");
        }
        // the name's end and its hash in one scan (the hash as hash(): h = h*173 + signed char)
        int start = off + 12;
        int end = start;
        int h = 0;
        int limit = Math.min(pages.length, start + MAX_NAME + 1);
        while (end < limit && pages[end] != 0) {
          h = h * 173 + pages[end];
          end++;
        }
        int length = end - start;
        if (end >= limit || length == 0) {
          nameLength(pages, off, blob); // throws: not terminated, empty or too long
          throw new AssertionError("name checks disagree at blob " + blob);
        }
        int t = h & (HASH_BUCKETS - 1);
        int hb = t == 0 ? 0 : h < 0 ? HASH_BUCKETS - t : t;
        if (hb != bucket) {
          throw new DirectoryFormatException(
              "entry at blob "
                  + blob
                  + " is in hash bucket "
                  + bucket
                  + ", its name hashes to "
                  + hb);
        }
        int count = blobsFor(length);
        if (blob + count > blobs) {
          throw new DirectoryFormatException("entry at blob " + blob + " runs past the last page");
        }
        for (int k = 0; k < count; k++) {
          int x = blob + k;
          used[x >> 3] |= (byte) (1 << (x & 7));
        }
        if (visitor != null) {
          visitor.entry(pages, start, length, i32(pages, off + 4), i32(pages, off + 8));
        }
        blob = u16(pages, off + 2);
      }
    }
    for (int p = 0; p < n; p++) {
      for (int k = 0; k < 8; k++) {
        if (used[p * 8 + k] != pages[p * PAGE_SIZE + 5 + k]) {
          throw new DirectoryFormatException(
              "page " + p + ": blob bitmap does not match the entries");
        }
      }
    }
  }

  /**
   * Checks each page's tag and free count and the allocation map; returns the blob bitmap of the
   * pages' own headers (8 bytes per page), to which the entries' blobs are added.
   */
  private static byte[] checkPages(byte[] pages, int n) throws DirectoryFormatException {
    byte[] used = new byte[n * 8];
    used[0] = (byte) 0xFF;
    used[1] = 0x1F;
    for (int p = 0; p < n; p++) {
      int base = p * PAGE_SIZE;
      if (i32(pages, base) != PAGE_TAG) {
        throw new DirectoryFormatException(
            "page " + p + " has tag " + i32(pages, base) + ", expected " + PAGE_TAG);
      }
      int am = pages[ALLOMAP + p] & 0xFF;
      int max = p == 0 ? BLOBS_PER_PAGE - HEADER_BLOBS - 1 : BLOBS_PER_PAGE - 1;
      if (am > max) {
        throw new DirectoryFormatException(
            "allocation map of page " + p + " says " + am + " free blobs (at most " + max + ")");
      }
      if (p > 0) {
        int bits = 0;
        for (int k = 0; k < 8; k++) {
          bits += Integer.bitCount(pages[base + 5 + k] & 0xFF);
        }
        if (BLOBS_PER_PAGE - bits != am) {
          throw new DirectoryFormatException(
              "page " + p + ": free count " + am + " does not match its bitmap");
        }
        used[p * 8] = 0x01;
      }
    }
    for (int p = n; p < MAX_PAGES; p++) {
      if ((pages[ALLOMAP + p] & 0xFF) != BLOBS_PER_PAGE) {
        throw new DirectoryFormatException(
            "allocation map marks page " + p + " beyond the " + n + " pages");
      }
    }
    return used;
  }

  /** Coda's name hash: signed chars, h = h*173 + c, 128 buckets. */
  static int hash(byte[] name) {
    return hash(name, 0, name.length);
  }

  private static int hash(byte[] b, int from, int length) {
    int h = 0;
    for (int i = from; i < from + length; i++) {
      h = h * 173 + b[i];
    }
    int t = h & (HASH_BUCKETS - 1);
    if (t == 0) {
      return 0;
    }
    return h < 0 ? HASH_BUCKETS - t : t;
  }

  static int blobsFor(int nameLength) {
    return 1 + ((nameLength + 1 + 15) >> 5);
  }

  private static int checkedPageCount(byte[] pages) throws DirectoryFormatException {
    int n = pages.length / PAGE_SIZE;
    if (n < 1 || n > MAX_PAGES || pages.length % PAGE_SIZE != 0) {
      throw new DirectoryFormatException(
          "directory data of " + pages.length + " bytes is not 1.." + MAX_PAGES + " pages");
    }
    return n;
  }

  private static byte[] name(byte[] pages, int off, int blob) throws DirectoryFormatException {
    int len = nameLength(pages, off, blob);
    byte[] name = new byte[len];
    System.arraycopy(pages, off + 12, name, 0, len);
    return name;
  }

  /** The length of the name of the entry at {@code off}, checked: terminated, 1..255 bytes. */
  private static int nameLength(byte[] pages, int off, int blob) throws DirectoryFormatException {
    int start = off + 12;
    int end = start;
    while (end < pages.length && pages[end] != 0) {
      end++;
    }
    if (end >= pages.length) {
      throw new DirectoryFormatException(
          "name of the entry at blob " + blob + " is not terminated");
    }
    int len = end - start;
    if (len == 0 || len > MAX_NAME) {
      throw new DirectoryFormatException(
          "name of the entry at blob " + blob + " has length " + len);
    }
    return len;
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }

  private static int i32(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24)
        | ((b[off + 1] & 0xFF) << 16)
        | ((b[off + 2] & 0xFF) << 8)
        | (b[off + 3] & 0xFF);
  }
}
