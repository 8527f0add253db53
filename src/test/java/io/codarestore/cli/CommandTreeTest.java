package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command tree is built for the command line at hand (only the named subcommand when there is
 * one, for start-up time); help, errors and every subcommand behave as with the whole tree.
 */
class CommandTreeTest {
  private static final String[] ALL = {
    "info",
    "ls",
    "verify",
    "merge",
    "extract",
    "catalog",
    "plan",
    "fetch",
    "restore",
    "promote",
    "files",
    "find",
    "versions",
    "amcoda"
  };

  record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  private static PrintWriter sink() {
    return new PrintWriter(new StringWriter());
  }

  @Test
  void rootHelpListsEveryCommand() {
    Result r = run("--help");
    assertThat(r.code()).isZero();
    for (String c : ALL) {
      assertThat(r.out()).as(c).containsPattern("(?m)^\\s+" + c + "\\s");
    }
  }

  @Test
  void theRegisteredNamesAreExactlyTheCommands() {
    assertThat(RootCommand.SUBCOMMANDS.stream().map(Cli::nameOf)).containsExactly(ALL);
  }

  @Test
  void aNamedCommandGetsOnlyItselfAndKeepsItsFullName() {
    CommandLine c = Cli.commandLine(sink(), sink(), "merge", "--help");
    assertThat(c.getSubcommands()).containsOnlyKeys("merge");
    for (String name : ALL) {
      Result r = run(name, "--help");
      assertThat(r.code()).as(name).isZero();
      assertThat(r.out()).as(name).startsWith("Usage: coda-restore " + name);
    }
    Result sub = run("catalog", "import", "--help");
    assertThat(sub.out()).startsWith("Usage: coda-restore catalog import");
  }

  @Test
  void anUnknownCommandIsAUsageErrorThatNamesIt() {
    Result r = run("mrege", "--out", "x", "y");
    assertThat(r.code()).isEqualTo(Cli.EXIT_USAGE);
    assertThat(r.err()).contains("mrege").contains("Try 'coda-restore --help'.");
    assertThat(Cli.commandLine(sink(), sink(), "mrege").getSubcommands()).hasSize(ALL.length);
  }

  @Test
  void versionNeedsNoCommand() {
    Result r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("coda-restore ");
  }

  @Test
  void helpHasNoPicocliWarningAndNoSentenceBrokenAcrossLines() {
    for (String name : ALL) {
      Result r = run(name, "--help");
      assertThat(r.err()).as(name).doesNotContain("picocli WARN");
      assertThat(r.out()).as(name).doesNotContain("picocli WARN").doesNotContain("%n");
      CommandLine c = Cli.commandLine(sink(), sink(), name);
      for (String paragraph :
          c.getSubcommands().get(name).getCommandSpec().usageMessage().description()) {
        assertThat(paragraph.strip()).as(name + ": " + paragraph).endsWith(".");
      }
    }
    assertThat(run("extract", "--help").out()).contains("escaped as %XX");
  }

  @Test
  void theCommandListShowsWholeSummaries() {
    Result r = run("--help");
    String commands = r.out().substring(r.out().indexOf("Commands:"));
    // Each summary ends a sentence before the next command's line (wrapped lines are indented).
    String[] lines = commands.lines().skip(1).toArray(String[]::new);
    for (int i = 0; i < lines.length; i++) {
      boolean lastOfEntry = i + 1 == lines.length || lines[i + 1].matches("^  \\S.*");
      if (lastOfEntry) {
        assertThat(lines[i].strip()).as(lines[i]).endsWith(".");
      }
    }
  }
}
