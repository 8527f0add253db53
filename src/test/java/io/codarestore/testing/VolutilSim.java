package io.codarestore.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.core.ExternalProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A simulated Coda server and its volutil client: {@code shared/tools/volutil-sim}, which behaves
 * like the real Coda 8 client and server (stdin restores hang, pipes fail, the stock client fails
 * above 512000 bytes, dumpestimate kills the server once a volume has an ancient list...), in a
 * directory of the test, with {@code volutil} wrappers that set its environment as the sim's help
 * prescribes (a caller that scrubs the environment needs that). Tests that need it are skipped (not
 * passed) when it is absent.
 */
public final class VolutilSim {
  private final Path tool;
  private final Path root;
  private final Path volutil;

  private VolutilSim(Path tool, Path root, Path volutil) {
    this.tool = tool;
    this.root = root;
    this.volutil = volutil;
  }

  private static Path findTool() {
    Path tool = AmandaFixture.sharedDir().resolve("tools/volutil-sim");
    assumeTrue(Files.isExecutable(tool), "volutil-sim not found: " + tool);
    return tool;
  }

  /** A new simulated server in {@code root} (a fresh directory) with one scratch volume. */
  public static VolutilSim start(Path root) {
    Path tool = findTool();
    ExternalProgram.of(
            List.of(tool.toString(), "init-server", root.toString(), "--volume", "scratch:1:5"))
        .runChecked();
    return new VolutilSim(tool, root, null);
  }

  /**
   * A new server in {@code dir/server} with volumes {@code NAME[:SEED[:FILES]]}, and its {@code
   * volutil} wrapper in {@code dir/bin}.
   */
  public static VolutilSim create(Path dir, String... volumes) throws IOException {
    Path tool = findTool();
    Path root = dir.resolve("server");
    List<String> argv = new ArrayList<>(List.of(tool.toString(), "init-server", root.toString()));
    for (String v : volumes) {
      argv.add("--volume");
      argv.add(v);
    }
    ExternalProgram.of(argv).runChecked();
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path volutil =
        script(
            bin.resolve("volutil"), "VOLUTIL_SIM_ROOT='" + root + "' exec '" + tool + "' \"$@\"\n");
    return new VolutilSim(tool, root, volutil);
  }

  public Path root() {
    return root;
  }

  /** The simulator itself (e.g. to find its processes). */
  public Path tool() {
    return tool;
  }

  /** The wrapper made by {@link #create}, to give as {@code --volutil}. */
  public Path volutil() {
    if (volutil == null) {
      throw new IllegalStateException("a server made by start() has no default wrapper");
    }
    return volutil;
  }

  /**
   * A {@code volutil} for this server at {@code where}: a wrapper that sets the environment and
   * runs the simulator with the arguments it got.
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

  /** Runs a volutil command on this server through the {@link #volutil()} wrapper. */
  public ExternalProgram.Result run(String... args) {
    List<String> argv = new ArrayList<>(List.of(volutil().toString()));
    argv.addAll(List.of(args));
    return ExternalProgram.of(argv).run();
  }

  /**
   * Runs a simulator command that takes ROOT as its first argument ({@code advance}, {@code
   * truth}).
   */
  public ExternalProgram.Result sim(String command, String... args) {
    List<String> argv = new ArrayList<>(List.of(tool.toString(), command, root.toString()));
    argv.addAll(List.of(args));
    return ExternalProgram.of(argv).runChecked();
  }

  /**
   * The volutil commands called so far ({@code lock 01000001}, ...), simulator commands left out.
   */
  public List<String> calls() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(root.resolve("calls.log"))) {
      JsonNode n = json.readTree(line);
      if (n.path("event").asText().equals("call") && !n.path("sim").asBoolean(false)) {
        List<String> words = new ArrayList<>();
        n.path("argv").forEach(a -> words.add(a.asText()));
        out.add(String.join(" ", words));
      }
    }
    return out;
  }

  /**
   * The index lines a dump of the clone the last successful dump was taken from must have: {@code
   * /}, directories with a trailing {@code /}, files and symlinks.
   */
  public List<String> truthIndex(String volume) throws IOException {
    Path file = Files.createTempFile(root.getParent(), "truth", ".json");
    sim("truth", volume, "--out", file.toString());
    JsonNode truth = new ObjectMapper().readTree(file.toFile());
    Files.delete(file);
    List<String> out = new ArrayList<>();
    for (JsonNode e : truth.path("entries")) {
      String path = e.path("path").asText();
      String p = path.equals(".") ? "/" : "/" + path;
      out.add(e.path("type").asText().equals("dir") && !p.equals("/") ? p + "/" : p);
    }
    return out;
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
