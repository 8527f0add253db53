package io.codarestore.cli;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.IndexSnapshot;
import io.codarestore.catalog.IndexedEntry;
import io.codarestore.index.FileQueries;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coda-restore files}: a volume's tree as of a restore point, from the file index only. */
@Command(
    name = "files",
    mixinStandardHelpOptions = true,
    description =
        "List a volume's files as of the restore point for a date (the chain 'plan' picks), from"
            + " the catalog's file index alone: no tape is read.")
final class FilesCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DbOption db;

  @Mixin VolumeOptions.Short vol;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "D",
      description = "YYYY-MM-DD (end of that day) or YYYY-MM-DDTHH:MM[:SS]")
  String date;

  @Option(names = "--path", paramLabel = "DIR", description = "only DIR and what is under it")
  String path;

  @Option(names = "--json", description = "JSON object instead of text")
  boolean json;

  @Override
  public Integer call() throws IOException {
    FileQueries.Files f;
    try (Catalog catalog = Catalog.openExisting(db.path())) {
      f = new FileQueries(catalog).files(vol.host, vol.volume, date, path);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JsonViews.MAPPER.writeValueAsString(FileIndexJson.files(f)));
    } else {
      out.printf(
          "%s:%s as of %s (level %d)%s%n",
          vol.host,
          vol.volume,
          f.restorePoint(),
          f.level(),
          f.source().equals(IndexSnapshot.AMANDA_INDEX)
              ? ": only Amanda's path index is known (run 'catalog index' for sizes and times)"
              : "");
      for (IndexedEntry e : f.entries()) {
        out.printf(
            "%-9s %4s %12s %-20s %s%n",
            e.typeName(),
            e.mode() < 0 ? "-" : e.modeOctal(),
            e.size() < 0 ? "-" : Long.toString(e.size()),
            e.mtime() < 0 ? "-" : Instant.ofEpochSecond(e.mtime()).toString(),
            e.path());
      }
    }
    out.flush();
    return 0;
  }
}
