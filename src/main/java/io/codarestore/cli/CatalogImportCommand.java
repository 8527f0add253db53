package io.codarestore.cli;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.LineProblem;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.catalog.ImportSummary;
import io.codarestore.catalog.ImportTarget;
import io.codarestore.core.AppPaths;
import io.codarestore.core.SharedDefaults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coda-restore catalog import}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Read Amanda's run logs (with oldlog/) and tapelist into the catalog.",
      "Re-importing reads only log files that changed."
    })
final class CatalogImportCommand implements Callable<Integer> {
  static final int MAX_PROBLEMS_SHOWN = 20;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DbOption db;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = "--config",
        paramLabel = "DIR",
        description = "Amanda configuration directory (with amanda.conf), e.g. /etc/amanda/daily")
    Path config;

    @ArgGroup(exclusive = false)
    Paths paths;
  }

  static final class Paths {
    @Option(names = "--logdir", required = true, paramLabel = "DIR", description = "Amanda logdir")
    Path logdir;

    @Option(
        names = "--tapelist",
        required = true,
        paramLabel = "FILE",
        description = "Amanda tapelist")
    Path tapelist;

    @Option(names = "--vtapes", paramLabel = "DIR", description = "chg-disk vtape root (slotN/)")
    Path vtapes;

    @Option(
        names = "--holding",
        paramLabel = "DIR",
        description =
            "a holding disk directory (repeatable), where dumps not yet on tape are looked for")
    List<Path> holding = new ArrayList<>();
  }

  @Override
  public Integer call() {
    ImportSource src =
        source.config != null
            ? ImportSource.of(AmandaConfig.read(source.config))
            : new ImportSource(
                null,
                source.paths.logdir,
                source.paths.tapelist,
                source.paths.vtapes,
                null,
                null,
                source.paths.holding);
    ImportSummary s;
    Path into = db.importPath();
    try (ImportTarget target = ImportTarget.open(into)) {
      s = new CatalogImporter(target.catalog()).importFrom(src);
      target.publish();
    }
    if (db.isDefault()) {
      try {
        SharedDefaults.rememberCatalog(AppPaths.fromEnvironment(), into);
      } catch (java.io.IOException e) {
        // The import is done; only the next command's default stays as it was.
        org.slf4j.LoggerFactory.getLogger(CatalogImportCommand.class)
            .warn("cannot remember {} as the last catalog", into, e);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Imported %s into %s%n"
            + "  catalog: %d hosts, %d volumes, %d dumps, %d tapes%n"
            + "  log files: %d read, %d unchanged, %d removed, %d ignored; %d dumps added%n"
            + "  holding disk: %d dumps not on tape, %d of them readable there%n"
            + "  Amanda index files: %d read, %d unchanged%n"
            + "  problems: %d%n",
        src.logdir(),
        into,
        s.hosts(),
        s.volumes(),
        s.dumps(),
        s.tapes(),
        s.filesRead(),
        s.filesUnchanged(),
        s.filesRemoved(),
        s.filesIgnored(),
        s.dumpsAdded(),
        s.holdingDumps(),
        s.holdingReadable(),
        s.indexFilesRead(),
        s.indexFilesUnchanged(),
        s.problems().size());
    int shown = 0;
    for (LineProblem p : s.problems()) {
      if (shown++ == MAX_PROBLEMS_SHOWN) {
        out.printf("    ... and %d more%n", s.problems().size() - MAX_PROBLEMS_SHOWN);
        break;
      }
      out.println("    " + p);
    }
    out.flush();
    return 0;
  }
}
