package io.codarestore.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What Amanda itself recorded about a fixture (spec amanda-catalog.md §13): the dumps of {@code
 * manifest.json} and the rows of {@code amadmin CONF find}. The tests compare the catalog and the
 * planner with these, never with their own output.
 */
public final class FixtureRecords {
  private FixtureRecords() {}

  /** A part as the manifest lists it. */
  public record Part(String label, int fileNumber, String part, boolean broken) {}

  /** A dump of the manifest. */
  public record Dump(
      String host,
      String disk,
      String datestamp,
      int level,
      String status,
      int nparts,
      List<Part> parts,
      boolean onTape,
      String partsOnTape,
      String compressed,
      String log) {
    /** Amanda's verdict: a complete dump (warnings allowed). */
    public boolean good() {
      return status.equals("OK") || status.equals("OK (STRANGE)");
    }
  }

  public static List<Dump> manifestDumps(Path catalogDir) throws IOException {
    JsonNode m = new ObjectMapper().readTree(catalogDir.resolve("manifest.json").toFile());
    List<Dump> out = new ArrayList<>();
    for (JsonNode d : m.get("dumps")) {
      List<Part> parts = new ArrayList<>();
      for (JsonNode p : d.path("parts")) {
        parts.add(
            new Part(
                p.get("label").asText(),
                p.get("fileno").asInt(),
                p.get("part").asText(),
                p.get("type").asText().equals("PARTPARTIAL")));
      }
      out.add(
          new Dump(
              d.get("host").asText(),
              d.get("disk").asText(),
              d.get("datestamp").asText(),
              d.get("level").asInt(),
              d.get("status").asText(),
              d.path("nparts").isNumber() ? d.get("nparts").asInt() : -1,
              parts,
              d.path("on_tape").asBoolean(false),
              d.path("parts_on_tape").asText(""),
              d.path("compressed").isTextual() ? d.get("compressed").asText() : null,
              d.path("log").asText("")));
    }
    return out;
  }

  /** The manifest's tapelist: label to datestamp. */
  public static Map<String, String> manifestTapelist(Path catalogDir) throws IOException {
    JsonNode m = new ObjectMapper().readTree(catalogDir.resolve("manifest.json").toFile());
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : m.get("tapelist").properties()) {
      out.put(e.getKey(), e.getValue().get("datestamp").asText());
    }
    return out;
  }

  /**
   * One row of {@code amadmin find}: one part of one dump. Amanda prints the part's status, then
   * the dump's status when it differs, then a message (find.c): {@code OK} (part and dump good),
   * {@code OK PARTIAL} (a good part of an incomplete dump), {@code PARTIAL OK} (a dead part that
   * hit the end of a tape, of a dump that was then written whole), {@code OK FAIL Missing part},
   * {@code FAILED (dumper) [...]}.
   */
  public record FindRow(
      String datestamp,
      String host,
      String disk,
      int level,
      String label,
      int file,
      String part,
      String status) {
    private static final java.util.Set<String> WORDS =
        java.util.Set.of("OK", "PARTIAL", "FAIL", "FAILED");

    /** The first status word: this part's. */
    public String partStatus() {
      return status.split(" ", 2)[0];
    }

    /** The dump's status: the second word if it is a status word, else the part's. */
    public String dumpStatus() {
      String[] w = status.split(" ");
      return w.length > 1 && WORDS.contains(w[1]) ? w[1] : w[0];
    }

    /** Amanda counts the dump this row belongs to as good (whatever this part copy's status). */
    public boolean ok() {
      return dumpStatus().equals("OK");
    }
  }

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** Parses {@code amadmin-find.txt} (space-aligned columns; FAILED rows have no label). */
  public static List<FindRow> amadminFind(Path catalogDir) throws IOException {
    List<FindRow> out = new ArrayList<>();
    for (String line : Files.readAllLines(catalogDir.resolve("amadmin-find.txt"))) {
      String[] w = line.trim().split("\\s+");
      if (w.length < 8 || !DATE.matcher(w[0]).matches()) {
        continue;
      }
      int i = 1;
      String ds = w[0].replace("-", "");
      if (w[1].matches("\\d{2}:\\d{2}:\\d{2}")) {
        ds += w[1].replace(":", "");
        i = 2;
      }
      String host = w[i];
      String disk = w[i + 1];
      int level = Integer.parseInt(w[i + 2]);
      // Storage, pool and label may each be blank (FAILED rows): find "file part" instead.
      int j = i + 3;
      while (j + 1 < w.length && !(w[j].matches("\\d+") && w[j + 1].matches("-?\\d+/-?\\d+"))) {
        j++;
      }
      int between = j - (i + 3);
      String label = between == 3 || between == 1 ? w[j - 1] : "";
      int file = Integer.parseInt(w[j]);
      String part = w[j + 1];
      StringBuilder status = new StringBuilder();
      for (int k = j + 2; k < w.length; k++) {
        status.append(status.length() == 0 ? "" : " ").append(w[k]);
      }
      out.add(new FindRow(ds, host, disk, level, label, file, part, status.toString()));
    }
    return out;
  }
}
