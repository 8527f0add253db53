package io.codarestore.amanda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Amanda's {@code tapelist} (spec amanda-catalog.md §3): one tape per line, newest first: {@code
 * <datestamp> <label> reuse|no-reuse [KEY:value]... [#comment]}. Unknown keys are ignored; bad
 * lines become {@link LineProblem}s and are skipped.
 */
public record Tapelist(String file, List<TapelistEntry> entries, List<LineProblem> problems) {
  public Tapelist {
    entries = List.copyOf(entries);
    problems = List.copyOf(problems);
  }

  /** Reads the file in one go (Amanda replaces it by rename, so one read sees one version). */
  public static Tapelist read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
  }

  public static Tapelist parse(String text, String name) {
    Map<String, TapelistEntry> byLabel = new LinkedHashMap<>();
    List<LineProblem> problems = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int position = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int lineNo = i + 1;
      String comment = null;
      int hash = line.indexOf('#');
      if (hash >= 0 && line.lastIndexOf('"', hash) < 0) {
        comment = line.substring(hash + 1).strip();
        line = line.substring(0, hash);
      }
      if (line.isBlank()) {
        continue;
      }
      try {
        AmandaLogTokenizer t = new AmandaLogTokenizer(line);
        TapelistEntry entry = entry(t, name, lineNo, comment, position, problems);
        if (entry == null) {
          continue;
        }
        String label = entry.label();
        if (byLabel.containsKey(label)) {
          problems.add(
              new LineProblem(
                  name, lineNo, "label " + label + " appears twice; the first line is used"));
          continue;
        }
        byLabel.put(label, entry);
        position++;
      } catch (AmandaLogTokenizer.UnterminatedQuoteException e) {
        problems.add(new LineProblem(name, lineNo, e.getMessage()));
      }
    }
    return new Tapelist(name, new ArrayList<>(byLabel.values()), problems);
  }

  /** One line's entry, or null when the line is wrong (added to {@code problems}). */
  private static TapelistEntry entry(
      AmandaLogTokenizer t,
      String name,
      int lineNo,
      String comment,
      int position,
      List<LineProblem> problems) {
    String ds = t.next();
    String label = t.next();
    String reuseWord = t.next();
    if (label == null || reuseWord == null) {
      problems.add(new LineProblem(name, lineNo, "expected '<datestamp> <label> reuse|no-reuse'"));
      return null;
    }
    if (!ds.equals("0") && !AmandaLogLineReader.isDatestamp(ds)) {
      problems.add(
          new LineProblem(name, lineNo, "'" + ds + "' is not a datestamp (0, 8 or 14 digits)"));
      return null;
    }
    boolean reuse;
    if (reuseWord.equals("reuse")) {
      reuse = true;
    } else if (reuseWord.equals("no-reuse")) {
      reuse = false;
    } else {
      problems.add(
          new LineProblem(
              name, lineNo, "third word '" + reuseWord + "' is neither reuse nor no-reuse"));
      return null;
    }
    int blocksize = -1;
    String pool = null;
    String storage = null;
    String config = null;
    String barcode = null;
    String w;
    while ((w = t.next()) != null) {
      int colon = w.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String v = w.substring(colon + 1);
      switch (w.substring(0, colon)) {
        case "BLOCKSIZE" -> blocksize = parseIntOr(v, -1);
        case "POOL" -> pool = v;
        case "STORAGE" -> storage = v;
        case "CONFIG" -> config = v;
        case "BARCODE" -> barcode = v;
        default -> {
          // META: and keys of newer versions.
        }
      }
    }
    return new TapelistEntry(
        ds, label, reuse, blocksize, pool, storage, config, barcode, comment, position);
  }

  public Optional<TapelistEntry> find(String label) {
    for (TapelistEntry e : entries) {
      if (e.label().equals(label)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static int parseIntOr(String s, int fallback) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
