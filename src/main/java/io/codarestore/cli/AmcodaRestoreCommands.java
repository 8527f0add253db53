package io.codarestore.cli;

import io.codarestore.backup.TreeRestore;
import io.codarestore.core.Cancellation;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.DumpFormatException;
import io.codarestore.dump.DumpIndex;
import io.codarestore.dump.DumpReader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The commands that read a dump Amanda hands over on stdin: restore, validate, index. Their
 * complaints go to the real fd 2 (amrecover and amcheckdump show them); the launcher leaves stderr
 * open for these.
 */
final class AmcodaRestoreCommands {
  private AmcodaRestoreCommands() {}

  /** The process's real standard error (System.err is silenced for amcoda). */
  static PrintStream stderr() {
    return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
  }

  @Command(
      name = "restore",
      description = "amrecover/amfetchdump --extract: extract paths of the dump on stdin.")
  static final class Restore implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AmcodaArgs args;

    @Option(names = "--directory", paramLabel = "DIR", description = "restore into DIR (default .)")
    Path directory;

    @Option(names = "--target", paramLabel = "DIR", description = "as --directory")
    Path target;

    @Parameters(paramLabel = "PATH", description = "./path of the volume ('.' = everything)")
    List<String> paths = new ArrayList<>();

    @Override
    public Integer call() {
      Path dest = directory != null ? directory : target != null ? target : Path.of(".");
      List<String> chosen = new ArrayList<>();
      for (String p : paths) {
        if (!p.startsWith("-")) {
          chosen.add(DumpIndex.unescape(p));
        }
      }
      for (String u : spec.commandLine().getUnmatchedArguments()) {
        if (!u.startsWith("-") && (u.startsWith("./") || u.equals("."))) {
          chosen.add(DumpIndex.unescape(u));
        }
      }
      try {
        TreeRestore.Result r =
            TreeRestore.run(stdin(), "the dump on stdin", dest, chosen, Cancellation.none());
        PrintWriter out = spec.commandLine().getOut();
        out.println(
            "amcoda restore: "
                + r.extracted().directories()
                + " directories, "
                + r.extracted().files()
                + " files"
                + (r.removed() > 0 ? ", " + r.removed() + " removed" : "")
                + " in "
                + dest.toAbsolutePath().normalize());
        out.flush();
        if (!r.missing().isEmpty()) {
          stderr()
              .println(
                  "amcoda restore: warning: "
                      + r.missing().size()
                      + " paths named in this dump are not"
                      + " restored (their directory was moved or renamed since the full dump, and"
                      + " amrecover asks older dumps only for the old paths; coda-restore restore"
                      + " --path restores them), e.g. "
                      + String.join(", ", r.missing().subList(0, Math.min(3, r.missing().size()))));
        }
        return 0;
      } catch (UserFacingException | IOException | UncheckedIOException e) {
        stderr().println("amcoda restore: " + e.getMessage());
        return Cli.EXIT_BAD_INPUT;
      }
    }
  }

  static InputStream stdin() {
    return new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
  }

  @Command(
      name = "validate",
      description = "amcheckdump: is the dump on stdin sound? Exit 0 if so.")
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AmcodaArgs args;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (DumpReader r = new DumpReader(stdin(), "the dump on stdin")) {
        DumpIndex.read(r, Cancellation.none());
        return 0;
      } catch (DumpFormatException | UncheckedIOException | IOException e) {
        out.println("amcoda validate: " + e.getMessage());
        out.flush();
        stderr().println("amcoda validate: " + e.getMessage());
        return Cli.EXIT_BAD_INPUT;
      }
    }
  }

  @Command(name = "index", description = "amreindex: the index lines of the dump on stdin.")
  static final class Index implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AmcodaArgs args;

    @Override
    public Integer call() throws IOException {
      DumpIndex index;
      try (DumpReader r = new DumpReader(stdin(), "the dump on stdin")) {
        index = DumpIndex.read(r, Cancellation.none());
      } catch (DumpFormatException | UncheckedIOException e) {
        stderr().println("amcoda index: " + e.getMessage());
        return Cli.EXIT_BAD_INPUT;
      }
      OutputStream out =
          new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
      index.writeLines(out);
      out.flush();
      return 0;
    }
  }
}
