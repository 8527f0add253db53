package io.codarestore.cli;

import io.codarestore.backup.AmcodaProperties;
import io.codarestore.backup.BackupRun;
import io.codarestore.backup.Estimator;
import io.codarestore.backup.Selfcheck;
import io.codarestore.core.Cancellation;
import io.codarestore.core.PipeCapacity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code coda-restore amcoda COMMAND}: the Amanda Application for Coda volumes, run by Amanda
 * through the {@code amcoda} launcher. Nothing is ever written to stderr (Amanda fails a program
 * that does); every complaint is an {@code ERROR} line or a {@code sendbackup: error} message.
 */
@Command(
    name = "amcoda",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "The Amanda Application for Coda volumes, run by Amanda through the amcoda launcher.",
      "Its commands are support, selfcheck, estimate, backup, restore, validate and index;"
          + " install writes the launcher."
    },
    subcommands = {
      AmcodaCommand.Support.class,
      AmcodaCommand.SelfcheckCommand.class,
      AmcodaCommand.Estimate.class,
      AmcodaCommand.Backup.class,
      AmcodaRestoreCommands.Restore.class,
      AmcodaRestoreCommands.Validate.class,
      AmcodaRestoreCommands.Index.class,
      AmcodaInstallCommand.class
    })
final class AmcodaCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs {@code amcoda ...} with stderr silenced for good: the JVM's, picocli's and the logging
   * library's words go to the file named by {@code AMCODA_LOG}, if set, else nowhere.
   */
  static int runQuietly(String... args) {
    java.io.PrintStream quiet = new java.io.PrintStream(logSink(), true, StandardCharsets.UTF_8);
    System.setErr(quiet);
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(quiet, true);
    picocli.CommandLine cmd = new picocli.CommandLine(new AmcodaCommand());
    cmd.setUnmatchedArgumentsAllowed(true);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          ex.printStackTrace(quiet);
          if (commandLine.getCommand() instanceof SelfcheckCommand
              || commandLine.getCommand() instanceof Estimate) {
            out.println("ERROR amcoda: " + ex.getMessage());
            out.flush();
            return 0;
          }
          return Cli.EXIT_BAD_INPUT;
        });
    cmd.setParameterExceptionHandler(
        (ex, arguments) -> {
          err.println("amcoda: " + ex.getMessage());
          out.println("ERROR amcoda: " + String.valueOf(ex.getMessage()).replace('\n', ' '));
          out.flush();
          return Cli.EXIT_USAGE;
        });
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    int rc = cmd.execute(rest);
    out.flush();
    return rc;
  }

  private static OutputStream logSink() {
    String log = System.getenv("AMCODA_LOG");
    if (log != null && !log.isBlank()) {
      try {
        return new java.io.FileOutputStream(log, true);
      } catch (IOException e) {
        return OutputStream.nullOutputStream();
      }
    }
    return OutputStream.nullOutputStream();
  }

  /** What the Application supports; Amanda reads these before any other command. */
  static final List<String> SUPPORT =
      List.of(
          "CONFIG YES",
          "HOST YES",
          "DISK YES",
          "MAX-LEVEL 9",
          "INDEX-LINE YES",
          "INDEX-XML NO",
          "MESSAGE-LINE YES",
          "MESSAGE-XML NO",
          "RECORD YES",
          "INCLUDE-FILE NO",
          "INCLUDE-LIST NO",
          "EXCLUDE-FILE NO",
          "EXCLUDE-LIST NO",
          "COLLECTION NO",
          "CLIENT-ESTIMATE YES",
          "MULTI-ESTIMATE YES",
          "CALCSIZE NO",
          "DATA-PATH AMANDA",
          "RECOVER-PATH CWD");

  @Command(name = "support", description = "Print what the Application supports.")
  static final class Support implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AmcodaArgs args;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      SUPPORT.forEach(out::println);
      out.flush();
      return 0;
    }
  }

  @Command(name = "selfcheck", description = "OK/ERROR lines for amcheck.")
  static final class SelfcheckCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AmcodaArgs args;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      AmcodaProperties p = args.properties(spec);
      for (String line :
          Selfcheck.lines(args.volutil(p), p, args.volume(), System.getenv("PATH"))) {
        out.println(line);
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "estimate", description = "Dump sizes in KB, one line per --level.")
  static final class Estimate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AmcodaArgs args;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      AmcodaProperties p = args.properties(spec);
      if (!p.problems().isEmpty()) {
        p.problems().forEach(m -> out.println("ERROR amcoda: " + m));
        out.flush();
        return 0;
      }
      if (args.volume() == null) {
        out.println("ERROR amcoda: no --disk given");
        out.flush();
        return 0;
      }
      Estimator e = new Estimator(args.volutil(p), p, AmcodaArgs.history());
      List<Integer> levels = args.levels.isEmpty() ? List.of(0) : args.levels;
      for (Estimator.Line line : e.estimate(args.volume(), levels, Instant.now())) {
        out.println(line.text());
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "backup",
      description = "Dump the volume to fd 1, messages on fd 3, index on fd 4.")
  static final class Backup implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AmcodaArgs args;

    @Override
    public Integer call() throws IOException {
      AmcodaProperties p = args.properties(spec);
      OutputStream messages = AmandaDescriptors.open(3);
      OutputStream index = "line".equals(args.index) ? AmandaDescriptors.open(4) : null;
      int level = args.levels.isEmpty() ? 0 : args.levels.get(0);
      BackupRun.Outcome o;
      if (args.volume() == null) {
        AmandaDescriptors.data().close();
        o = new BackupRun.Outcome(List.of("sendbackup: error [no --disk given]"), false);
      } else {
        // fd 1 widened to 1 MiB (core.PipeCapacity) while volutil's first steps run
        PipeCapacity.widenInBackground(1);
        BackupRun run =
            new BackupRun(args.volutil(p), p, AmcodaArgs.history(), Cancellation.none());
        OutputStream data = AmandaDescriptors.data();
        try {
          o = run.run(args.volume(), level, args.record, data, index, Instant.now());
        } catch (RuntimeException e) {
          e.printStackTrace(System.err); // the log, never the terminal (runQuietly)
          data.close();
          o =
              new BackupRun.Outcome(
                  List.of("sendbackup: error [amcoda: internal error: " + e + "]"), false);
        }
      }
      if (index != null) {
        index.close();
      }
      // Only now, with fd 1 closed: Amanda 3.5.1 hangs on a message before it has the data.
      OutputStream m = messages != null ? messages : OutputStream.nullOutputStream();
      for (String line : o.messages()) {
        m.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
      m.close();
      return o.succeeded() ? 0 : 1;
    }
  }
}
