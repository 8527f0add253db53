package io.codarestore.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small POSIX tar (pax) writer: ustar headers, and a pax extended header in front of an entry
 * whenever a value does not fit ustar exactly (a path or link target that is too long or not plain
 * ASCII, a uid or size beyond the octal fields), so nothing is cut or mangled. File data is
 * streamed: {@link #beginFile}, {@link #write} exactly the announced bytes, {@link #endFile}.
 */
final class TarWriter {
  static final int BLOCK = 512;
  private static final long MAX_OCTAL_7 = 07777777L;
  private static final long MAX_OCTAL_11 = 077777777777L;

  private final OutputStream out;
  private final byte[] zeros = new byte[BLOCK];
  private long fileLeft = -1;
  private long fileSize;
  private long written;
  private int paxCount;

  /** Writes to {@code out}; the caller buffers it. */
  TarWriter(OutputStream out) {
    this.out = out;
  }

  /** Bytes written so far. */
  long offset() {
    return written;
  }

  void directory(String path, int mode, long uid, long mtime) throws IOException {
    String p = path.endsWith("/") ? path : path + "/";
    entry(p, '5', mode, uid, mtime, 0, null);
  }

  void symlink(String path, String target, int mode, long uid, long mtime) throws IOException {
    entry(path, '2', mode, uid, mtime, 0, target);
  }

  void hardLink(String path, String target, int mode, long uid, long mtime) throws IOException {
    entry(path, '1', mode, uid, mtime, 0, target);
  }

  /** Starts a regular file of {@code size} bytes; the data follows through {@link #write}. */
  void beginFile(String path, int mode, long uid, long mtime, long size) throws IOException {
    if (size < 0) {
      throw new IllegalArgumentException("negative size");
    }
    entry(path, '0', mode, uid, mtime, size, null);
    fileLeft = size;
    fileSize = size;
  }

  void write(byte[] b, int off, int len) throws IOException {
    if (len > fileLeft) {
      throw new IllegalStateException("more data than the announced size of the tar entry");
    }
    out.write(b, off, len);
    fileLeft -= len;
    written += len;
  }

  /** Ends the file data with zero padding to the block size. */
  void endFile() throws IOException {
    if (fileLeft != 0) {
      throw new IllegalStateException(
          fileLeft + " bytes of the announced tar entry were not written");
    }
    pad(fileSize);
    fileLeft = -1;
  }

  /** A whole small file from memory. */
  void file(String path, int mode, long uid, long mtime, byte[] data) throws IOException {
    beginFile(path, mode, uid, mtime, data.length);
    write(data, 0, data.length);
    endFile();
  }

  /** The end of the archive: two zero blocks. */
  void finish() throws IOException {
    requireNoFile();
    out.write(zeros);
    out.write(zeros);
    written += 2 * BLOCK;
    out.flush();
  }

  // ---------------------------------------------------------------------------------------

  private void requireNoFile() {
    if (fileLeft >= 0) {
      throw new IllegalStateException("the previous tar entry's data is not complete");
    }
  }

  private void entry(String path, char type, int mode, long uid, long mtime, long size, String link)
      throws IOException {
    requireNoFile();
    Map<String, String> pax = new LinkedHashMap<>();
    byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
    byte[] name = pathBytes;
    byte[] prefix = new byte[0];
    if (!isAscii(path) || pathBytes.length > 100) {
      int split = split(pathBytes);
      if (isAscii(path) && split > 0) {
        prefix = slice(pathBytes, 0, split);
        name = slice(pathBytes, split + 1, pathBytes.length);
      } else {
        pax.put("path", path);
        name = asciiTail(path, 100);
      }
    }
    byte[] linkBytes = new byte[0];
    if (link != null) {
      linkBytes = link.getBytes(StandardCharsets.UTF_8);
      if (!isAscii(link) || linkBytes.length > 100) {
        pax.put("linkpath", link);
        linkBytes = asciiTail(link, 100);
      }
    }
    if (uid > MAX_OCTAL_7 || uid < 0) {
      pax.put("uid", Long.toString(uid));
    }
    if (size > MAX_OCTAL_11) {
      pax.put("size", Long.toString(size));
    }
    if (mtime > MAX_OCTAL_11 || mtime < 0) {
      pax.put("mtime", Long.toString(mtime));
    }
    if (!pax.isEmpty()) {
      byte[] records = paxRecords(pax);
      String base = path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
      String paxName = "PaxHeaders." + paxCount++ + "/" + base;
      writeHeader(asciiTail(paxName, 100), new byte[0], 'x', 0644, 0, mtime, records.length, null);
      out.write(records);
      written += records.length;
      pad(records.length);
    }
    writeHeader(name, prefix, type, mode, uid, mtime, size, linkBytes);
  }

  private void writeHeader(
      byte[] name, byte[] prefix, char type, int mode, long uid, long mtime, long size, byte[] link)
      throws IOException {
    byte[] h = new byte[BLOCK];
    System.arraycopy(name, 0, h, 0, Math.min(100, name.length));
    octal(h, 100, 8, mode & 07777);
    octal(h, 108, 8, uid >= 0 && uid <= MAX_OCTAL_7 ? uid : 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size <= MAX_OCTAL_11 ? size : 0);
    octal(h, 136, 12, mtime >= 0 && mtime <= MAX_OCTAL_11 ? mtime : 0);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    h[156] = (byte) type;
    if (link != null) {
      System.arraycopy(link, 0, h, 157, Math.min(100, link.length));
    }
    byte[] magic = {'u', 's', 't', 'a', 'r', 0, '0', '0'};
    System.arraycopy(magic, 0, h, 257, magic.length);
    octal(h, 329, 8, 0);
    octal(h, 337, 8, 0);
    System.arraycopy(prefix, 0, h, 345, Math.min(155, prefix.length));
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xFF;
    }
    String s = String.format("%06o", sum);
    for (int i = 0; i < 6; i++) {
      h[148 + i] = (byte) s.charAt(i);
    }
    h[154] = 0;
    h[155] = ' ';
    out.write(h);
    written += BLOCK;
  }

  private void pad(long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) {
      out.write(zeros, 0, BLOCK - rest);
      written += BLOCK - rest;
    }
  }

  /** Octal digits, zero-filled, NUL-terminated, in a field of {@code len} bytes. */
  private static void octal(byte[] h, int off, int len, long v) {
    String s = Long.toOctalString(v);
    int digits = len - 1;
    if (s.length() > digits) {
      throw new IllegalArgumentException("value " + v + " does not fit a tar field");
    }
    for (int i = 0; i < digits - s.length(); i++) {
      h[off + i] = '0';
    }
    for (int i = 0; i < s.length(); i++) {
      h[off + digits - s.length() + i] = (byte) s.charAt(i);
    }
    h[off + digits] = 0;
  }

  /** The '/' at which a path splits into prefix (<= 155) and name (<= 100), or -1. */
  private static int split(byte[] p) {
    for (int i = p.length - 1; i > 0; i--) {
      if (p[i] == '/' && i <= 155 && p.length - i - 1 <= 100 && p.length - i - 1 > 0) {
        return i;
      }
    }
    return -1;
  }

  static byte[] paxRecords(Map<String, String> pax) {
    StringBuilder all = new StringBuilder();
    for (Map.Entry<String, String> e : pax.entrySet()) {
      int body =
          (" " + e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8).length;
      int len = body + 1;
      while (len != body + Integer.toString(len).length()) {
        len = body + Integer.toString(len).length();
      }
      all.append(len).append(' ').append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    return all.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == 0) {
        return false;
      }
    }
    return true;
  }

  /** A plain-ASCII stand-in of at most {@code max} bytes for readers without pax support. */
  private static byte[] asciiTail(String s, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c < 0x80 && c != 0 ? c : '_');
    }
    String a = b.toString();
    if (a.length() > max) {
      a = a.substring(a.length() - max);
    }
    return a.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] slice(byte[] b, int from, int to) {
    byte[] r = new byte[to - from];
    System.arraycopy(b, from, r, 0, r.length);
    return r;
  }
}
