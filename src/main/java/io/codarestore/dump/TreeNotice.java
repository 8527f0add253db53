package io.codarestore.dump;

/**
 * Something about a dump's tree the user should know: a name that had to be changed, an entry that
 * was ignored, a name that points at a vnode the dump lacks, data that could not be used.
 *
 * @param kind what happened
 * @param path where (relative to the volume root; "." is the root), or a fid when no path exists
 * @param message one line, names escaped
 */
public record TreeNotice(Kind kind, String path, String message) {
  /** The kinds of notice. */
  public enum Kind {
    /** A name was written under another name (unsafe bytes, duplicate, reserved). */
    RENAMED,
    /** A directory entry was not followed ("." / ".." pointing elsewhere, a second name). */
    IGNORED_ENTRY,
    /** A name refers to a vnode the dump does not hold. */
    DANGLING,
    /** A vnode record that cannot be used as it is (wrong type, unreadable data...). */
    BAD_VNODE
  }

  @Override
  public String toString() {
    return message;
  }
}
