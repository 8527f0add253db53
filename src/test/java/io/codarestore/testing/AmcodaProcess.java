package io.codarestore.testing;

import io.codarestore.core.ExternalProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code coda-restore amcoda COMMAND ...} as Amanda does: a separate process, with fd 1, 3 and
 * 4 going to files of the test (a fixed {@code sh} line does the redirections; the arguments are
 * passed as an array), stdin /dev/null or a file, and stderr kept to check that it stays empty.
 */
public final class AmcodaProcess {
  private static final String REDIRECT =
      "o=$1; m=$2; i=$3; n=$4; shift 4; exec \"$@\" <\"$n\" >\"$o\" 3>\"$m\" 4>\"$i\"";

  private final Path dir;
  private final Map<String, String> env;
  private int runs;

  public AmcodaProcess(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = Map.copyOf(env);
  }

  /** What one run left: exit status, stderr lines, and the files of fd 1, 3 and 4. */
  public record Run(int exit, List<String> stderr, Path data, Path messages, Path index) {
    public List<String> messageLines() throws IOException {
      return Files.readAllLines(messages, StandardCharsets.UTF_8);
    }

    /** The index lines, unescaped (Amanda's escaping undone). */
    public List<String> indexLines() throws IOException {
      return Files.readAllLines(index, StandardCharsets.UTF_8).stream()
          .map(io.codarestore.dump.DumpIndex::unescape)
          .toList();
    }

    public List<String> stdoutLines() throws IOException {
      return Files.readAllLines(data, StandardCharsets.UTF_8);
    }
  }

  public Run run(String... args) throws IOException {
    return run(Path.of("/dev/null"), Map.of(), args);
  }

  /** Runs with {@code stdin} as standard input and extra environment variables. */
  public Run run(Path stdin, Map<String, String> extraEnv, String... args) throws IOException {
    int n = ++runs;
    Path out = dir.resolve("run" + n + ".fd1");
    Path msg = dir.resolve("run" + n + ".fd3");
    Path idx = dir.resolve("run" + n + ".fd4");
    List<String> argv = new ArrayList<>(List.of("sh", "-c", REDIRECT, "sh"));
    argv.addAll(List.of(out.toString(), msg.toString(), idx.toString(), stdin.toString()));
    argv.addAll(javaCommand());
    argv.add("amcoda");
    argv.addAll(List.of(args));
    ExternalProgram p = ExternalProgram.of(argv).directory(dir);
    env.forEach(p::env);
    extraEnv.forEach(p::env);
    ExternalProgram.Result r = p.run();
    return new Run(r.exitStatus(), r.stderr(), out, msg, idx);
  }

  /** The java command line of this test's classes. */
  public static List<String> javaCommand() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp",
        System.getProperty("java.class.path"),
        "io.codarestore.Launcher");
  }
}
