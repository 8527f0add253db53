package io.codarestore.cli;

import io.codarestore.core.Cancellation;
import io.codarestore.dump.DumpHeader;
import io.codarestore.dump.DumpVerifier;
import io.codarestore.dump.Printable;
import io.codarestore.dump.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coda-restore verify DUMP...}: checks dumps completely without loading file data. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check Coda volume dumps: magic numbers, version, tags, lengths, vnode indexes,"
          + " directory pages, ACLs, counts and the end marker.",
      "Exit 0 if every dump is sound, 1 if any is not (each problem with its byte offset)."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "DUMP", description = "dump files")
  List<Path> dumps;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DumpVerifier verifier = new DumpVerifier(Cancellation.none());
    int bad = 0;
    for (Path p : dumps) {
      VerifyReport r = verifier.verify(p);
      if (r.ok()) {
        DumpHeader h = r.header();
        out.printf(
            "OK %s: %s of %s, %d directories, %d files%s, %d bytes of file data%n",
            p,
            h.isIncremental() ? "incremental level " + h.level() : "full dump",
            DumpText.shown(h.name()),
            r.directories(),
            r.files(),
            r.removed() > 0 ? ", " + r.removed() + " removals" : "",
            r.fileBytes());
      } else {
        bad++;
        for (String e : r.errors()) {
          err.println("coda-restore: " + p + ": " + Printable.of(e));
        }
      }
      for (String w : r.warnings()) {
        err.println("warning: " + p + ": " + Printable.of(w));
      }
    }
    return bad == 0 ? 0 : Cli.EXIT_BAD_INPUT;
  }
}
