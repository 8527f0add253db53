package io.codarestore.cli;

import io.codarestore.amanda.DumpFetcher;
import io.codarestore.amanda.FetchResult;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.DumpCopies;
import io.codarestore.core.Cancellation;
import io.codarestore.core.UserFacingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code coda-restore fetch}: one dump of the catalog off its vtapes (or through amfetchdump), or
 * from its files on the holding disk when Amanda left it there, into a file, decompressed and
 * checked against the sizes and CRCs Amanda logged. The file appears only when the dump is complete
 * and verified.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Fetch one dump (parts joined, decompressed, checked) into a file.")
final class FetchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DbOption db;

  @Mixin MediaOptions media;

  @Mixin VolumeOptions vol;

  @Option(
      names = "--datestamp",
      required = true,
      paramLabel = "DATESTAMP",
      description = "The run's datestamp as Amanda writes it (14 or 8 digits)")
  String datestamp;

  @Option(names = "--level", required = true, paramLabel = "LEVEL", description = "Dump level")
  int level;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the dump (must not exist)")
  Path out;

  @Option(names = "--json", description = "Print what was fetched and verified as JSON")
  boolean json;

  @Option(names = "--quiet", description = "No progress on stderr")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (!datestamp.matches("[0-9]{8}|[0-9]{14}")) {
      throw new ParameterException(
          spec.commandLine(), "--datestamp '" + datestamp + "' is not 8 or 14 digits");
    }
    if (level < 0 || level > 99) {
      throw new ParameterException(spec.commandLine(), "--level " + level + " is not 0..99");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    try (Catalog catalog = Catalog.openExisting(db.path())) {
      CatalogDump dump = find(catalog);
      if (!dump.status().isGood()) {
        throw new UserFacingException(
            describe(dump)
                + " is "
                + dump.status().code()
                + " in Amanda's log ("
                + dump.availability().reason()
                + "); there is no complete dump to fetch");
      }
      CatalogDump.Availability a = dump.availability();
      if (!a.readable() && media.amfetchdumpConfig == null) {
        throw new UserFacingException(describe(dump) + " cannot be read: " + a.reason());
      }
      DumpFetcher fetcher = media.fetcher(catalog, db.path(), !dump.readFromHoldingDisk());
      FetchResult r =
          fetcher.fetchToFile(
              dump.toFetchRequest(), out, new CliProgress(stderr, quiet), Cancellation.none());
      for (String w : r.warnings()) {
        stderr.println("warning: " + w);
      }
      if (json) {
        stdout.println(JsonViews.MAPPER.writeValueAsString(result(dump, r)));
      } else {
        stdout.printf(
            "%s: %d bytes to %s (compression %s, %s; %.1f MB/s)%n",
            describe(dump),
            r.writtenBytes(),
            out,
            r.compression(),
            verified(r),
            r.bytesPerSecond() / 1e6);
      }
      stdout.flush();
      return 0;
    }
  }

  private CatalogDump find(Catalog catalog) {
    CatalogVolume v =
        catalog
            .volume(vol.host, vol.volume)
            .orElseThrow(
                () ->
                    new UserFacingException(
                        "volume "
                            + vol.host
                            + ":"
                            + vol.volume
                            + " is not in the catalog "
                            + db.path()));
    List<CatalogDump> all = catalog.dumps(v);
    List<CatalogDump> copies =
        all.stream()
            .filter(d -> d.datestamp().digits().equals(datestamp) && d.level() == level)
            .toList();
    if (copies.isEmpty()) {
      List<String> sameDay =
          all.stream()
              .filter(d -> d.datestamp().digits().startsWith(datestamp.substring(0, 8)))
              .map(d -> d.datestamp() + " level " + d.level())
              .distinct()
              .toList();
      throw new UserFacingException(
          "no dump of "
              + v.host()
              + ":"
              + v.volume()
              + " with datestamp "
              + datestamp
              + " and level "
              + level
              + " in the catalog"
              + (sameDay.isEmpty() ? "" : "; that day has: " + String.join(", ", sameDay)));
    }
    return DumpCopies.best(copies).get(0);
  }

  /** amfetchdump when asked for; else the vtapes given or known to the catalog. */
  private static String describe(CatalogDump d) {
    return d.host() + ":" + d.volume() + " " + d.datestamp() + " level " + d.level();
  }

  private static String verified(FetchResult r) {
    if (r.nativeVerified() && r.storedVerified()) {
      return "stored and native CRC-32C verified";
    }
    if (r.nativeVerified()) {
      return "native CRC-32C verified";
    }
    if (r.storedVerified()) {
      return "stored CRC-32C verified";
    }
    return "no CRC recorded to verify against";
  }

  private Map<String, Object> result(CatalogDump d, FetchResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", d.host());
    m.put("volume", d.volume());
    m.put("datestamp", d.datestamp().digits());
    m.put("level", d.level());
    m.put("out", out.toString());
    m.put("bytes", r.writtenBytes());
    m.put("storedBytes", r.storedBytes());
    m.put("compression", r.compression());
    m.put("nativeCrc", r.nativeCrc() == null ? null : r.nativeCrc().toString());
    m.put("storedVerified", r.storedVerified());
    m.put("nativeVerified", r.nativeVerified());
    m.put("warnings", r.warnings());
    m.put("seconds", r.elapsed().toNanos() / 1e9);
    return m;
  }
}
