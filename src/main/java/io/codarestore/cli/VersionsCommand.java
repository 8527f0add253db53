package io.codarestore.cli;

import io.codarestore.catalog.Catalog;
import io.codarestore.index.FileQueries;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coda-restore versions}: each distinct version of a path, oldest first. */
@Command(
    name = "versions",
    mixinStandardHelpOptions = true,
    description =
        "List each distinct version of a path (from the first restore point that holds that"
            + " content until it changed or was deleted), with the restore point to use for it.")
final class VersionsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DbOption db;

  @Mixin VolumeOptions.Short vol;

  @Option(names = "--path", required = true, paramLabel = "P", description = "path in the volume")
  String path;

  @Option(names = "--json", description = "JSON object instead of text")
  boolean json;

  @Override
  public Integer call() throws IOException {
    List<FileQueries.Version> versions;
    try (Catalog catalog = Catalog.openExisting(db.path())) {
      versions = new FileQueries(catalog).versions(vol.host, vol.volume, path);
    }
    String p = FileQueries.normalise(path);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JsonViews.MAPPER.writeValueAsString(FileIndexJson.versions(p, versions)));
    } else if (versions.isEmpty()) {
      out.printf("%s:%s: no version of %s in the file index%n", vol.host, vol.volume, p);
    } else {
      for (FileQueries.Version v : versions) {
        out.printf(
            "%s .. %-14s level %d  %10d bytes  mtime %s  %s%n",
            v.from(),
            v.until() == null ? "now" : v.until(),
            v.level(),
            v.entry().size(),
            Instant.ofEpochSecond(v.entry().mtime()),
            v.restorable() ? "restore with --date " + v.restorePoint() : "not restorable any more");
      }
    }
    out.flush();
    return 0;
  }
}
