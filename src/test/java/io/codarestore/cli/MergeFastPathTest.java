package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.Launcher;
import io.codarestore.dump.RealFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The plainest merge command lines are parsed without picocli ({@link MergeCommand#parseSimple}):
 * for every line it accepts, picocli reads the same options and paths, and the command prints,
 * exits and fails exactly as through picocli; every other line is left to picocli.
 */
class MergeFastPathTest {
  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  /** What picocli makes of the arguments: the merge command's fields, or its parse error. */
  private static String picocliReading(String... args) {
    CommandLine root = Cli.commandLine(sink(), sink(), args);
    try {
      CommandLine.ParseResult r = root.parseArgs(args);
      if (r.subcommand() == null
          || r.subcommand().isUsageHelpRequested()
          || r.subcommand().isVersionHelpRequested()) {
        return "help";
      }
      return describe((MergeCommand) r.subcommand().commandSpec().userObject());
    } catch (CommandLine.ParameterException e) {
      return "error: " + e.getMessage();
    }
  }

  private static String describe(MergeCommand m) {
    return "out=" + m.out + " force=" + m.force + " full=" + m.full + " incr=" + m.increments;
  }

  private static PrintWriter sink() {
    return new PrintWriter(new StringWriter());
  }

  @Test
  void whatItAcceptsPicocliReadsTheSameWay() {
    List<String[]> accepted =
        List.of(
            new String[] {"merge", "--out", "o.dump", "full.dump"},
            new String[] {"merge", "--out", "o.dump", "full.dump", "i1.dump", "i2.dump"},
            new String[] {"merge", "--out=o.dump", "full.dump", "i1.dump"},
            new String[] {"merge", "full.dump", "--out", "o.dump", "i1.dump"},
            new String[] {"merge", "full.dump", "i1.dump", "--out", "o.dump"},
            new String[] {"merge", "--force", "--out", "o.dump", "full.dump"},
            new String[] {"merge", "--out", "o.dump", "full.dump", "--force", "i1.dump"},
            new String[] {"merge", "--out", "/abs/dir with space/o.dump", "./rel/full.dump"},
            new String[] {"merge", "--out", "o", "merge", "info"},
            new String[] {"merge", "--out", "o=x", "a=b", "é.dump"});
    for (String[] args : accepted) {
      MergeCommand fast = MergeCommand.parseSimple(args);
      assertThat(fast).as(String.join(" ", args)).isNotNull();
      assertThat(describe(fast)).as(String.join(" ", args)).isEqualTo(picocliReading(args));
    }
  }

  @Test
  void everythingElseIsLeftToPicocli() {
    List<String[]> declined =
        List.of(
            new String[] {},
            new String[] {"info", "x.dump"},
            new String[] {"merge"},
            new String[] {"merge", "--help"},
            new String[] {"merge", "-h", "--out", "o", "f"},
            new String[] {"merge", "--version"},
            new String[] {"merge", "--out", "o"},
            new String[] {"merge", "f.dump"},
            new String[] {"merge", "f.dump", "--out"},
            new String[] {"merge", "--out", "o", "--out", "p", "f"},
            new String[] {"merge", "--out=o", "--out=p", "f"},
            new String[] {"merge", "--force", "--force", "--out", "o", "f"},
            new String[] {"merge", "--force=true", "--out", "o", "f"},
            new String[] {"merge", "--out", "--force", "f"},
            new String[] {"merge", "--out", "-o", "f"},
            new String[] {"merge", "--out=", "f"},
            new String[] {"merge", "--out", "o", "--", "f"},
            new String[] {"merge", "--out", "o", "-", "f"},
            new String[] {"merge", "--out", "o", "--oot", "f"},
            new String[] {"merge", "--out", "o", "-x", "f"},
            new String[] {"merge", "--out", "o", "@args.txt"},
            new String[] {"merge", "--out", "@o", "f"},
            new String[] {"merge", "--out", "o", ""},
            new String[] {"merge", "--out", "o", "a\0b"},
            new String[] {"merge", "--OUT", "o", "f"});
    for (String[] args : declined) {
      assertThat(MergeCommand.parseSimple(args)).as(String.join(" ", args)).isNull();
    }
    // and picocli still answers them as before
    assertThat(picocliReading("merge", "--out", "o", "--out", "p", "f")).startsWith("error:");
    assertThat(picocliReading("merge", "--help")).isEqualTo("help");
    Result twice = run("merge", "--out", "o", "--out", "p", "f");
    assertThat(twice.exit()).isEqualTo(Cli.EXIT_USAGE);
    assertThat(twice.err()).contains("--out").contains("Try 'coda-restore merge --help'.");
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  private static Result runThroughPicocli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void theCommandPrintsExitsAndFailsAsThroughPicocli() throws Exception {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    String b0 = RealFixtures.dump("dumpfix-B0-full.dump").toString();
    String b1 = RealFixtures.dump("dumpfix-B1-incr-l1.dump").toString();
    String b2 = RealFixtures.dump("dumpfix-B2-incr-l2.dump").toString();
    Path fastOut = Files.createDirectories(dir.resolve("fast")).resolve("m.dump");
    Path slowOut = Files.createDirectories(dir.resolve("picocli")).resolve("m.dump");
    assertThat(MergeCommand.parseSimple("merge", "--out", fastOut.toString(), b0, b1, b2))
        .isNotNull();

    Result fast = run("merge", "--out", fastOut.toString(), b0, b1, b2);
    Result slow = runThroughPicocli("merge", "--out", slowOut.toString(), b0, b1, b2);
    assertThat(fast.exit()).isZero();
    assertThat(fast.out()).startsWith("merged 3 dump(s) into " + fastOut + ": ");
    assertThat(fast.out().replace(fastOut.toString(), "OUT"))
        .isEqualTo(slow.out().replace(slowOut.toString(), "OUT"));
    assertThat(fast.err()).isEqualTo(slow.err());
    assertThat(Files.readAllBytes(fastOut)).isEqualTo(Files.readAllBytes(slowOut));

    // OUT exists: refused the same way, nothing changed; --force replaces it
    for (String[] args :
        List.of(
            new String[] {"merge", "--out", fastOut.toString(), b0, b1},
            new String[] {"merge", "--out", fastOut.toString(), b0, dir.resolve("nope").toString()},
            new String[] {"merge", "--out", dir.resolve("x.dump").toString(), b1, b0})) {
      assertThat(MergeCommand.parseSimple(args)).isNotNull();
      Result f = run(args);
      Result s = runThroughPicocli(args);
      assertThat(f.exit()).as(String.join(" ", args)).isEqualTo(Cli.EXIT_BAD_INPUT);
      assertThat(f).as(String.join(" ", args)).isEqualTo(s);
      assertThat(f.err()).startsWith("coda-restore: ");
    }
    assertThat(Files.readAllBytes(fastOut)).isEqualTo(Files.readAllBytes(slowOut));
    assertThat(run("merge", "--force", "--out", fastOut.toString(), b0, b1).exit()).isZero();
    assertThat(Files.size(fastOut)).isNotEqualTo(Files.size(slowOut));
  }

  /** In a fresh JVM, the plain merge command line never loads a picocli class. */
  @Test
  void aPlainMergeDoesNotLoadPicocli() throws Exception {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    String b0 = RealFixtures.dump("dumpfix-B0-full.dump").toString();
    String b1 = RealFixtures.dump("dumpfix-B1-incr-l1.dump").toString();
    Path out = dir.resolve("m.dump");
    Path log = dir.resolve("classes.txt");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xlog:class+load=info:file=" + log);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Launcher.class.getName());
    cmd.addAll(List.of("merge", "--out", out.toString(), b0, b1));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    assertThat(printed).startsWith("merged 2 dump(s) into " + out);
    List<String> loaded = Files.readAllLines(log);
    assertThat(loaded).anyMatch(l -> l.contains("io.codarestore.dump.ChainMerger "));
    assertThat(loaded).noneMatch(l -> l.contains(" picocli."));
  }
}
