package io.codarestore.restore;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space where a restore will write, against the bytes it needs. */
public final class SpaceCheck {
  private SpaceCheck() {}

  /**
   * @param where the folder written to (or its nearest existing ancestor is measured)
   * @param needed bytes the restore will write there
   * @param free usable bytes there now
   */
  public record Result(Path where, long needed, long free) {
    public boolean enough() {
      return free >= needed;
    }

    public String describe() {
      return String.format(
          "%s: %s needed, %s free%s",
          where, Bytes.human(needed), Bytes.human(free), enough() ? "" : " - NOT ENOUGH");
    }
  }

  public static Result check(Path where, long needed) throws IOException {
    Path p = where.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IOException("no existing folder above " + where);
    }
    FileStore store = Files.getFileStore(p);
    return new Result(where, needed, store.getUsableSpace());
  }
}
