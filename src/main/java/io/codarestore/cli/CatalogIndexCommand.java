package io.codarestore.cli;

import io.codarestore.catalog.Catalog;
import io.codarestore.core.Cancellation;
import io.codarestore.index.DumpIndexer;
import io.codarestore.plan.PlanTarget;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coda-restore catalog index}: the file index from the dumps themselves. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Read the dumps of every restorable point off the vtapes or the holding disk (decompressed,"
          + " file data skipped and never written) and record each one's tree in the catalog:"
          + " paths, type, size, mtime, mode, vnode, uniquifier, data version, and what each"
          + " incremental deleted.",
      "Dumps indexed before are skipped; an interrupted run continues where it stopped."
    })
final class CatalogIndexCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DbOption db;

  @Mixin MediaOptions media;

  @Mixin VolumeOptions.Filter only;

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description = "only restore points from DATE (YYYY-MM-DD) on, and the dumps they build on")
  String since;

  @Option(names = "--quiet", description = "no progress lines on stderr")
  boolean quiet;

  @Override
  public Integer call() {
    LocalDate from = since == null ? null : PlanTarget.parse(since).point().day();
    DumpIndexer.Summary s;
    PrintWriter err = spec.commandLine().getErr();
    try (Catalog catalog = Catalog.openExisting(db.path())) {
      s =
          new DumpIndexer(catalog, media.fetcher(catalog, db.path(), false))
              .run(only.host, only.volume, from, new CliProgress(err, quiet), Cancellation.none());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Indexed %d dump(s) (%d indexed before), %d bytes read; %d problem(s)%n",
        s.indexed(), s.alreadyIndexed(), s.bytesRead(), s.problems().size());
    for (String p : s.problems()) {
      out.println("    " + p);
    }
    out.flush();
    return s.problems().isEmpty() ? 0 : 1;
  }
}
