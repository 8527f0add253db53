package io.codarestore.cli;

import picocli.CommandLine.Command;

/** {@code coda-restore}: the root of the command tree. */
@Command(
    name = "coda-restore",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Restore Coda volumes from Amanda backups. Without a command, opens the wizard.",
    subcommands = {
      // one per line: helpers add theirs without merge conflicts
      InfoCommand.class,
      LsCommand.class,
      VerifyCommand.class,
      MergeCommand.class,
      ExtractCommand.class,
      CatalogCommand.class,
      PlanCommand.class,
      FetchCommand.class,
      RestoreCommand.class,
    })
final class RootCommand implements Runnable {
  @Override
  public void run() {
    // Only reached with options but no command: the launcher opens the GUI for no arguments.
  }
}
