package io.codarestore.dump;

import static io.codarestore.dump.DumpFields.MAX_STRING;
import static io.codarestore.dump.Tags.DUMPBEGINMAGIC;
import static io.codarestore.dump.Tags.DUMPENDMAGIC;
import static io.codarestore.dump.Tags.DUMPVERSION;
import static io.codarestore.dump.Tags.D_DUMPEND;
import static io.codarestore.dump.Tags.D_DUMPHEADER;
import static io.codarestore.dump.Tags.D_MAX;
import static io.codarestore.dump.Tags.D_VOLUMEDISKDATA;

/**
 * The sections of a dump around its vnode records, read from a {@link DumpInput}: the dump header,
 * the volume disk data, each index's header and the end marker. Every field is checked as it is
 * read; a bad byte is a {@link DumpFormatException} with its offset.
 */
final class DumpSections {
  private final DumpInput in;
  private final DumpFields fields;

  DumpSections(DumpInput in, DumpFields fields) {
    this.in = in;
    this.fields = fields;
  }

  /**
   * The next field tag of a section, consumed, or -1 (not consumed) when the next byte is the next
   * section's tag.
   */
  private int nextField(String section) {
    int f = in.peek();
    if (f < 0) {
      throw in.truncated(section, 1);
    }
    if (f <= D_MAX) {
      return -1;
    }
    in.u8(section + " field");
    return f;
  }

  DumpHeader header() {
    long at = in.offset();
    int t = in.peek();
    if (t < 0) {
      throw in.error(at, "empty file: not a Coda dump");
    }
    if (t != D_DUMPHEADER) {
      throw in.error(
          at,
          "not a Coda dump: first byte is " + t + ", expected " + D_DUMPHEADER + " (dump header)");
    }
    in.u8("dump header");
    int magic = in.i32("dump header magic");
    if (magic != DUMPBEGINMAGIC) {
      throw in.error(
          at + 1,
          "not a Coda dump: bad begin magic 0x"
              + Integer.toHexString(magic)
              + ", expected 0x"
              + Integer.toHexString(DUMPBEGINMAGIC));
    }
    int version = in.i32("dump version");
    if (version != DUMPVERSION) {
      throw in.error(at + 5, "unsupported dump version " + version + ", expected " + DUMPVERSION);
    }
    return headerFields(at);
  }

  private DumpHeader headerFields(long at) {
    int[] i = new int[128];
    String name = "";
    while (true) {
      long fieldAt = in.offset();
      int f = nextField("dump header");
      if (f < 0) {
        break;
      }
      switch (f) {
        case 'v' -> i['v'] = in.i32("header volume id");
        case 'p' -> i['p'] = in.i32("header parent id");
        case 'n' -> name = fields.string("header volume name", MAX_STRING);
        case 'b' -> i['b'] = in.i32("header backup date");
        case 'i' -> i['i'] = in.i32("header level");
        case 'I' -> {
          i['o'] = in.i32("header oldest uniquifier");
          i['l'] = in.i32("header latest uniquifier");
        }
        default -> throw in.error(fieldAt, "unknown dump-header field " + Tags.describe(f));
      }
    }
    if (i['v'] == 0) {
      throw in.error(at, "dump header has no (or a zero) volume id");
    }
    if (i['i'] < 0 || i['i'] > 9) {
      throw in.error(at, "dump level " + i['i'] + " is not 0..9");
    }
    return new DumpHeader(i['v'], i['p'], name, i['b'], i['i'], i['o'], i['l']);
  }

  VolumeDiskData volumeData() {
    long at = in.offset();
    int t = in.u8("volume data");
    if (t != D_VOLUMEDISKDATA) {
      throw in.error(
          at, "expected the volume data (" + D_VOLUMEDISKDATA + "), found " + Tags.describe(t));
    }
    int[] i = new int[128];
    String[] s = new String[128];
    int[] weekUse = new int[VolumeDiskData.WEEK];
    VersionVector vv = VersionVector.EMPTY;
    while (true) {
      long fieldAt = in.offset();
      int f = nextField("volume data");
      if (f < 0) {
        break;
      }
      switch (f) {
        case 'i',
            'v',
            'u',
            'p',
            'g',
            'c',
            'b',
            'q',
            'm',
            'x',
            'd',
            'f',
            'a',
            'o',
            'C',
            'A',
            'U',
            'E',
            'B',
            'D',
            'Z' ->
            i[f] = in.i32("volume field " + (char) f);
        case 's', '+', 't' -> i[f] = in.u8("volume field " + (char) f);
        case 'l' -> i[f] = in.u16("volume link count");
        case 'n', 'P', 'O', 'M' -> s[f] = fields.string("volume field " + (char) f, MAX_STRING);
        case 'W' -> weekUse(fieldAt, weekUse);
        case 'V' -> vv = fields.versionVector("volume version vector");
        default -> throw in.error(fieldAt, "unknown volume-data field " + Tags.describe(f));
      }
    }
    return volumeDiskData(i, s, weekUse, vv);
  }

  private void weekUse(long fieldAt, int[] weekUse) {
    int n = in.i32("week use count");
    if (n < 0 || n > 1024) {
      throw in.error(fieldAt + 1, "implausible week-use count " + DumpHeader.unsigned(n));
    }
    for (int k = 0; k < n; k++) {
      int v = in.i32("week use");
      if (k < weekUse.length) {
        weekUse[k] = v;
      }
    }
  }

  private static VolumeDiskData volumeDiskData(
      int[] i, String[] s, int[] weekUse, VersionVector vv) {
    return new VolumeDiskData(
        i['i'],
        i['v'],
        orEmpty(s['n']),
        orEmpty(s['P']),
        i['s'],
        i['+'],
        i['u'],
        i['t'],
        i['p'],
        i['g'],
        i['c'],
        i['b'],
        i['q'],
        i['m'],
        i['x'],
        i['d'],
        i['f'],
        i['l'],
        i['a'],
        i['o'],
        i['C'],
        i['A'],
        i['U'],
        i['E'],
        i['B'],
        orEmpty(s['O']),
        orEmpty(s['M']),
        weekUse,
        i['D'],
        i['Z'],
        vv);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  IndexHeader indexHeader(VnodeClass cls) {
    long at = in.offset();
    int t = in.u8(cls.label() + " index");
    if (t != cls.tag()) {
      throw in.error(
          at,
          "expected the " + cls.label() + " index (" + cls.tag() + "), found " + Tags.describe(t));
    }
    Integer count = null;
    Integer lists = null;
    while (true) {
      long fieldAt = in.offset();
      int f = nextField(cls.label() + " index header");
      if (f < 0) {
        break;
      }
      switch (f) {
        case 'v' -> count = in.i32("index vnode count");
        case 's' -> lists = in.i32("index list count");
        default -> throw in.error(fieldAt, "unknown index-header field " + Tags.describe(f));
      }
    }
    if (count == null || lists == null) {
      throw in.error(at, cls.label() + " index header lacks the vnode count or the list count");
    }
    if (lists == 0 || lists < 0) {
      throw in.error(
          at, cls.label() + " index has an invalid list count " + DumpHeader.unsigned(lists));
    }
    return new IndexHeader(cls, count, lists);
  }

  /** The end marker, and that the input ends right after it. */
  void end() {
    long at = in.offset();
    int t = in.u8("end marker");
    if (t != D_DUMPEND) {
      throw in.error(at, "expected the end marker (" + D_DUMPEND + "), found " + Tags.describe(t));
    }
    int magic = in.i32("end magic");
    if (magic != DUMPENDMAGIC) {
      throw in.error(
          at + 1,
          "bad end magic 0x"
              + Integer.toHexString(magic)
              + ", expected 0x"
              + Integer.toHexString(DUMPENDMAGIC));
    }
    if (in.peek() >= 0) {
      throw in.error(in.offset(), "unexpected bytes after the end marker");
    }
  }
}
