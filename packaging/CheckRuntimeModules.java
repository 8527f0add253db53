import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

/**
 * Installer build check, run by the {@code installer} Maven profile before jpackage: the runtime
 * that jpackage links must hold every module the program needs. Runs jdeps on the fat jar and fails
 * when it finds a module that the argument file does not list; a runtime without it would start and
 * then fail with NoClassDefFoundError in whatever feature first touches that module.
 *
 * <p>Usage: {@code java packaging/CheckRuntimeModules.java JAR|CLASSDIR ARGFILE}. A single-file
 * program so that it runs on every OS the installers are built on, with nothing but the JDK. The
 * unit tests also run it on {@code target/classes}, so that the program's own code cannot start
 * using a module unnoticed until the next installer build.
 */
public final class CheckRuntimeModules {
  private CheckRuntimeModules() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the check; returns the exit status (0 fine, 1 failed, with the reason on err). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      check(args, out);
      return 0;
    } catch (CheckFailed e) {
      err.println("CheckRuntimeModules: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("CheckRuntimeModules: " + e);
      return 1;
    }
  }

  private static void check(String[] args, PrintStream out) throws IOException {
    if (args.length != 2) {
      throw new CheckFailed("usage: java CheckRuntimeModules.java JAR|CLASSDIR ARGFILE");
    }
    Path jar = Path.of(args[0]);
    Path argFile = Path.of(args[1]);
    if (!Files.exists(jar)) {
      throw new CheckFailed(jar + ": no such jar or class directory; build it first (mvn package)");
    }
    Set<String> listed = listedModules(argFile);
    Set<String> needed = jdepsModules(jar);

    Set<String> missing = new TreeSet<>(needed);
    missing.removeAll(listed);
    if (!missing.isEmpty()) {
      StringBuilder fix = new StringBuilder();
      for (String module : missing) {
        fix.append(System.lineSeparator()).append("  --add-modules ").append(module);
      }
      throw new CheckFailed(
          argFile
              + ": jdeps finds module(s) "
              + missing
              + " in "
              + jar
              + " that the installer runtime would lack. Add these lines:"
              + fix);
    }
    Set<String> extra = new TreeSet<>(listed);
    extra.removeAll(needed);
    out.println("runtime modules: " + String.join(",", listed));
    if (!extra.isEmpty()) {
      out.println("  listed though jdeps does not find them: " + extra);
    }
  }

  /** The modules after every {@code --add-modules} in a jpackage argument file. */
  static Set<String> listedModules(Path argFile) throws IOException {
    if (!Files.isRegularFile(argFile)) {
      throw new CheckFailed(argFile + ": no such argument file");
    }
    List<String> tokens = new ArrayList<>();
    for (String line : Files.readAllLines(argFile, StandardCharsets.UTF_8)) {
      String s = line.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        tokens.addAll(Arrays.asList(s.split("\\s+")));
      }
    }
    Set<String> modules = new TreeSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).equals("--add-modules")) {
        if (i + 1 == tokens.size()) {
          throw new CheckFailed(argFile + ": --add-modules at the end of the file has no module");
        }
        modules.addAll(splitModules(tokens.get(++i)));
      } else {
        throw new CheckFailed(
            argFile
                + ": expected only '--add-modules MODULE' lines, found '"
                + tokens.get(i)
                + "'");
      }
    }
    if (modules.isEmpty()) {
      throw new CheckFailed(argFile + ": lists no module");
    }
    return modules;
  }

  static Set<String> jdepsModules(Path jar) {
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps")
            .orElseThrow(() -> new IllegalStateException("this Java has no jdeps; use a JDK"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        jdeps.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "--print-module-deps",
            "--ignore-missing-deps",
            "--multi-release",
            Integer.toString(Runtime.version().feature()),
            jar.toString());
    if (status != 0) {
      throw new CheckFailed("jdeps failed on " + jar + " (exit " + status + "): " + err + out);
    }
    // The module list is jdeps's last line; anything before it would be warnings.
    String[] lines = out.toString().strip().split("\\R");
    Set<String> modules = splitModules(lines[lines.length - 1]);
    if (modules.isEmpty() || !modules.contains("java.base")) {
      throw new CheckFailed("jdeps printed no module list for " + jar + ": " + out + err);
    }
    return modules;
  }

  private static Set<String> splitModules(String commaList) {
    Set<String> modules = new TreeSet<>();
    for (String m : commaList.split(",")) {
      if (!m.isBlank()) {
        modules.add(m.strip());
      }
    }
    return modules;
  }

  /** A failed check; its message says what is wrong and how to fix it. */
  private static final class CheckFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckFailed(String message) {
      super(message);
    }
  }
}
