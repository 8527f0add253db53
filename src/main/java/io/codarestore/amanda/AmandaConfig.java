package io.codarestore.amanda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of an Amanda configuration ({@code CONFIG_DIR/amanda.conf}) that the catalog needs:
 * where the logs, the tapelist, the info and index databases, the holding disks and the virtual
 * tapes are. Relative paths are relative to the configuration directory, as in Amanda. {@code
 * includefile} is followed, at most {@link #MAX_INCLUDE_DEPTH} files deep; each file read must be a
 * regular file of at most {@link #MAX_FILE_BYTES} bytes.
 *
 * @param vtapeRoot the directory of a {@code chg-disk} changer (slot1, slot2, ...), or null if the
 *     changer is something else (real tapes)
 * @param tpchanger the changer as written (after resolving a named changer or storage), or null
 */
public record AmandaConfig(
    Path configDir,
    Path logdir,
    Path tapelist,
    Path infofile,
    Path indexdir,
    String tpchanger,
    Path vtapeRoot,
    List<Path> holdingDirs) {
  public AmandaConfig {
    holdingDirs = List.copyOf(holdingDirs);
  }

  /** How many files deep {@code includefile} is followed (amanda.conf itself is depth 0). */
  public static final int MAX_INCLUDE_DEPTH = 32;

  /** The largest configuration file read (real ones are a few kilobytes). */
  public static final long MAX_FILE_BYTES = 4L << 20;

  /** Reads {@code configDir/amanda.conf}. */
  public static AmandaConfig read(Path configDir) {
    Path conf = configDir.resolve("amanda.conf");
    if (!Files.isRegularFile(conf)) {
      throw new AmandaConfigException(
          conf
              + ": not found; --config must name an Amanda configuration directory"
              + " (e.g. /etc/amanda/DailySet1)");
    }
    Reader r = new Reader(configDir);
    r.readFile(conf, null, 0);
    return r.result(conf);
  }

  /**
   * Collects top-level settings and the blocks ("define changer x {...}", "holdingdisk h {...}").
   */
  private static final class Reader {
    final Path configDir;
    final Map<String, String> top = new HashMap<>();
    final Map<String, Map<String, String>> changers = new HashMap<>();
    final Map<String, Map<String, String>> storages = new HashMap<>();
    final List<String> holdingDirs = new ArrayList<>();
    final Set<Path> seen = new HashSet<>();

    Reader(Path configDir) {
      this.configDir = configDir;
    }

    /**
     * Reads one file; {@code includedAt} is the FILE:LINE of the {@code includefile} that named it
     * (null for amanda.conf), {@code depth} how many includes deep it is.
     */
    void readFile(Path file, String includedAt, int depth) {
      String where = includedAt == null ? file.toString() : includedAt + ": includefile " + file;
      if (depth > MAX_INCLUDE_DEPTH) {
        throw new AmandaConfigException(
            where + ": includefile nested more than " + MAX_INCLUDE_DEPTH + " files deep");
      }
      Path real = file.toAbsolutePath().normalize();
      if (!seen.add(real)) {
        throw new AmandaConfigException(where + ": includefile loop");
      }
      List<String> lines = boundedLines(file, where);
      Deque<Map<String, String>> blocks = new ArrayDeque<>();
      Map<String, String> current = null;
      List<String> header = null;
      for (int i = 0; i < lines.size(); i++) {
        List<String> w;
        try {
          w = words(lines.get(i));
        } catch (AmandaLogTokenizer.UnterminatedQuoteException e) {
          throw new AmandaConfigException(file + ":" + (i + 1) + ": unterminated double quote");
        }
        if (w.isEmpty()) {
          continue;
        }
        if (w.size() == 1 && w.get(0).equals("{") && header != null) {
          // "define dumptype x" with the brace on the next line.
          w = new ArrayList<>(header);
          w.add("{");
        }
        header = null;
        String key = keyword(w.get(0));
        if (key.equals("}")) {
          if (!blocks.isEmpty()) {
            blocks.pop();
          }
          current = blocks.peek();
          continue;
        }
        if (current == null
            && (key.equals("define") || key.equals("holdingdisk"))
            && !w.get(w.size() - 1).equals("{")
            && w.size() <= 3) {
          header = w;
          if (key.equals("define")
              || i + 1 < lines.size() && lines.get(i + 1).strip().equals("{")) {
            continue;
          }
        }
        if (w.get(w.size() - 1).equals("{")) {
          current = openBlock(w, key);
          blocks.push(current);
          continue;
        }
        String value = w.size() > 1 ? w.get(1) : "";
        if (current != null) {
          current.put(key, value);
          if (key.equals("directory") && current.containsKey("#holding")) {
            holdingDirs.add(value);
          }
          continue;
        }
        if (key.equals("includefile")) {
          readFile(resolve(value), file + ":" + (i + 1), depth + 1);
        } else {
          top.put(key, value);
        }
      }
    }

    /** A block opened by {@code w} ("define changer x {", "holdingdisk h {", ...). */
    private Map<String, String> openBlock(List<String> w, String key) {
      Map<String, String> block = new HashMap<>();
      if (key.equals("define") && w.size() >= 4) {
        String kind = keyword(w.get(1));
        if (kind.equals("changer")) {
          changers.put(w.get(2), block);
        } else if (kind.equals("storage")) {
          storages.put(w.get(2), block);
        } else if (kind.equals("holdingdisk")) {
          block.put("#holding", "yes");
        }
      } else if (key.equals("holdingdisk")) {
        block.put("#holding", "yes");
      }
      return block;
    }

    /** The lines of a regular file of at most {@link #MAX_FILE_BYTES} bytes. */
    private static List<String> boundedLines(Path file, String where) {
      if (!Files.exists(file)) {
        throw new AmandaConfigException(where + ": not found");
      }
      if (!Files.isRegularFile(file)) {
        throw new AmandaConfigException(where + ": not a regular file");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
      } catch (IOException e) {
        throw new AmandaConfigException(where + ": cannot read: " + e.getMessage(), e);
      }
      if (bytes.length > MAX_FILE_BYTES) {
        throw new AmandaConfigException(
            where
                + ": larger than "
                + (MAX_FILE_BYTES >> 20)
                + " MiB; not an Amanda configuration");
      }
      return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }

    AmandaConfig result(Path conf) {
      String logdir = top.get("logdir");
      if (logdir == null || logdir.isEmpty()) {
        throw new AmandaConfigException(conf + ": no 'logdir' setting; cannot find Amanda's logs");
      }
      String tapelist = top.getOrDefault("tapelist", "tapelist");
      String changer = changer();
      List<Path> holding = new ArrayList<>();
      for (String h : holdingDirs) {
        holding.add(resolve(h));
      }
      return new AmandaConfig(
          configDir,
          resolve(logdir),
          resolve(tapelist),
          pathOrNull(top.get("infofile")),
          pathOrNull(top.get("indexdir")),
          changer,
          vtapeRoot(changer),
          holding);
    }

    /** The changer after following a named changer / storage definition. */
    private String changer() {
      String c = top.get("tpchanger");
      String tapedev = top.get("tapedev");
      if ((c == null || c.isEmpty()) && top.containsKey("storage")) {
        Map<String, String> s = storages.get(top.get("storage"));
        if (s != null) {
          c = s.get("tpchanger");
        }
      }
      for (int hops = 0; c != null && changers.containsKey(c) && hops < 10; hops++) {
        Map<String, String> def = changers.get(c);
        tapedev = def.getOrDefault("tapedev", tapedev);
        c = def.get("tpchanger");
      }
      if (c != null && c.equals("chg-disk") && tapedev != null && tapedev.startsWith("file:")) {
        return "chg-disk:" + tapedev.substring(5);
      }
      if ((c == null || c.isEmpty()) && tapedev != null && !tapedev.isEmpty()) {
        return tapedev;
      }
      return c == null || c.isEmpty() ? null : c;
    }

    private Path vtapeRoot(String changer) {
      if (changer != null && changer.startsWith("chg-disk:")) {
        return resolve(changer.substring("chg-disk:".length()));
      }
      return null;
    }

    private Path pathOrNull(String v) {
      return v == null || v.isEmpty() ? null : resolve(v);
    }

    private Path resolve(String v) {
      return configDir.resolve(v).normalize();
    }

    /** Amanda keywords are case-insensitive and treat '-' and '_' alike. */
    private static String keyword(String w) {
      return w.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static List<String> words(String line) {
      List<String> out = new ArrayList<>();
      AmandaLogTokenizer t = new AmandaLogTokenizer(line);
      while (t.hasNext()) {
        int at = t.position();
        if (line.charAt(at) == '#') {
          break;
        }
        out.add(t.next());
      }
      return out;
    }
  }
}
