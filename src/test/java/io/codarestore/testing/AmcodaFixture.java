package io.codarestore.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Amanda installation made by {@code amanda-fixture --application} with this build's {@code
 * amcoda} launcher: ten nightly amdump runs of three simulated Coda volumes. Built once per test
 * JVM (4.3 minutes at load 10-12 on two cores; 19.3 minutes before amcoda's JVM had honest timed
 * waits under faketime, see {@link #JVM_UNDER_FAKETIME}) and shared by every test class that needs
 * it, or with {@code -Dcodarestore.amcodaFixture=DIR} and {@code
 * -Dcodarestore.amcodaFixtureConfig=NAME} one built by an earlier run is reused (its /etc/amanda
 * link is made again if it has gone).
 */
public final class AmcodaFixture {
  /** The built installation and the Amanda config name it is registered under. */
  public record Built(AmandaFixture fixture, String config) {}

  /**
   * The environment amcoda's JVM needs under the fixture's {@code faketime}: libfaketime 0.9.10's
   * "monotonic fix" (on by default with this glibc) breaks the JVM's timed waits ({@code
   * Object.wait(300)} and {@code parkNanos} return at once), so every poll loop of the program
   * spins and each amcoda call took 2-6 s instead of 0.3 s. The fixture leaves the monotonic clock
   * real ({@code FAKETIME_DONT_FAKE_MONOTONIC=1}), so the fix has nothing to fix; the faked wall
   * clock amcoda sees is unchanged. {@code FaketimeJvmTest} checks the waits with it.
   */
  static final String JVM_UNDER_FAKETIME = "FAKETIME_FORCE_MONOTONIC_FIX=0";

  private static Built built;
  private static String failure;

  private AmcodaFixture() {}

  /** The shared installation; skips the calling test where Amanda cannot run. */
  public static synchronized Built get() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        failure == null, "the amcoda fixture could not be built: " + failure);
    if (built == null) {
      try {
        built = build();
      } catch (Exception | Error e) {
        if (!(e instanceof org.opentest4j.TestAbortedException)) {
          failure = e.toString();
        }
        throw e;
      }
    }
    return built;
  }

  private static Built build() throws Exception {
    String config = "amcoda-it-" + ProcessHandle.current().pid();
    String given = System.getProperty("codarestore.amcodaFixture");
    Path launcher = AmcodaInstallation.prepare(Path.of("target", "amcoda-it").toAbsolutePath());
    if (given != null && !given.isBlank()) {
      AmandaFixture fixture = AmandaFixture.at(Path.of(given));
      config = System.getProperty("codarestore.amcodaFixtureConfig", config);
      Path link = Path.of("/etc/amanda", config);
      if (!Files.exists(link)) {
        Files.deleteIfExists(link); // a dangling link of an earlier run
        Files.createSymbolicLink(link, fixture.configDir());
      }
      return new Built(fixture, config);
    }
    AmandaFixture fixture =
        AmandaFixture.buildWith(
            "amcoda-fixture",
            config,
            // --timeout: a loaded machine starts each JVM slowly; 180 s per night cut one
            List.of(
                "--application",
                launcher.toString(),
                "--days",
                "10",
                "--application-check",
                "--keep-streams",
                "--timeout",
                "900",
                "--app-env",
                JVM_UNDER_FAKETIME));
    return new Built(fixture, config);
  }
}
