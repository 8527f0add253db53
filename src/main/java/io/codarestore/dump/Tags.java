package io.codarestore.dump;

/** Byte values of the dump format (Coda's {@code volutil/dump.h}); see spec section 2. */
final class Tags {
  static final int D_DUMPHEADER = 1;
  static final int D_SMALLINDEX = 3;
  static final int D_LARGEINDEX = 4;
  static final int D_VNODE = 5;
  static final int D_ENDVV = 7;
  static final int D_DUMPEND = 8;
  static final int D_VOLUMEDISKDATA = 9;
  static final int D_NULLVNODE = 10;
  static final int D_DIRPAGES = 11;
  static final int D_FILEDATA = 12;
  static final int D_RMVNODE = 13;
  static final int D_BADINODE = 14;

  /** Every structural tag is at most this; every field tag is above it. */
  static final int D_MAX = 20;

  static final int DUMPVERSION = 2;
  static final int DUMPBEGINMAGIC = 0xB3A11322;
  static final int DUMPENDMAGIC = 0x3A214B6E;

  static final int DIR_PAGESIZE = 2048;
  static final int DIR_MAXPAGES = 128;
  static final int PAGE_TAG = 'P';

  private Tags() {}

  /** How a tag byte is shown in messages: letters as themselves, others as numbers. */
  static String describe(int tag) {
    if (tag < 0) {
      return "end of file";
    }
    if (tag > 32 && tag < 127) {
      return "'" + (char) tag + "' (" + tag + ")";
    }
    return "byte " + tag;
  }
}
