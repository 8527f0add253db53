package io.codarestore.cli;

import io.codarestore.dump.DumpHeader;
import io.codarestore.dump.ListingEntry;
import io.codarestore.dump.Printable;
import io.codarestore.dump.TreeNotice;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Shared text forms of dump values for the info, ls and extract commands. */
final class DumpText {
  private DumpText() {}

  /** Unix seconds (unsigned 32-bit) as ISO-8601 UTC. */
  static String date(long seconds) {
    return Instant.ofEpochSecond(seconds).toString();
  }

  static String date(int seconds) {
    return date(DumpHeader.unsigned(seconds));
  }

  /** A volume id as Coda prints it: 0x and eight hex digits. */
  static String hex(int id) {
    return String.format("0x%08x", id);
  }

  /** A dump string (one char per byte) as the UTF-8 text Coda clients wrote. */
  static String text(String isoLatin1) {
    return new String(isoLatin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  /** A dump string as {@link #text} for a terminal: control characters escaped as %XX. */
  static String shown(String isoLatin1) {
    return Printable.dumpString(isoLatin1);
  }

  static char typeLetter(String type) {
    return switch (type) {
      case ListingEntry.DIRECTORY -> 'd';
      case ListingEntry.SYMLINK -> 'l';
      case ListingEntry.FILE -> '-';
      default -> '?';
    };
  }

  /** "d 0755 1000 2048 2026-11-26T15:37:55Z 1.1 path" */
  static String line(ListingEntry e, String shownPath) {
    StringBuilder b = new StringBuilder();
    b.append(typeLetter(e.type()))
        .append(' ')
        .append(e.modeOctal())
        .append(String.format(" %5d %9d ", e.owner(), e.size()))
        .append(date(e.mtime()))
        .append(String.format(" %10s ", e.fid()))
        .append(shownPath);
    if (e.target() != null) {
      b.append(" -> ").append(Printable.of(e.target()));
    }
    if (e.hardLinkTo() != null) {
      b.append(" link to ").append(e.hardLinkTo());
    }
    return b.toString();
  }

  /** Notices as warnings on stderr, one line each. */
  static void warn(PrintWriter err, List<TreeNotice> notices) {
    for (TreeNotice n : notices) {
      err.println("coda-restore: warning: " + Printable.of(n.message()));
    }
    err.flush();
  }

  /** JSON name of a notice kind. */
  static String kind(TreeNotice.Kind k) {
    return k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
