package io.codarestore.restore;

import io.codarestore.catalog.CatalogDump;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.RestorePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Writes the runbook of a restore: the manual commands with the real names and paths. */
final class RunbookWriter {
  private RunbookWriter() {}

  static Runbook write(
      RestoreRequest req,
      RestorePlan plan,
      Workspace ws,
      Function<CatalogDump, Path> cacheOf,
      String amandaConfig) {
    Runbook book =
        new Runbook(
            "Restore of " + req.host() + ":" + req.volume() + " as of " + req.date().text());
    List<Path> files = new ArrayList<>();
    List<String> fetch = new ArrayList<>();
    List<String> media = new ArrayList<>();
    for (ChainLink l : plan.chain()) {
      CatalogDump d = l.dump();
      Path f = cacheOf.apply(d);
      files.add(f);
      fetch.add(
          Shell.join(
                  List.of(
                      "runuser",
                      "-u",
                      "backup",
                      "--",
                      "amfetchdump",
                      "-p",
                      "--exact-match",
                      amandaConfig,
                      d.host(),
                      d.volume(),
                      d.datestamp()))
              + " > "
              + Shell.quote(f.toString()));
      media.add("level " + l.level() + " of " + l.datestamp() + ": " + RestoreJob.media(l));
    }
    book.step(
        "Fetch the chain, base first (tapes in reading order: "
            + String.join(", ", plan.media())
            + ")",
        fetch,
        media);
    List<String> verify = new ArrayList<>();
    List<String> args = new ArrayList<>(List.of("coda-restore", "verify"));
    files.forEach(f -> args.add(f.toString()));
    verify.add(Shell.join(args));
    book.step(
        "Check every dump",
        verify,
        List.of(
            "Each dump's header must name the volume and level the catalog says; every increment's oldest uniquifier must be the latest of the dump before it."));
    Path merged = req.keepMerged() != null ? req.keepMerged() : ws.root().resolve("merged.dump");
    List<String> merge = new ArrayList<>();
    List<String> margs =
        new ArrayList<>(List.of("coda-restore", "merge", "--out", merged.toString()));
    files.forEach(f -> margs.add(f.toString()));
    merge.add(Shell.join(margs));
    if (files.size() > 1) {
      Path prev = files.get(0);
      for (int i = 1; i < files.size(); i++) {
        Path out = i == files.size() - 1 ? merged : ws.root().resolve("merged-step" + i + ".dump");
        merge.add(
            "# or with Coda's own tool, pairwise: "
                + Shell.join(
                    List.of(
                        "codamergedump",
                        out.toString(),
                        prev.toString(),
                        files.get(i).toString())));
        prev = out;
      }
    }
    book.step(
        "Merge the chain into one full dump",
        merge,
        List.of(
            "This program merges in one pass and never writes the merged dump unless asked (--keep-merged)."));
    RestoreTarget t = req.target();
    if (t instanceof RestoreTarget.Directory d) {
      List<String> a =
          new ArrayList<>(List.of("coda-restore", "extract", "--to-dir", d.dir().toString()));
      for (String p : d.paths()) {
        a.add("--path");
        a.add(p);
      }
      a.add(merged.toString());
      book.step(
          "Extract the tree",
          List.of(Shell.join(a)),
          List.of("Directory ACLs are written to .coda-acls.json at the top of the directory."));
    } else if (t instanceof RestoreTarget.TarFile f) {
      List<String> a =
          new ArrayList<>(List.of("coda-restore", "extract", "--to-tar", f.file().toString()));
      for (String p : f.paths()) {
        a.add("--path");
        a.add(p);
      }
      a.add(merged.toString());
      book.step("Write the tree as a tar file", List.of(Shell.join(a)), List.of());
    } else if (t instanceof RestoreTarget.DumpFile f) {
      book.step(
          "Keep the merged dump",
          List.of(Shell.join(List.of("mv", merged.toString(), f.file().toString()))),
          List.of());
    } else if (t instanceof RestoreTarget.Volutil v) {
      volutilSteps(book, v, merged);
    } else if (t instanceof RestoreTarget.Replica r) {
      volutilSteps(book, r.restore(), merged);
      ReplicaRoute.runbookSteps(book, r, merged);
    }
    return book;
  }

  static void volutilSteps(Runbook book, RestoreTarget.Volutil v, Path merged) {
    List<String> notes = new ArrayList<>();
    if (v.readWrite()) {
      notes.add(
          "Read-write: the dump's volume type (field t of the volume data) is rewritten to 4 (non-replicated read-write) and its parent id (field p) to the volume id "
              + VolutilRestore.hex(v.volumeId() == null ? 0 : v.volumeId())
              + "; nothing else changes (shared/spec/coda-rw-promotion.md). This program does it on the fly while streaming.");
    } else {
      notes.add("The restored volume is read-only (a backup clone keeps type 2).");
    }
    notes.add(Runbook.STOCK_SERVER_WARNING);
    VolutilRestore.Invocation inv = RestoreJob.invocation(v, null);
    book.step(
        "Restore through volutil (the dump goes to its standard input, which also avoids the 2 GB file limit)",
        List.of(inv.display("cat " + Shell.quote(merged.toString()))),
        notes);
    book.step(
        "Make it visible to clients",
        List.of(
            "bldvldb.sh    # on the SCM",
            "cfs mkmount /coda/<realm>/<where> "
                + (v.name() == null ? "<name volutil printed>" : Shell.quote(v.name()))),
        List.of("Remove a temporary restored volume when done: volutil purge <id> <name>"));
  }
}
