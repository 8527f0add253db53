package io.codarestore.cli;

import io.codarestore.catalog.Catalog;
import io.codarestore.index.FileQueries;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coda-restore find}: every path whose name matches, across volumes and dates. */
@Command(
    name = "find",
    mixinStandardHelpOptions = true,
    description =
        "Find every path whose name is NAME, or matches the glob (* ? [...]), in every volume of"
            + " the file index, with the restore points it existed at.")
final class FindCommand implements Callable<Integer> {
  static final int LIMIT = 10_000;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DbOption db;

  @Mixin VolumeOptions.Filter only;

  @Parameters(paramLabel = "NAME-OR-GLOB", description = "a file name, or a glob over names")
  String pattern;

  @Option(names = "--json", description = "JSON object instead of text")
  boolean json;

  @Override
  public Integer call() throws IOException {
    List<FileQueries.Found> found;
    try (Catalog catalog = Catalog.openExisting(db.path())) {
      found = new FileQueries(catalog).find(only.host, only.volume, pattern, LIMIT);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JsonViews.MAPPER.writeValueAsString(FileIndexJson.find(pattern, found)));
    } else {
      for (FileQueries.Found f : found) {
        StringBuilder when = new StringBuilder();
        for (FileQueries.Span s : f.existed()) {
          when.append(when.length() == 0 ? "" : ", ")
              .append(s.from())
              .append(s.from().equals(s.lastSeen()) ? "" : ".." + s.lastSeen());
        }
        out.printf(
            "%s:%s  %s  (%s%s)%n",
            f.host(), f.volume(), f.path(), f.type(), when.length() == 0 ? "" : "; " + when);
      }
      if (found.size() >= LIMIT) {
        out.printf("(only the first %d matches)%n", LIMIT);
      }
    }
    out.flush();
    return 0;
  }
}
