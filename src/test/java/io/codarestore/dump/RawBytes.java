package io.codarestore.dump;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-made byte sequences for tests that need what the writer never produces. */
final class RawBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  RawBytes u8(int... values) {
    for (int v : values) {
      out.write(v);
    }
    return this;
  }

  RawBytes u16(int v) {
    return u8(v >>> 8, v & 0xFF);
  }

  RawBytes i32(int v) {
    return u8(v >>> 24, (v >>> 16) & 0xFF, (v >>> 8) & 0xFF, v & 0xFF);
  }

  /** A field tag (a letter) and a 32-bit value. */
  RawBytes f32(char tag, int v) {
    return u8(tag).i32(v);
  }

  /** A string field as the format writes it: tag, length including the NUL, bytes, NUL. */
  RawBytes str(char tag, String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    u8(tag).i32(b.length + 1);
    out.writeBytes(b);
    return u8(0);
  }

  /** A string field with an explicit length and raw content (with or without a NUL). */
  RawBytes str(char tag, int length, byte[] content) {
    u8(tag).i32(length);
    out.writeBytes(content);
    return this;
  }

  RawBytes bytes(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  RawBytes bytes(byte[] b, int from, int to) {
    out.write(b, from, to - from);
    return this;
  }

  /** A version vector: 8 sites, StoreId, flags, D_ENDVV. */
  RawBytes vv(char tag, int site0, int host, int uniq) {
    u8(tag);
    for (int i = 0; i < 8; i++) {
      f32((char) ('0' + i), i == 0 ? site0 : 0);
    }
    return f32('s', host).f32('u', uniq).f32('f', 0).u8(Tags.D_ENDVV);
  }

  int size() {
    return out.size();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
