package io.codarestore.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sizes of each volume's last dumps per level, for {@code --estimate history}: one small file
 * per volume ({@code LEVEL BYTES} lines) in a directory of the backup user's home, replaced
 * atomically after each good backup.
 */
public final class DumpSizes {
  private final Path dir;

  public DumpSizes(Path dir) {
    this.dir = dir;
  }

  /** Bytes of the last dump at each level (empty when none is known). */
  public Map<Integer, Long> of(String disk) {
    Map<Integer, Long> sizes = new TreeMap<>();
    Path f = file(disk);
    if (!Files.isRegularFile(f)) {
      return sizes;
    }
    try {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String[] w = line.strip().split("\\s+");
        if (w.length == 2 && w[0].matches("\\d") && w[1].matches("\\d{1,18}")) {
          sizes.put(Integer.parseInt(w[0]), Long.parseLong(w[1]));
        }
      }
    } catch (IOException e) {
      return new TreeMap<>();
    }
    return sizes;
  }

  /** Records that the last dump of {@code disk} at {@code level} had {@code bytes}. */
  public void record(String disk, int level, long bytes) throws IOException {
    Map<Integer, Long> sizes = of(disk);
    sizes.put(level, bytes);
    Files.createDirectories(dir);
    StringBuilder b = new StringBuilder();
    sizes.forEach((l, n) -> b.append(l).append(' ').append(n).append('\n'));
    Path tmp = Files.createTempFile(dir, ".sizes", ".tmp");
    Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
    Files.move(
        tmp, file(disk), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private Path file(String disk) {
    return dir.resolve(disk.replaceAll("[^A-Za-z0-9._-]", "_") + ".sizes");
  }

  /** The levels a caller may ask for. */
  static boolean validLevel(int level) {
    return List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).contains(level);
  }
}
