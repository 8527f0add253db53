package io.codarestore.cli;

import io.codarestore.backup.Launcher;
import io.codarestore.core.UserFacingException;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coda-restore amcoda install [--dir DIR] [--java PATH]}: writes the amcoda launcher. */
@Command(
    name = "install",
    description = {
      "Write the amcoda launcher into Amanda's application directory (root-owned, mode 0755):",
      "it runs this program with an absolute Java and jar path and its own environment."
    })
final class AmcodaInstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", description = "default /usr/lib/amanda/application")
  Path dir = Launcher.DEFAULT_DIR;

  @Option(names = "--java", paramLabel = "PATH", description = "default: the Java running this")
  Path java;

  @Override
  public Integer call() {
    // amcoda's stderr is silenced (Amanda's rule); an admin runs install, so it answers on stdout
    PrintWriter out = spec.commandLine().getOut();
    Path j =
        java != null
            ? java.toAbsolutePath()
            : Path.of(System.getProperty("java.home"), "bin", "java");
    try {
      Path written = Launcher.install(dir.toAbsolutePath(), j, classPath());
      out.println("amcoda launcher written: " + written + " (java " + j + ")");
      out.flush();
      return 0;
    } catch (IOException | UserFacingException e) {
      out.println("coda-restore: cannot write the launcher in " + dir + ": " + e.getMessage());
      out.flush();
      return Cli.EXIT_BAD_INPUT;
    }
  }

  /** This program's class path, every entry absolute (the jar, or the classes of a build). */
  static String classPath() {
    List<String> entries = new ArrayList<>();
    try {
      Path self =
          Path.of(
              AmcodaInstallCommand.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      if (self.toString().endsWith(".jar")) {
        return self.toAbsolutePath().toString();
      }
    } catch (URISyntaxException | SecurityException e) {
      // fall back to the class path
    }
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.add(Path.of(e).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
