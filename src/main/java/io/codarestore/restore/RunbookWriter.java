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
      String amandaConfig,
      Phrases phrases) {
    Runbook book =
        new Runbook(
            "Restore of " + req.host() + ":" + req.volume() + " as of " + req.date().text());
    List<Path> files = fetchStep(book, plan, cacheOf, amandaConfig);
    verifyStep(book, files);
    Path volutilFile =
        req.target() instanceof RestoreTarget.Volutil v ? VolutilStep.dumpFile(ws, req, v) : null;
    Path merged = mergedFile(req, ws, volutilFile);
    mergeStep(book, req, ws, files, merged, phrases);
    targetSteps(book, req.target(), merged, volutilFile, phrases);
    return book;
  }

  /** Fetching each dump of the chain into the workspace's cache, base first; its cache files. */
  private static List<Path> fetchStep(
      Runbook book, RestorePlan plan, Function<CatalogDump, Path> cacheOf, String amandaConfig) {
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
                      d.datestamp().digits()))
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
    return files;
  }

  private static void verifyStep(Runbook book, List<Path> files) {
    List<String> args = new ArrayList<>(List.of("coda-restore", "verify"));
    files.forEach(f -> args.add(f.toString()));
    book.step(
        "Check every dump",
        List.of(Shell.join(args)),
        List.of(
            "Each dump's header must name the volume and level the catalog says; every increment's oldest uniquifier must be the latest of the dump before it."));
  }

  /** Where the merged dump goes: volutil's file (before the rewrite), the kept file, or scratch. */
  private static Path mergedFile(RestoreRequest req, Workspace ws, Path volutilFile) {
    if (req.target() instanceof RestoreTarget.Volutil v) {
      return v.readWrite() ? unrewritten(volutilFile) : volutilFile;
    }
    return req.keepMerged() != null ? req.keepMerged() : ws.root().resolve("merged.dump");
  }

  private static void mergeStep(
      Runbook book,
      RestoreRequest req,
      Workspace ws,
      List<Path> files,
      Path merged,
      Phrases phrases) {
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
            req.target() instanceof RestoreTarget.Volutil
                ? "volutil reads the dump from a regular file (-f): a Coda 8 client cannot read it from standard input or a pipe."
                : "This program merges in one pass and never writes the merged dump unless asked ("
                    + phrases.keepMerged()
                    + ")."));
  }

  private static void targetSteps(
      Runbook book, RestoreTarget t, Path merged, Path volutilFile, Phrases phrases) {
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
      volutilSteps(book, v, merged, volutilFile, phrases);
    } else if (t instanceof RestoreTarget.Replica r) {
      ReplicaRoute.runbookSteps(book, r, merged);
    }
  }

  /** The rewritten dump's unrewritten sibling: {@code X.dump} -> {@code X.merged.dump}. */
  private static Path unrewritten(Path rewritten) {
    String n = rewritten.getFileName().toString();
    String base = n.endsWith(".dump") ? n.substring(0, n.length() - 5) : n;
    return rewritten.resolveSibling(base + ".merged.dump");
  }

  static void volutilSteps(
      Runbook book, RestoreTarget.Volutil v, Path merged, Path file, Phrases phrases) {
    if (v.readWrite()) {
      String id = VolutilRestore.hex(v.volumeId() == null ? 0 : v.volumeId());
      book.step(
          "Rewrite the dump as a read-write volume",
          List.of(
              Shell.join(
                  List.of(
                      "coda-restore",
                      "promote",
                      "--volid",
                      id,
                      merged.toString(),
                      file.toString()))),
          List.of(
              "The volume type (field t of the volume data) becomes 4 (non-replicated read-write)"
                  + " and the parent id (field p) "
                  + id
                  + "; nothing else changes (coda-rw-promotion.md section 1). This program does"
                  + " it on the same pass as the merge.",
              VolutilStep.readWriteWarning(phrases)));
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        v.readWrite()
            ? "The restored volume is writable, non-replicated (type 4)."
            : "The restored volume is read-only (a backup clone keeps type 2).");
    notes.add(
        "The stock Coda 8 volutil client fails on dumps over ~500 KB (512000 bytes): 'ReadDump:"
            + " Error RPC2_SEFAIL2 (F) in CheckSideEffect', 'VolRestore failed with Unknown RPC2"
            + " return code 700'. Use a client built with the SFTP quota fix, or "
            + phrases.copyInRoute()
            + ".");
    notes.add(Runbook.STOCK_SERVER_WARNING);
    VolutilRestore.Invocation inv = RestoreJob.invocation(v, file);
    book.step("Restore through volutil, from the dump file", List.of(inv.display()), notes);
    book.step(
        "Make it visible to clients",
        List.of(
            "bldvldb.sh    # on the SCM",
            Shell.join(
                List.of(
                    "cfs", "mkmount", "/coda/REALM/WHERE", v.name() == null ? "NAME" : v.name()))),
        List.of(
            "The dump file can go once the volume is restored: "
                + Shell.join(List.of("rm", file.toString())),
            "Remove a temporary restored volume when done: volutil purge ID NAME"));
  }
}
