package io.codarestore.backup;

/**
 * One volume line of {@code volutil getvolumelist}: {@code <W|R|B|N><name> I<id> H<server>
 * P<partition> m.. M.. U<diskused> W<parentId> C.. D.. B<backupDate> A..} (hex, not zero padded).
 *
 * @param kind W read-write replica, R read-only, B backup clone, N non-replicated
 * @param backupDate Unix seconds of the last backup (0: never), for a read-write replica
 * @param diskUsedKb the volume's disk usage in KB
 */
public record ListedVolume(
    char kind, String name, int id, int parentId, long backupDate, long diskUsedKb) {

  /** Parses a volume line; null for a line that is not one (the partition line, messages). */
  static ListedVolume parse(String line) {
    if (line.length() < 2 || "WRBN".indexOf(line.charAt(0)) < 0) {
      return null;
    }
    String[] w = line.strip().split("\\s+");
    if (w.length < 2) {
      return null;
    }
    try {
      Long id = null;
      long parent = 0;
      long backup = 0;
      long used = 0;
      for (int i = 1; i < w.length; i++) {
        if (w[i].isEmpty()) {
          continue;
        }
        String v = w[i].substring(1);
        switch (w[i].charAt(0)) {
          case 'I' -> id = Long.parseLong(v, 16);
          case 'W' -> parent = Long.parseLong(v, 16);
          case 'B' -> backup = Long.parseLong(v, 16);
          case 'U' -> used = Long.parseLong(v, 16);
          default -> {
            // other fields are not used
          }
        }
      }
      if (id == null) {
        return null;
      }
      return new ListedVolume(
          line.charAt(0), w[0].substring(1), (int) (long) id, (int) parent, backup, used);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public String idText() {
    return String.format("%08x", id);
  }
}
