package io.codarestore.cli;

import io.codarestore.core.UserFacingException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs the command line. Exit codes: 0 success, 1 bad input or a failed operation (one line on
 * stderr), 2 usage error, 3 an internal error (the log has the stack trace). The plainest merge
 * command lines skip picocli (see {@link MergeCommand#parseSimple}); everything else goes through
 * it.
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
    MergeCommand merge = MergeCommand.parseSimple(args);
    if (merge != null) {
      try {
        return merge.run(out, err);
      } catch (Exception ex) {
        return failed(ex, err);
      }
    }
    CommandLine cmd = commandLine(out, err, args);
    return cmd.execute(args);
  }

  /** The message and exit code of a command that threw {@code ex}. */
  private static int failed(Exception ex, PrintWriter err) {
    if (ex instanceof UserFacingException) {
      err.println("coda-restore: " + oneLine(ex.getMessage()));
      log().debug("command failed", ex);
      return EXIT_BAD_INPUT;
    }
    log().error("internal error", ex);
    err.println("coda-restore: internal error: " + oneLine(ex.toString()));
    return EXIT_INTERNAL;
  }

  /**
   * The command tree for these arguments: when the first one names a subcommand, the root holds
   * only that one (its usage, errors and help are the same); otherwise (help, a version request, an
   * unknown command) it holds them all.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
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
