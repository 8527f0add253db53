package io.codarestore.backup;

import java.util.List;
import java.util.Locale;

/**
 * A disklist entry resolved on this server: the read-write replica and, when one exists, its backup
 * clone.
 *
 * @param disk the name Amanda gave ({@code u.alice}, a replica name or a replica id)
 * @param replica the read-write replica ({@code W} line)
 * @param backupClone its backup clone ({@code B} line), or null before the first backup
 */
public record CodaVolume(String disk, ListedVolume replica, ListedVolume backupClone) {

  /**
   * Finds {@code disk} in a volume list: a replicated-volume name ({@code u.alice} matches the
   * replica {@code u.alice.N}), a replica name, or a replica id in hex.
   *
   * @throws AmcodaException when this server has no (or more than one) such replica
   */
  public static CodaVolume find(String disk, List<ListedVolume> list) {
    ListedVolume rw = null;
    Integer id = parseId(disk);
    for (ListedVolume v : list) {
      if (v.kind() != 'W') {
        continue;
      }
      boolean match =
          v.name().equals(disk)
              || (v.name().startsWith(disk + ".")
                  && v.name().substring(disk.length() + 1).matches("\\d+"))
              || (id != null && v.id() == id);
      if (match) {
        if (rw != null && rw.id() != v.id()) {
          throw new AmcodaException(
              "volume "
                  + disk
                  + " has two read-write replicas on this server ("
                  + rw.name()
                  + ", "
                  + v.name()
                  + "); name one of them in the disklist");
        }
        rw = v;
      }
    }
    if (rw == null) {
      throw new AmcodaException(
          "volume " + disk + " has no read-write replica on this server (volutil getvolumelist)");
    }
    ListedVolume clone = null;
    for (ListedVolume v : list) {
      if (v.kind() == 'B' && v.parentId() == rw.id()) {
        clone = v;
      }
    }
    return new CodaVolume(disk, rw, clone);
  }

  private static Integer parseId(String disk) {
    String s = disk.toLowerCase(Locale.ROOT);
    if (s.startsWith("0x")) {
      s = s.substring(2);
    }
    if (!s.matches("[0-9a-f]{1,8}")) {
      return null;
    }
    return (int) Long.parseLong(s, 16);
  }
}
