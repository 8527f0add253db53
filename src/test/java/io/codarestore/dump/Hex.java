package io.codarestore.dump;

import java.io.ByteArrayOutputStream;

/** Hex text to bytes for byte-level expectations copied from the spec. */
final class Hex {
  private Hex() {}

  /** Parses hex digits, ignoring whitespace and the '|' separators the spec uses. */
  static byte[] bytes(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String s = text.replaceAll("[\\s|]", "");
    if (s.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits");
    }
    for (int i = 0; i < s.length(); i += 2) {
      out.write(Integer.parseInt(s.substring(i, i + 2), 16));
    }
    return out.toByteArray();
  }

  static String text(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = off; i < off + len; i++) {
      if (i > off) {
        sb.append(' ');
      }
      sb.append(String.format("%02x", b[i] & 0xFF));
    }
    return sb.toString();
  }
}
