package io.codarestore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.DumpCopies;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coda-restore catalog list}: one line (or JSON object) per dump. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the dumps in the catalog, oldest first per volume.")
final class CatalogListCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DbOption db;

  @Mixin VolumeOptions.Filter only;

  @Option(names = "--json", description = "JSON array, one object per dump")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (Catalog catalog = Catalog.openExisting(db.path())) {
      List<CatalogVolume> volumes =
          catalog.volumes(only.host).stream()
              .filter(v -> only.volume == null || v.volume().equals(only.volume))
              .toList();
      if (json) {
        JsonGenerator g = JsonViews.MAPPER.createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        for (CatalogVolume v : volumes) {
          for (CatalogDump d : DumpCopies.best(catalog.dumps(v))) {
            JsonViews.MAPPER.writeValue(g, JsonViews.dump(d));
          }
        }
        g.writeEndArray();
        g.flush();
        out.println();
      } else {
        out.printf(
            "%-12s %-16s %-14s %3s %-16s %5s %12s %4s %s%n",
            "host", "volume", "datestamp", "lvl", "status", "parts", "bytes", "comp", "on tape");
        for (CatalogVolume v : volumes) {
          for (CatalogDump d : DumpCopies.best(catalog.dumps(v))) {
            CatalogDump.Availability a = d.availability();
            out.printf(
                "%-12s %-16s %-14s %3d %-16s %5s %12s %4s %s%n",
                d.host(),
                d.volume(),
                d.datestamp(),
                d.level(),
                d.status().code(),
                d.partCount() < 0 ? "-" : Integer.toString(d.partCount()),
                d.bytes() < 0 ? "-" : Long.toString(d.bytes()),
                d.compression() == null ? "?" : d.compression(),
                a.readable() ? "yes" : "no (" + a.reason() + ")");
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
    return 0;
  }
}
