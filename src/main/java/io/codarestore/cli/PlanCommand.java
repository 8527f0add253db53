package io.codarestore.cli;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.ImportSource;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.MediaCheck;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.plan.RestorePoint;
import io.codarestore.plan.SkippedDump;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code coda-restore plan}: the incremental chain for a volume and a target date. The plan (text
 * or JSON) goes to stdout either way; exit 0 if it is restorable, 1 if not, with the reason as one
 * line on stderr.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show which dumps restore a volume to a date, and whether they can all be read.")
final class PlanCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DbOption db;

  @Mixin VolumeOptions vol;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "YYYY-MM-DD[THH:MM[:SS]]",
      description = "Target: a date (= end of that day) or a date and time (inclusive)")
  String date;

  @Option(names = "--json", description = "JSON object instead of text")
  boolean json;

  @Option(
      names = "--no-media-check",
      description =
          "do not look at the vtapes (by default every part file of the chain is checked: there,"
              + " a regular file, its header and its size as logged)")
  boolean noMediaCheck;

  @Override
  public Integer call() throws IOException {
    PlanTarget target = PlanTarget.parse(date);
    RestorePlan plan;
    try (Catalog catalog = Catalog.openExisting(db.path())) {
      plan = new ChainPlanner().plan(catalog, vol.host, vol.volume, target);
      if (!noMediaCheck) {
        Path vtapes = catalog.source().map(ImportSource::vtapeRoot).orElse(null);
        plan = MediaCheck.of(vtapes).apply(plan);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> view = JsonViews.plan(plan);
      view.put("mediaChecked", !noMediaCheck);
      out.println(JsonViews.MAPPER.writeValueAsString(view));
    } else {
      printText(out, plan);
    }
    out.flush();
    if (plan.restorable()) {
      return 0;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "coda-restore: "
            + plan.host()
            + ":"
            + plan.volume()
            + " is not restorable at "
            + plan.target().text()
            + (plan.gap() == null ? "" : ": " + plan.gap().reason().replace('\n', ' ')));
    err.flush();
    return Cli.EXIT_BAD_INPUT;
  }

  private static void printText(PrintWriter out, RestorePlan plan) {
    out.printf(
        "%s:%s at %s: %s%n",
        plan.host(),
        plan.volume(),
        plan.target().text(),
        plan.restorable() ? "restorable" : "NOT restorable");
    for (ChainLink l : plan.chain()) {
      out.printf(
          "  level %d  %s  %-16s %s%s%n",
          l.level(),
          l.datestamp(),
          l.status().code(),
          l.dump().whereToRead(),
          l.available() ? "" : "  -- cannot be read: " + l.reason());
    }
    for (SkippedDump s : plan.skipped()) {
      out.printf(
          "  skipped: level %d %s (%s)%s%n",
          s.level(), s.datestamp(), s.status().code(), s.reason() == null ? "" : ": " + s.reason());
    }
    if (plan.gap() != null) {
      out.println("  missing: " + plan.gap().reason());
    }
    if (!plan.media().isEmpty()) {
      out.println("  tapes in reading order: " + String.join(" ", plan.media()));
    }
    printPoint(out, "nearest restorable point before", plan.nearestBefore());
    printPoint(out, "nearest restorable point after", plan.nearestAfter());
  }

  private static void printPoint(PrintWriter out, String what, RestorePoint p) {
    if (p != null) {
      out.printf("  %s: %s (level %d, --date %s)%n", what, p.datestamp(), p.level(), p.target());
    }
  }
}
