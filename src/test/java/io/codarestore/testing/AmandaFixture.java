package io.codarestore.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Amanda installation built by {@code shared/tools/amanda-fixture} (spec amanda-catalog.md
 * §2, §13): ten days of amdump runs of three Coda volumes onto vtapes. Built once per test JVM into
 * {@code target/amanda-fixture} and shared by every test class; tests that need it are skipped (not
 * passed) when Amanda is not installed or the tests do not run as root.
 *
 * <p>{@code -Dcodarestore.amandaFixture=DIR} uses an already built fixture instead (read only).
 */
public final class AmandaFixture {
  /**
   * Config name registered in /etc/amanda for the fixture built by the tests. Always the same
   * length (the pid zero-padded to pid_max's 7 digits): the name is in every tape header, so its
   * length moves where a part hits the end of a vtape, i.e. whether a part is written PARTIAL on
   * one tape and whole on the next.
   */
  static final String CONFIG = String.format("cra-it-%07d", ProcessHandle.current().pid());

  private static final Object LOCK = new Object();
  private static AmandaFixture instance;
  private static String failure;

  private final Path outdir;

  private AmandaFixture(Path outdir) {
    this.outdir = outdir;
  }

  /** The shared fixture; skips the calling test if it cannot exist here. */
  public static AmandaFixture get() {
    String given = System.getProperty("codarestore.amandaFixture");
    if (given != null && !given.isBlank()) {
      Path dir = Path.of(given);
      assumeTrue(
          Files.isRegularFile(dir.resolve("catalog/manifest.json")),
          "codarestore.amandaFixture=" + given + " is not a built fixture");
      return new AmandaFixture(dir);
    }
    Path tool = sharedDir().resolve("tools/amanda-fixture");
    assumeTrue(Files.isExecutable(tool), "fixture tool not found: " + tool);
    assumeTrue(amandaInstalled(), "Amanda (amdump) is not installed");
    assumeTrue("root".equals(System.getProperty("user.name")), "the Amanda fixture needs root");
    synchronized (LOCK) {
      assumeTrue(failure == null, "the Amanda fixture could not be built: " + failure);
      if (instance == null) {
        try {
          instance = build(tool);
        } catch (IOException | InterruptedException | RuntimeException e) {
          failure = e.toString();
          throw new IllegalStateException("building the Amanda fixture failed", e);
        }
      }
      return instance;
    }
  }

  /** An already built fixture in {@code dir} (read only), e.g. to rerun tests against it. */
  public static AmandaFixture at(Path dir) {
    assumeTrue(
        Files.isRegularFile(dir.resolve("catalog/manifest.json")), dir + " is not a built fixture");
    return new AmandaFixture(dir);
  }

  /** The Amanda config name the fixture registered in /etc/amanda (for amfetchdump). */
  public static String config() {
    String given = System.getProperty("codarestore.amandaFixtureConfig");
    return given != null ? given : CONFIG;
  }

  public Path outdir() {
    return outdir;
  }

  /** The Amanda configuration directory ({@code amanda.conf}, tapelist). */
  public Path configDir() {
    return outdir.resolve("etc");
  }

  /** What the fixture recorded about Amanda's runs (manifest.json, dumps.txt, ...). */
  public Path catalogDir() {
    return outdir.resolve("catalog");
  }

  private static AmandaFixture build(Path tool) throws IOException, InterruptedException {
    return build(tool, "amanda-fixture", CONFIG, List.of());
  }

  /**
   * A fixture of its own in {@code target/NAME} made with extra arguments of the tool, e.g. {@code
   * --application LAUNCHER --days 10} (spec amanda-application.md §4); registered in /etc/amanda as
   * {@code config} until the JVM ends. Skips the calling test where Amanda cannot run.
   */
  public static AmandaFixture buildWith(String name, String config, List<String> toolArgs)
      throws IOException, InterruptedException {
    Path tool = sharedDir().resolve("tools/amanda-fixture");
    assumeTrue(Files.isExecutable(tool), "fixture tool not found: " + tool);
    assumeTrue(amandaInstalled(), "Amanda (amdump) is not installed");
    assumeTrue("root".equals(System.getProperty("user.name")), "the Amanda fixture needs root");
    return build(tool, name, config, toolArgs);
  }

  private static AmandaFixture build(Path tool, String name, String config, List<String> toolArgs)
      throws IOException, InterruptedException {
    Path target = Path.of("target").toAbsolutePath();
    Path out = target.resolve(name);
    deleteTree(out);
    Files.createDirectories(target);
    Path log = target.resolve(name + ".log");
    List<String> argv = new java.util.ArrayList<>(List.of(tool.toString(), "--config", config));
    argv.addAll(toolArgs);
    argv.add(out.toString());
    Process p =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            // amfetchdump (in the fixture's own check) waits for an answer on an open stdin
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    // the ten-night amcoda installation took 37.7 minutes at load 15-20 (2 shared cores)
    if (!p.waitFor(60, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("amanda-fixture took more than 60 minutes; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "amanda-fixture exited with " + p.exitValue() + "; see " + log);
    }
    Path link = Path.of("/etc/amanda", config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    if (Files.isSymbolicLink(link)) {
                      Files.delete(link);
                    }
                  } catch (IOException e) {
                    // Leaves a dangling /etc/amanda entry; harmless.
                  }
                }));
    return new AmandaFixture(out);
  }

  /** {@code ../shared} beside the checkout, or {@code -Dcodarestore.sharedDir}. */
  public static Path sharedDir() {
    String s = System.getProperty("codarestore.sharedDir");
    if (s != null && !s.isBlank()) {
      return Path.of(s);
    }
    return Path.of("").toAbsolutePath().getParent().resolve("shared");
  }

  private static boolean amandaInstalled() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "amdump"))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin/amdump"));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
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
