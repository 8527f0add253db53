package io.codarestore.amanda;

import io.codarestore.dump.DumpFormatException;
import io.codarestore.dump.DumpHeader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accepts a fetched dump only if its Coda dump header matches the catalog entry: the level must
 * equal the Amanda level, and the dumped clone must be a clone of the Amanda disk.
 *
 * <p>The name rule. Amanda's disk is the Coda volume name (for example {@code u.alice}); the dump
 * header carries the name of the clone that was dumped, which Coda forms from the replica's name
 * plus {@code .backup} (a read-only clone: {@code .readonly}), cut to 31 bytes. A replica of a
 * replicated volume is named {@code <volume>.<index>}. So the header name must be one of
 *
 * <ul>
 *   <li>{@code <disk>} itself,
 *   <li>{@code <disk>.backup} or {@code <disk>.readonly} (a non-replicated volume, or a disk that
 *       names the replica),
 *   <li>{@code <disk>.<digits>.backup} or {@code <disk>.<digits>.readonly} (a replica: the
 *       fixture's {@code u.alice.0.backup}, the real server's {@code dumpfix.0.backup}),
 * </ul>
 *
 * or, when the header name is exactly 31 bytes long (Coda cut it), a prefix of one of those. A
 * volume named like another one plus {@code .<digits>} (say {@code u.alice.0} next to {@code
 * u.alice}) cannot be told apart by name; the level and the catalog's own entry still are.
 */
public final class CodaDumpCheck implements DumpStartCheck {
  /** Coda's volume names are {@code char[32]}: at most 31 bytes. */
  static final int MAX_NAME_BYTES = 31;

  private static final Pattern CLONE_SUFFIX = Pattern.compile("(\\.[0-9]+)?\\.(backup|readonly)");

  @Override
  public void check(FetchRequest request, byte[] start, int length) {
    DumpHeader header;
    try {
      header = DumpHeader.read(new ByteArrayInputStream(start, 0, length), "its first bytes");
    } catch (DumpFormatException e) {
      throw new DumpMismatchException(
          "the fetched " + request.describe() + " is not a Coda volume dump: " + e.getMessage(), e);
    }
    if (header.level() != request.level()) {
      throw new DumpMismatchException(
          "the fetched "
              + request.describe()
              + " is a level "
              + header.level()
              + " Coda dump of "
              + header.name()
              + ", not level "
              + request.level()
              + ": the media hold another dump than the catalog says");
    }
    if (!isCloneOf(header.name(), request.disk())) {
      throw new DumpMismatchException(
          "the fetched "
              + request.describe()
              + " is a Coda dump of volume "
              + header.name()
              + ", which is not a clone of "
              + request.disk()
              + " (expected "
              + request.disk()
              + ".backup or "
              + request.disk()
              + ".<replica>.backup): the media hold another volume than the catalog says");
    }
  }

  /** The name rule of the class comment. */
  static boolean isCloneOf(String dumpName, String disk) {
    if (dumpName.equals(disk)) {
      return true;
    }
    boolean cut = dumpName.getBytes(StandardCharsets.UTF_8).length == MAX_NAME_BYTES;
    if (!dumpName.startsWith(disk)) {
      return cut && disk.startsWith(dumpName);
    }
    Matcher m = CLONE_SUFFIX.matcher(dumpName.substring(disk.length()));
    return m.matches() || (cut && m.hitEnd());
  }
}
