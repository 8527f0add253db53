package io.codarestore.dump;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Locations of the shared real-Coda fixtures and the reference tool (CI has both). */
public final class RealFixtures {
  private RealFixtures() {}

  /**
   * {@code ../shared} beside the checkout (or {@code -Dcodarestore.sharedDir}), as for every test
   * that needs it: a plain clone without it skips those tests.
   */
  public static Path shared() {
    return io.codarestore.testing.AmandaFixture.sharedDir().toAbsolutePath().normalize();
  }

  public static Path dir() {
    return shared().resolve("fixtures/coda-real");
  }

  public static Path dump(String name) {
    return dir().resolve(name);
  }

  public static Path merged(String name) {
    return dir().resolve("merged").resolve(name);
  }

  public static boolean available() {
    return Files.isDirectory(dir());
  }

  public static Path dumpgen() {
    return shared().resolve("tools/coda-dumpgen");
  }

  public static boolean dumpgenAvailable() {
    return Files.isRegularFile(dumpgen());
  }

  /** Every dump file of the fixtures, merged ones included. */
  public static Stream<Path> allDumps() throws java.io.IOException {
    try (Stream<Path> a = Files.list(dir());
        Stream<Path> b = Files.list(dir().resolve("merged"))) {
      return Stream.concat(a.toList().stream(), b.toList().stream())
          .filter(p -> p.toString().endsWith(".dump"))
          .sorted();
    }
  }
}
