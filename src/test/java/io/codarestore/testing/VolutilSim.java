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

/**
 * A simulated Coda server made with {@code shared/tools/volutil-sim} in a directory of the test,
 * and a {@code volutil} wrapper that talks to it (sets {@code VOLUTIL_SIM_ROOT}, as a caller that
 * scrubs the environment needs). Skips the calling test when the tool is absent.
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

  /** A new server in {@code dir} with volumes {@code NAME[:SEED[:FILES]]}. */
  public static VolutilSim create(Path dir, String... volumes) throws IOException {
    Path tool = AmandaFixture.sharedDir().resolve("tools/volutil-sim");
    assumeTrue(Files.isExecutable(tool), "volutil-sim not found: " + tool);
    Path root = dir.resolve("server");
    List<String> argv = new ArrayList<>(List.of(tool.toString(), "init-server", root.toString()));
    for (String v : volumes) {
      argv.add("--volume");
      argv.add(v);
    }
    ExternalProgram.of(argv).runChecked();
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path volutil = bin.resolve("volutil");
    Files.writeString(
        volutil, "#!/bin/sh\nVOLUTIL_SIM_ROOT='" + root + "' exec '" + tool + "' \"$@\"\n");
    Files.setPosixFilePermissions(volutil, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new VolutilSim(tool, root, volutil);
  }

  public Path root() {
    return root;
  }

  /** The wrapper to give as {@code --volutil}. */
  public Path volutil() {
    return volutil;
  }

  /** Runs a volutil (or simulator) command on this server. */
  public ExternalProgram.Result run(String... args) {
    List<String> argv = new ArrayList<>(List.of(volutil.toString()));
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
}
