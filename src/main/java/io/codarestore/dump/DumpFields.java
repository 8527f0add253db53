package io.codarestore.dump;

import static io.codarestore.dump.Tags.D_ENDVV;
import static io.codarestore.dump.Tags.D_MAX;

import java.nio.charset.StandardCharsets;

/**
 * The two variable-length field kinds of a dump, strings and version vectors, read from a {@link
 * DumpInput}; each read also tells whether its bytes are exactly what {@link DumpWriter} writes for
 * the value ({@link #lastStringCanonical}, {@link #lastVersionVectorCanonical}).
 */
final class DumpFields {
  /** ACL text longer than this is not a Coda ACL (47 entries of short names). */
  static final int MAX_ACL = 64 * 1024;

  /** Strings of the header and volume data are short names and messages. */
  static final int MAX_STRING = 64 * 1024;

  /** The field order {@link DumpWriter} writes a version vector in. */
  private static final String VV_FIELDS = "01234567suf";

  private final DumpInput in;
  private boolean vvCanonical;
  private boolean stringCanonical;

  DumpFields(DumpInput in) {
    this.in = in;
  }

  /** Whether the last version vector read had the writer's fields, in its order, each once. */
  boolean lastVersionVectorCanonical() {
    return vvCanonical;
  }

  /** Whether the last string read ended with exactly one NUL. */
  boolean lastStringCanonical() {
    return stringCanonical;
  }

  /** A version vector, up to and including its end tag. */
  VersionVector versionVector(String what) {
    int[] sites = new int[VersionVector.SITES];
    int host = 0;
    int uniq = 0;
    int flags = 0;
    int order = 0;
    boolean canonical = true;
    while (true) {
      long at = in.offset();
      int f = in.u8(what);
      if (f > D_MAX && order < VV_FIELDS.length() && VV_FIELDS.charAt(order) == f) {
        order++;
      } else if (f > D_MAX) {
        canonical = false;
      }
      if (f <= D_MAX) {
        if (f != D_ENDVV) {
          throw in.error(
              at,
              in.describe(what)
                  + ": expected the end of the version vector ("
                  + D_ENDVV
                  + "), found "
                  + Tags.describe(f));
        }
        vvCanonical = canonical && order == VV_FIELDS.length();
        return new VersionVector(sites, host, uniq, flags);
      }
      switch (f) {
        case '0', '1', '2', '3', '4', '5', '6', '7' -> sites[f - '0'] = in.i32(what);
        case 's' -> host = in.i32(what);
        case 'u' -> uniq = in.i32(what);
        case 'f' -> flags = in.i32(what);
        default ->
            throw in.error(
                at, in.describe(what) + ": unknown version-vector field " + Tags.describe(f));
      }
    }
  }

  /** A length-prefixed string, cut at its first NUL; lengths over {@code max} are refused. */
  String string(String what, int max) {
    long at = in.offset();
    long n = DumpHeader.unsigned(in.i32(what + " length"));
    if (n > max) {
      throw in.error(
          at, in.describe(what) + ": implausible length " + n + " (at most " + max + " expected)");
    }
    in.require(n, what);
    byte[] b = new byte[(int) n];
    in.readFully(b, 0, b.length, what);
    int end = 0;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    stringCanonical = b.length >= 1 && end == b.length - 1;
    return new String(b, 0, end, StandardCharsets.ISO_8859_1);
  }
}
