package io.codarestore.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.core.ExternalProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * A simulated Coda server and its volutil client: {@code shared/tools/volutil-sim}, which behaves
 * like the real Coda 8 client and server for restores (stdin hangs, pipes fail, the stock client
 * fails above 512000 bytes). Tests that need it are skipped (not passed) when it is absent.
 */
public final class VolutilSim {
  private final Path tool;
  private final Path root;

  private VolutilSim(Path tool, Path root) {
    this.tool = tool;
    this.root = root;
  }

  /** A new simulated server in {@code root} (a fresh directory). */
  public static VolutilSim start(Path root) {
    Path tool = AmandaFixture.sharedDir().resolve("tools/volutil-sim");
    assumeTrue(Files.isExecutable(tool), "volutil-sim not found: " + tool);
    ExternalProgram.of(
            List.of(tool.toString(), "init-server", root.toString(), "--volume", "scratch:1:5"))
        .runChecked();
    return new VolutilSim(tool, root);
  }

  public Path root() {
    return root;
  }

  public Path tool() {
    return tool;
  }

  /**
   * A {@code volutil} for this server, as the help of volutil-sim says to install it: a wrapper
   * that sets the environment and runs the simulator with the arguments it got.
   *
   * @param client "stock" (fails above 512000 bytes) or "fixed" (the SFTP quota fix)
   */
  public Path volutil(Path where, String client) throws IOException {
    return script(
        where,
        "VOLUTIL_SIM_ROOT='"
            + root
            + "' VOLUTIL_SIM_CLIENT="
            + client
            + " exec '"
            + tool
            + "' \"$@\"\n");
  }

  /**
   * A volutil that reads the dump from standard input whatever it is told, as a client without
   * {@code -f} does: the simulated client asserts and then hangs forever, as the real one.
   */
  public Path hangingVolutil(Path where) throws IOException {
    return script(
        where, "VOLUTIL_SIM_ROOT='" + root + "' exec '" + tool + "' restore /vicepa hung.volume\n");
  }

  private static Path script(Path where, String body) throws IOException {
    Files.writeString(where, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(where, PosixFilePermissions.fromString("rwxr-xr-x"));
    return where;
  }

  /** The dumps the server received, as {@code restored/ID.dump}. */
  public List<Path> restored() throws IOException {
    Path dir = root.resolve("restored");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".dump")).sorted().toList();
    }
  }

  /** The server's log. */
  public String srvLog() throws IOException {
    return Files.readString(root.resolve("vice/srv/SrvLog"));
  }
}
