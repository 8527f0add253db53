package io.codarestore.testing;

import io.codarestore.core.ExternalProgram;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The program as Amanda's user {@code backup} can run it: this build's classes and the libraries
 * the command line needs, copied under {@code target/} (the test class path lives in root's Maven
 * repository, which {@code backup} cannot read), and the {@code amcoda} launcher written by {@code
 * coda-restore amcoda install} itself.
 */
public final class AmcodaInstallation {
  private static final List<String> LIBRARIES = List.of("picocli", "slf4j", "logback", "jackson");

  private AmcodaInstallation() {}

  /** Prepares {@code dir} and returns the launcher ({@code dir/bin/amcoda}). */
  public static Path prepare(Path dir) throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    List<String> cp = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e);
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      if (Files.isDirectory(p) && p.endsWith(Path.of("target", "classes"))) {
        Path copy = dir.resolve("classes");
        copyTree(p, copy);
        cp.add(copy.toString());
      } else if (name.endsWith(".jar") && LIBRARIES.stream().anyMatch(name::startsWith)) {
        Path copy = lib.resolve(name);
        Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
        cp.add(copy.toString());
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path bin = dir.resolve("bin");
    ExternalProgram.of(
            List.of(
                java.toString(),
                "-cp",
                String.join(File.pathSeparator, cp),
                "io.codarestore.Launcher",
                "amcoda",
                "install",
                "--dir",
                bin.toString(),
                "--java",
                java.toString()))
        .runChecked();
    return bin.resolve("amcoda");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      s.forEach(
          p -> {
            Path t = to.resolve(from.relativize(p).toString());
            try {
              if (Files.isDirectory(p)) {
                Files.createDirectories(t);
              } else {
                Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
