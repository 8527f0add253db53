package io.codarestore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.core.ExternalProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A JVM run the way the amcoda fixture runs amcoda under Amanda ({@code faketime -f @DATE} with the
 * monotonic clock left real, plus {@link AmcodaFixture#JVM_UNDER_FAKETIME}) keeps honest timed
 * waits and sees the faked date: without that setting libfaketime returns every timed wait at once
 * and each amcoda call of the ten-night fixture spun for seconds.
 */
class FaketimeJvmTest {
  /** Runs in the child JVM: prints the faked year and how long three 300 ms waits took. */
  public static final class TimedWaits {
    public static void main(String[] args) throws InterruptedException {
      long t0 = System.nanoTime();
      Thread.sleep(300);
      long t1 = System.nanoTime();
      Object lock = new Object();
      synchronized (lock) {
        lock.wait(300);
      }
      long t2 = System.nanoTime();
      LockSupport.parkNanos(300_000_000L);
      long t3 = System.nanoTime();
      System.out.println(
          java.time.Year.now(java.time.ZoneOffset.UTC)
              + " "
              + (t1 - t0) / 1_000_000
              + " "
              + (t2 - t1) / 1_000_000
              + " "
              + (t3 - t2) / 1_000_000);
    }
  }

  @Test
  void timedWaitsLastTheirTimeUnderTheFixturesFaketime() throws Exception {
    Path faketime = onPath("faketime");
    assumeTrue(faketime != null, "faketime is not installed");
    String[] env = AmcodaFixture.JVM_UNDER_FAKETIME.split("=", 2);
    ExternalProgram.Result r =
        ExternalProgram.of(
                List.of(
                    faketime.toString(),
                    "-f",
                    "@2024-03-01 00:25:00",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    TimedWaits.class.getName()))
            .env("FAKETIME_DONT_FAKE_MONOTONIC", "1")
            .env(env[0], env[1])
            .timeout(Duration.ofSeconds(60))
            .runChecked();
    String[] f = r.stdout().get(r.stdout().size() - 1).split(" ");
    assertThat(f[0]).as("the year the JVM sees").isEqualTo("2024");
    for (int i = 1; i < 4; i++) {
      assertThat(Long.parseLong(f[i])).as("wait %d of 300 ms", i).isBetween(280L, 5_000L);
    }
  }

  private static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = dir.isEmpty() ? null : Path.of(dir, name);
      if (p != null && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
