package io.codarestore.cli;

import io.codarestore.core.TempOutputs;
import io.codarestore.core.UserFacingException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs the command line. Exit codes: 0 success, 1 bad input or a failed operation (one line on
 * stderr), 2 usage error, 3 an internal error (the log has the stack trace), 128 + N when signal N
 * (SIGINT 130, SIGTERM 143, SIGHUP 129) stopped it; its temporary output is then removed ({@link
 * TempOutputs}). The plainest merge command lines skip picocli (see {@link
 * MergeCommand#parseSimple}); everything else goes through it.
 */
public final class Cli {
  public static final int EXIT_BAD_INPUT = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_INTERNAL = 3;

  /**
   * Looked up only when something is logged: initialising the logging back end costs about a third
   * of a second of start-up, which a quick command such as a merge should not pay.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(Cli.class);
  }

  private Cli() {}

  public static int run(String... args) {
    if (args.length > 0 && args[0].equals("amcoda")) {
      return AmcodaCommand.runQuietly(args); // Amanda fails an Application that writes on stderr
    }
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    TempOutputs.reportTo(message -> err.println("coda-restore: " + oneLine(message)));
    return guarded(
        err,
        () -> {
          MergeCommand merge = MergeCommand.parseSimple(args);
          if (merge != null) {
            try {
              return merge.run(out, err);
            } catch (Exception ex) {
              return failed(ex, err);
            }
          }
          return commandLine(out, err, args).execute(args);
        });
  }

  /**
   * Runs a command so that even a virtual-machine error (out of memory, a stack overflow) ends in
   * one line on stderr and exit 3, the stack trace in the log file only.
   */
  static int guarded(PrintWriter err, java.util.function.IntSupplier command) {
    try {
      return command.getAsInt();
    } catch (OutOfMemoryError e) {
      log().error("out of memory", e);
      err.println(
          "coda-restore: out of memory ("
              + oneLine(e.getMessage())
              + "); run it with more heap, e.g. java -Xmx1g -jar coda-restore.jar ...");
      return EXIT_INTERNAL;
    } catch (VirtualMachineError | LinkageError e) {
      log().error("virtual machine error", e);
      err.println(
          "coda-restore: failed: "
              + e.getClass().getSimpleName()
              + " (a program error; the log file has the details)");
      return EXIT_INTERNAL;
    }
  }

  /**
   * The message and exit code of a command that threw {@code ex}: one line on stderr saying what
   * and why, the stack trace into the log file only.
   */
  private static int failed(Exception ex, PrintWriter err) {
    if (TempOutputs.shuttingDown()) {
      // A signal stopped the run and removed its temporary output; what failed since (a write
      // into the removed output) is its doing, and the exit code (128 + signal) says so.
      log().debug("failed while shutting down", ex);
      return EXIT_BAD_INPUT;
    }
    if (ex instanceof UserFacingException) {
      err.println("coda-restore: " + oneLine(ex.getMessage()));
      log().warn("command failed: {}", ex.getMessage(), ex);
      return EXIT_BAD_INPUT;
    }
    String io = FileProblems.describe(ex);
    if (io != null) {
      err.println("coda-restore: " + oneLine(io));
      log().warn("command failed: {}", io, ex);
      return EXIT_BAD_INPUT;
    }
    log().error("unexpected failure", ex);
    err.println(
        "coda-restore: failed: "
            + oneLine(ex.getMessage() == null ? "no details" : ex.getMessage())
            + " (a program error; the log file has the details)");
    return EXIT_INTERNAL;
  }

  /**
   * The command tree for these arguments: when the first one names a subcommand, the root holds
   * only that one (its usage, errors and help are the same); otherwise (help, a version request, an
   * unknown command) it holds them all.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
    DbOption.publishDefaults();
    CommandLine cmd = new CommandLine(new RootCommand());
    String first = args.length > 0 ? args[0] : "";
    boolean named = false;
    for (Class<?> c : RootCommand.SUBCOMMANDS) {
      named |= nameOf(c).equals(first);
    }
    for (Class<?> c : RootCommand.SUBCOMMANDS) {
      if (!named || nameOf(c).equals(first)) {
        cmd.addSubcommand(c);
      }
    }
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> failed(ex, commandLine.getErr()));
    cmd.setParameterExceptionHandler(
        (ex, arguments) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("coda-restore: " + oneLine(ex.getMessage()));
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return EXIT_USAGE;
        });
    return cmd;
  }

  static String nameOf(Class<?> subcommand) {
    return subcommand.getAnnotation(CommandLine.Command.class).name();
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').strip();
  }
}
