package io.codarestore.cli;

import picocli.CommandLine.Command;

/** {@code coda-restore catalog}: import Amanda's records, list what the catalog holds. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "Import Amanda's logs and tapelist into the local catalog, or list it.",
    subcommands = {CatalogImportCommand.class, CatalogListCommand.class, CatalogIndexCommand.class})
final class CatalogCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is needed: import or list");
  }
}
