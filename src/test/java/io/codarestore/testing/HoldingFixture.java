package io.codarestore.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.amanda.ConfigRelocation;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Amanda installation with dumps left on its holding disk: a copy of the shared {@link
 * AmandaFixture} (ten days on vtapes) under its own config name, with {@code chunksize 1 mbytes},
 * where one more day is dumped with {@code amdump --no-taper} (Amanda 3.5.1: "dump to holding disk
 * without writing anything to storage media"), as the backup user under faketime. Every volume's
 * dump of that day is then whole on the holding disk only; the biggest spans several chunk files.
 * Built once per test JVM under {@code target/amanda-fixture-holding}; {@link #copy} makes further
 * copies a test may change (amflush them, delete or break files).
 *
 * <p>Tests that need it are skipped (not passed) where the shared fixture cannot be built (no
 * Amanda, not root) or {@code faketime} is missing.
 */
public final class HoldingFixture {
  private static final String SYS_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final Pattern CLOCK =
      Pattern.compile("clock (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)");
  private static final Pattern DUMPGEN = Pattern.compile("property \"dumpgen\" \"([^\"]+)\"");
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

  private static final Object LOCK = new Object();
  private static HoldingFixture instance;
  private static String failure;

  private final Path base;
  private final Path outdir;
  private final String config;
  private final String datestamp;

  private HoldingFixture(Path base, Path outdir, String config, String datestamp) {
    this.base = base;
    this.outdir = outdir;
    this.config = config;
    this.datestamp = datestamp;
  }

  /** The fixture; skips the calling test where it cannot be built here. */
  public static HoldingFixture get() {
    AmandaFixture base = AmandaFixture.get();
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/faketime")), "faketime is not installed");
    synchronized (LOCK) {
      assumeTrue(failure == null, "the holding-disk fixture could not be built: " + failure);
      if (instance == null) {
        try {
          instance =
              build(
                  base.outdir(),
                  Path.of("target", "amanda-fixture-holding").toAbsolutePath(),
                  "cra-hold-" + ProcessHandle.current().pid());
        } catch (IOException | InterruptedException | RuntimeException e) {
          failure = e.toString();
          throw new IllegalStateException("building the holding-disk fixture failed", e);
        }
      }
      return instance;
    }
  }

  public Path outdir() {
    return outdir;
  }

  public Path configDir() {
    return outdir.resolve("etc");
  }

  public Path holdingDir() {
    return outdir.resolve("holding");
  }

  /** The Amanda config name registered in /etc/amanda for this copy. */
  public String config() {
    return config;
  }

  /** The datestamp of the run whose dumps stayed on the holding disk. */
  public String datestamp() {
    return datestamp;
  }

  /** The generator state of a volume (for coda-dumpgen's ground truth of the tree). */
  public Path genstate(String volume) {
    return outdir.resolve("coda/genstate").resolve(volume);
  }

  /** ground-truth.jsonl records of the dumps the holding-disk run streamed, by volume. */
  public Map<String, JsonNode> truthOfTheRun() throws IOException {
    String day =
        datestamp.substring(0, 4)
            + "-"
            + datestamp.substring(4, 6)
            + "-"
            + datestamp.substring(6, 8);
    Map<String, JsonNode> out = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(outdir.resolve("catalog/ground-truth.jsonl"))) {
      if (!line.isBlank()) {
        JsonNode t = json.readTree(line);
        if (t.get("date").asText().startsWith(day)) {
          out.put(t.get("volume").asText(), t);
        }
      }
    }
    return out;
  }

  /**
   * The holding files Amanda itself lists ({@code amadmin CONFIG find}, rows of storage {@code
   * HOLDING}): disk to the path of its first file.
   */
  public Map<String, String> amandaFindHolding() throws IOException, InterruptedException {
    String find = asBackup(List.of("amadmin", config, "find"), null, outdir.resolve("find.log"));
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : find.split("\n")) {
      String[] w = line.trim().split("\\s+");
      // date time host disk lv storage pool tape-or-file file part status
      if (w.length >= 11 && w[5].equals("HOLDING") && w[6].equals("HOLDING")) {
        out.put(w[3], w[7]);
      }
    }
    return out;
  }

  /**
   * A copy of this fixture beside it ({@code target/amanda-fixture-holding-SUFFIX}, where the
   * backup user can reach it) under config name {@code CONFIG-SUFFIX}: amanda.conf moved there,
   * /etc/amanda/NAME registered. The holding files' headers still name the original's paths, as
   * after moving a real holding disk by hand (Amanda itself would not follow them any more).
   */
  public HoldingFixture copy(String suffix) throws IOException, InterruptedException {
    Path dir = outdir.resolveSibling(outdir.getFileName() + "-" + suffix);
    String name = config + "-" + suffix;
    deleteTree(dir);
    copyTree(outdir, dir);
    relocate(dir, outdir, false);
    register(dir, name);
    return new HoldingFixture(base, dir, name, datestamp);
  }

  /** Runs {@code amflush} (as Amanda would the next day): the holding-disk dumps go to vtapes. */
  public String amflush() throws IOException, InterruptedException {
    LocalDateTime when = parseDatestamp(datestamp).plusHours(2);
    return asBackup(
        List.of(
            "/usr/bin/faketime",
            "-f",
            "@" + when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")),
            "amflush",
            "-b",
            "-f",
            config),
        null,
        outdir.resolve("amflush.log"));
  }

  /**
   * Another fixture like this one, built the same way from the same shared fixture into {@code
   * target/amanda-fixture-holding-SUFFIX} under config {@code CONFIG-SUFFIX}: a test may change it
   * with Amanda's own commands (amflush), which want holding files written where they are.
   */
  public HoldingFixture another(String suffix) throws IOException, InterruptedException {
    return build(
        base, outdir.resolveSibling(outdir.getFileName() + "-" + suffix), config + "-" + suffix);
  }

  private static HoldingFixture build(Path base, Path dir, String name)
      throws IOException, InterruptedException {
    String failed = "";
    // On a busy machine an amdump run now and then loses its holding disk ("Failed to open
    // holding file"); such a run tests nothing, so run it once more.
    for (int attempt = 1; attempt <= 2; attempt++) {
      deleteTree(dir);
      copyTree(base, dir);
      relocate(dir, base, true);
      register(dir, name);
      String ds = dumpOneMoreDay(dir, name);
      List<String> lines = Files.readAllLines(dir.resolve("state/log/log." + ds + ".0"));
      long ok = lines.stream().filter(l -> l.startsWith("SUCCESS chunker ")).count();
      if (ok == 3) {
        return new HoldingFixture(base, dir, name, ds);
      }
      failed = "attempt " + attempt + ": " + ok + " of 3 dumps reached the holding disk";
    }
    throw new IllegalStateException(
        failed + "; see " + dir.resolve("state/log") + " and " + dir.resolve("amdump.log"));
  }

  /** Advances every volume's generator a day and runs amdump --no-taper then; the datestamp. */
  private static String dumpOneMoreDay(Path dir, String name)
      throws IOException, InterruptedException {
    String conf = Files.readString(dir.resolve("etc/amanda.conf"));
    Matcher g = DUMPGEN.matcher(conf);
    if (!g.find()) {
      throw new IllegalStateException("no dumpgen property in " + dir.resolve("etc/amanda.conf"));
    }
    LocalDateTime latest = null;
    List<Path> volumes;
    try (Stream<Path> s = Files.list(dir.resolve("coda/genstate"))) {
      volumes = s.sorted().toList();
    }
    for (Path v : volumes) {
      String said =
          asBackup(
              List.of(g.group(1), "advance", "--state", v.toString(), "--days", "1"),
              null,
              dir.resolve("advance.log"));
      Matcher m = CLOCK.matcher(said);
      if (!m.find()) {
        throw new IllegalStateException("coda-dumpgen advance said no clock: " + said);
      }
      LocalDateTime t = LocalDateTime.parse(m.group(1), ISO);
      latest = latest == null || t.isAfter(latest) ? t : latest;
    }
    // As amanda-fixture does: a few minutes after the latest volume clock, whole minutes.
    LocalDateTime when = latest.plusMinutes(3).withSecond(0);
    Path clock = dir.resolve("coda/clock");
    Files.writeString(clock, when.format(ISO) + "\n");
    run(List.of("chown", "backup:backup", clock.toString()), dir.resolve("amdump.log"));
    asBackup(
        List.of(
            "/usr/bin/faketime",
            "-f",
            "@" + when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")),
            "amdump",
            "--no-taper",
            name),
        null,
        dir.resolve("amdump.log"));
    return when.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
  }

  private static void relocate(Path dir, Path from, boolean chunked)
      throws IOException, InterruptedException {
    Path confFile = dir.resolve("etc/amanda.conf");
    String conf = ConfigRelocation.relocate(Files.readString(confFile), from, dir);
    if (chunked) {
      // Small chunks, so that the biggest dump of the day spans several holding files.
      String c = conf.replaceFirst("(?m)^(\\s*)chunksize 0\\s*$", "$1chunksize 1 mbytes");
      if (c.equals(conf)) {
        throw new IllegalStateException("no 'chunksize 0' in " + confFile + " to change");
      }
      conf = c;
    }
    Files.writeString(confFile, conf);
    run(List.of("chown", "-R", "backup:backup", dir.toString()), dir.resolveSibling("chown.log"));
  }

  private static void register(Path dir, String name) throws IOException {
    Path link = Path.of("/etc/amanda", name);
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, dir.resolve("etc"));
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

  private static LocalDateTime parseDatestamp(String ds) {
    return LocalDateTime.parse(ds, DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
  }

  /** Runs an Amanda command as the backup user, stdin from /dev/null; its output. */
  private static String asBackup(List<String> command, Path cwd, Path log)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("runuser", "-u", "backup", "--"));
    argv.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().put("PATH", SYS_PATH);
    pb.environment().put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    pb.environment().remove("PYTHONPATH");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " took more than 10 minutes");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    Files.writeString(
        log,
        "$ " + String.join(" ", command) + "\n" + text + "(exit " + p.exitValue() + ")\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    // amdump's exit code is a bit mask (2 = strange, 16 = no tape ...): its log tells more.
    if (p.exitValue() != 0 && !command.contains("amdump") && !command.contains("amflush")) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited with " + p.exitValue() + ": " + text);
    }
    return text;
  }

  private static void run(List<String> command, Path log) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException, InterruptedException {
    Files.createDirectories(to.getParent());
    run(List.of("cp", "-a", from.toString(), to.toString()), to.resolveSibling("copy.log"));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              f -> {
                try {
                  Files.delete(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
