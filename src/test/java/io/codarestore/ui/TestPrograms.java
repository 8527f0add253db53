package io.codarestore.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Real executables for the Target page's program fields (it refuses a command that is neither on
 * the PATH nor an executable file): {@code volutil} is the shared volutil simulator when {@code
 * ../shared} is there, else a script that fails like a server that cannot be reached.
 */
final class TestPrograms {
  private TestPrograms() {}

  /** An executable named {@code volutil} in {@code dir/bin}. */
  static Path volutil(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path v = bin.resolve("volutil");
    Path sim = Path.of("..", "shared", "tools", "volutil-sim").toAbsolutePath();
    if (Files.isExecutable(sim)) {
      Files.createSymbolicLink(v, sim);
      return v;
    }
    return script(v, "echo 'RPC2_NOBINDING' >&2\nexit 1\n");
  }

  /** An executable named {@code name} in {@code dir/bin} that records nothing and succeeds. */
  static Path program(Path dir, String name) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    return script(bin.resolve(name), "exit 0\n");
  }

  private static Path script(Path p, String body) throws IOException {
    Files.writeString(p, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}
