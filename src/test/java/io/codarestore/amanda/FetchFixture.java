package io.codarestore.amanda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Amanda setup built by {@code shared/tools/amanda-fixture} (spec/amanda-catalog.md §13),
 * once per test JVM, under {@code target/amanda-fixture-fetch}. Unlike the shared {@link
 * io.codarestore.testing.AmandaFixture} it has enough vtapes that no tape is reused, so the dumps
 * that span two tapes (with a dead PARTPARTIAL part between) are still there to be fetched. Tests
 * that need it call {@link #get()}, which skips them (JUnit assumption) where the fixture cannot be
 * built: not root, Amanda not installed, or the tool not beside the checkout. Set {@code
 * -Dfetch.fixture.reuse=true} to reuse an earlier build.
 */
final class FetchFixture {
  /**
   * One config name per JVM: /etc/amanda/NAME is a single symlink, and two checkouts building the
   * fixture at once under one name would run each other's amdumps (holding disks vanish, dumps
   * fail).
   */
  private static final String NEW_CONFIG = "cra-fetch-" + ProcessHandle.current().pid();

  /**
   * Enough slots (tapecycle = slots - 2) that no tape is reused in the ten days: the day-1 and
   * day-2 dumps that span two tapes, with their dead PARTPARTIAL parts, stay readable.
   */
  static final String VTAPES = "16";

  final Path dir;
  final JsonNode manifest;

  /** The Amanda config name (/etc/amanda/NAME) of this fixture. */
  final String config;

  final List<JsonNode> groundTruth;

  /** NATIVE-CRC and SERVER-CRC of every DONE taper line, keyed by {@link #key}. */
  final Map<String, Crc[]> doneCrcs;

  private FetchFixture(Path dir) throws IOException {
    this.dir = dir;
    ObjectMapper json = new ObjectMapper();
    this.manifest = json.readTree(dir.resolve("catalog/manifest.json").toFile());
    this.config = manifest.get("config").asText();
    List<JsonNode> truth = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("catalog/ground-truth.jsonl"))) {
      if (!line.isBlank()) {
        truth.add(json.readTree(line));
      }
    }
    this.groundTruth = List.copyOf(truth);
    this.doneCrcs = readDoneLines(dir.resolve("state/log"));
  }

  Path vtapes() {
    return dir.resolve("vtapes");
  }

  static String key(String host, String disk, String datestamp, int level) {
    return host + " " + disk + " " + datestamp + " " + level;
  }

  /** The dumps Amanda completed whose parts are all still on tape. */
  List<JsonNode> dumpsOnTape() {
    List<JsonNode> dumps = new ArrayList<>();
    for (JsonNode d : manifest.get("dumps")) {
      String status = d.get("status").asText();
      if (d.get("on_tape").asBoolean() && status.startsWith("OK") && !status.contains("PARTIAL")) {
        dumps.add(d);
      }
    }
    return dumps;
  }

  /** The request the catalog would make for a manifest dump: good parts, logged CRCs. */
  FetchRequest request(JsonNode d) {
    String host = d.get("host").asText();
    String disk = d.get("disk").asText();
    String datestamp = d.get("datestamp").asText();
    int level = d.get("level").asInt();
    List<PartLocation> parts = new ArrayList<>();
    for (JsonNode p : d.get("parts")) {
      if ("PART".equals(p.get("type").asText())) {
        int number = Integer.parseInt(p.get("part").asText().split("/")[0]);
        parts.add(new PartLocation(number, p.get("label").asText(), p.get("fileno").asInt()));
      }
    }
    parts.sort(Comparator.comparingInt(PartLocation::partNumber));
    Crc[] crcs = doneCrcs.get(key(host, disk, datestamp, level));
    if (crcs == null) {
      throw new IllegalStateException(
          "no DONE taper line for " + key(host, disk, datestamp, level));
    }
    return new FetchRequest(host, disk, datestamp, level, parts, crcs[0], crcs[1]);
  }

  /** SHA-256 values the generator recorded for (volume, level, day of the datestamp). */
  List<String> expectedSha256(FetchRequest r) {
    String day = r.datestamp().substring(0, 8);
    List<String> sums = new ArrayList<>();
    for (JsonNode t : groundTruth) {
      String tday = t.get("date").asText().substring(0, 10).replace("-", "");
      if (t.get("volume").asText().equals(r.disk())
          && t.get("level").asInt() == r.level()
          && tday.equals(day)) {
        sums.add(t.get("sha256").asText());
      }
    }
    return sums;
  }

  private static Map<String, Crc[]> readDoneLines(Path logdir) throws IOException {
    Map<String, Crc[]> crcs = new HashMap<>();
    List<Path> logs;
    try (Stream<Path> files = Files.walk(logdir, 2)) {
      logs = files.filter(p -> p.getFileName().toString().startsWith("log.")).toList();
    }
    for (Path log : logs) {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (!line.startsWith("DONE taper ")) {
          continue;
        }
        // DONE taper "ST:s" "POOL:p" host disk ds nparts lvl native client server [...]
        List<String> w = new ArrayList<>(List.of(line.split(" ")));
        w.removeIf(x -> x.startsWith("\"ST:") || x.startsWith("\"POOL:"));
        crcs.put(
            key(w.get(2), w.get(3), w.get(4), Integer.parseInt(w.get(6))),
            new Crc[] {Crc.parse(w.get(7)), Crc.parse(w.get(9))});
      }
    }
    return crcs;
  }

  /** The fixture, built on first use; skips the calling test where it cannot be built. */
  static FetchFixture get() {
    assumeTrue(canBuild(), "no Amanda fixture here: " + whyNot());
    return Holder.FIXTURE;
  }

  static Path tool() {
    return io.codarestore.testing.AmandaFixture.sharedDir().resolve("tools/amanda-fixture");
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static boolean canBuild() {
    return whyNot().isEmpty();
  }

  private static String whyNot() {
    if (!isRoot()) {
      return "the fixture needs root (Amanda runs as backup)";
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/amdump"))) {
      return "Amanda (amanda-server) is not installed";
    }
    if (!Files.isExecutable(tool())) {
      return tool() + " not found";
    }
    return "";
  }

  private static final class Holder {
    static final FetchFixture FIXTURE = build();

    private static FetchFixture build() {
      Path dir = Path.of("target", "amanda-fixture-fetch").toAbsolutePath();
      try {
        if (Boolean.getBoolean("fetch.fixture.reuse")
            && Files.exists(dir.resolve("catalog/manifest.json"))) {
          FetchFixture old = new FetchFixture(dir);
          // amfetchdump finds the config only through /etc/amanda/NAME, removed at the last exit
          Path link = Path.of("/etc/amanda", old.config);
          if (!Files.exists(link)) {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, dir.resolve("etc"));
            removeAtExit(link);
          }
          return old;
        }
        removeAtExit(Path.of("/etc/amanda", NEW_CONFIG));
        // On a busy machine an amdump run now and then loses its holding disk and fails every
        // dump ("Failed to open holding file"); such a build tests nothing, so build once more.
        String broken = "";
        for (int attempt = 1; attempt <= 2; attempt++) {
          FetchFixture fixture = buildOnce(dir, attempt);
          broken = fixture.brokenRuns();
          if (broken.isEmpty()) {
            return fixture;
          }
        }
        throw new IllegalStateException(
            "amanda-fixture twice produced failed amdump runs nobody asked for: "
                + broken
                + "; see "
                + dir.resolveSibling("amanda-fixture-fetch.log"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static void removeAtExit(Path link) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      Files.deleteIfExists(link);
                    } catch (IOException e) {
                      // a dangling /etc/amanda entry is harmless
                    }
                  }));
    }

    private static FetchFixture buildOnce(Path dir, int attempt)
        throws IOException, InterruptedException {
      deleteTree(dir);
      Files.createDirectories(dir.getParent());
      Path log = dir.resolveSibling("amanda-fixture-fetch.log");
      Process p =
          new ProcessBuilder(
                  tool().toString(),
                  "--config",
                  NEW_CONFIG,
                  "--vtapes",
                  VTAPES,
                  "--no-verify", // the tests below verify every dump themselves
                  dir.toString())
              // amfetchdump (the tool's own verify step) waits for "enter" on a stdin pipe
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectErrorStream(true)
              .redirectOutput(
                  attempt == 1
                      ? ProcessBuilder.Redirect.to(log.toFile())
                      : ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("amanda-fixture did not finish in 15 minutes; see " + log);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "amanda-fixture failed with status " + p.exitValue() + "; see " + log);
      }
      return new FetchFixture(dir);
    }
  }

  /**
   * Runs whose amdump failed (exit status bit 4) without a failure the fixture injected, e.g.
   * {@code "day 3 rc 4"}; empty when every run did what it was meant to.
   */
  String brokenRuns() {
    List<String> broken = new ArrayList<>();
    for (JsonNode run : manifest.get("runs")) {
      boolean injected = run.get("inject").toString().contains("fail");
      int rc = run.get("amdump_rc").asInt();
      if ((rc & 4) != 0 && !injected) {
        broken.add("day " + run.get("day").asInt() + " rc " + rc);
      }
    }
    return String.join(", ", broken);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Copies the vtapes to {@code target} so a test can damage them. */
  Path copyVtapes(Path target) throws IOException {
    try (Stream<Path> walk = Files.walk(vtapes())) {
      for (Path p : walk.toList()) {
        Path to = target.resolve(vtapes().relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          continue;
        }
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }
}
