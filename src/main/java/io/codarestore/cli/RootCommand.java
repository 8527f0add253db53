package io.codarestore.cli;

import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code coda-restore}: the root of the command tree. Its subcommands are listed in {@link
 * #SUBCOMMANDS} rather than in the annotation, so that {@link Cli} can build only the one a command
 * line names: picocli builds the model of every declared subcommand up front, which took about a
 * fifth of a second of a quick command's start-up.
 */
@Command(
    name = "coda-restore",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Restore Coda volumes from Amanda backups. Without a command, opens the wizard.")
final class RootCommand implements Runnable {
  /** Every subcommand, in the order the help lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
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
          PromoteCommand.class,
          FilesCommand.class,
          FindCommand.class,
          VersionsCommand.class,
          AmcodaCommand.class);

  @Override
  public void run() {
    // Only reached with options but no command: the launcher opens the GUI for no arguments.
  }
}
