package io.codarestore.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.dump.RealFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real Amanda installation per test run, built by {@code shared/tools/amanda-fixture} into
 * {@code target/} (about 90 s) and shared by every test class that needs it. Tests that call {@link
 * #get()} are skipped (not passed) where Amanda, root or the shared tools are missing; CI installs
 * Amanda and runs as root.
 */
public final class RealAmandaFixture {
  /** A config name of our own, so the fixture does not collide with one built by hand. */
  public static final String CONFIG = "codarestore-it";

  private static Path built;
  private static String failure;

  private RealAmandaFixture() {}

  public static boolean amandaInstalled() {
    return Files.isExecutable(Path.of("/usr/sbin/amdump"))
        || Files.isExecutable(Path.of("/usr/bin/amdump"));
  }

  static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The fixture's OUTDIR; skips the calling test when it cannot be built here. */
  public static synchronized Path get() {
    assumeTrue(
        amandaInstalled(), "Amanda is not installed (CI installs amanda-server and amanda-client)");
    assumeTrue(root(), "building a real Amanda fixture needs root");
    Path tool = RealFixtures.shared().resolve("tools/amanda-fixture");
    assumeTrue(Files.isRegularFile(tool), "shared/tools/amanda-fixture not found");
    if (built != null) {
      return built;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    Path out = Path.of("target", "amanda-fixture").toAbsolutePath();
    Path log = Path.of("target", "amanda-fixture.log").toAbsolutePath();
    try {
      if (Files.isRegularFile(out.resolve("catalog/manifest.json"))) {
        built = out; // built by an earlier test run of this checkout
        return built;
      }
      if (Files.exists(out)) {
        new ProcessBuilder("rm", "-rf", out.toString()).inheritIO().start().waitFor();
      }
      Process p =
          new ProcessBuilder(
                  List.of(
                      "python3",
                      tool.toString(),
                      "--config",
                      CONFIG,
                      "--generator",
                      RealFixtures.dumpgen().toString(),
                      out.toString()))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        failure = "amanda-fixture did not finish in 15 minutes; see " + log;
      } else if (p.exitValue() != 0) {
        failure = "amanda-fixture failed (status " + p.exitValue() + "); see " + log;
      }
    } catch (IOException e) {
      failure = "cannot run amanda-fixture: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted while building the Amanda fixture";
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    built = out;
    return built;
  }
}
