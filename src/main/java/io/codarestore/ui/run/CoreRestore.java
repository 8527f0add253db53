package io.codarestore.ui.run;

import io.codarestore.amanda.Crc;
import io.codarestore.amanda.FetchRequest;
import io.codarestore.amanda.FetchResult;
import io.codarestore.amanda.PartLocation;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogPart;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.ChainMerger;
import io.codarestore.dump.DumpHeader;
import io.codarestore.dump.DumpVerifier;
import io.codarestore.dump.ExtractReport;
import io.codarestore.dump.ExtractRequest;
import io.codarestore.dump.Extraction;
import io.codarestore.dump.ReadWritePromotion;
import io.codarestore.dump.VerifyReport;
import io.codarestore.plan.AmandaDates;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.LinkCheck;
import io.codarestore.restore.Runbook;
import io.codarestore.restore.Shell;
import io.codarestore.restore.VolutilRestore;
import io.codarestore.restore.Workspace;
import io.codarestore.ui.target.RestoreTarget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The one place where the wizard drives the core's restore pieces. Until the restore job of issue 4
 * exists, it chains them itself: fetch every link off the vtapes into the run's folder, check the
 * links from the dump headers, merge the chain in one pass, verify, then write the target (extract
 * to a directory or tar, keep the dump file, or stream it into volutil). Whatever it created is
 * removed when the run fails or is cancelled. Swap the body of {@link #run} for the restore job
 * when it lands; the pages do not change.
 */
public final class CoreRestore {
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");

  private final Workspace workspace;

  public CoreRestore(Path workspaceRoot) {
    this.workspace = new Workspace(workspaceRoot);
  }

  public Path workspaceRoot() {
    return workspace.root();
  }

  /** The fetch request for a link of a plan. */
  static FetchRequest request(ChainLink link) {
    CatalogDump d = link.dump();
    List<PartLocation> parts = new ArrayList<>();
    for (CatalogPart p : link.parts()) {
      parts.add(new PartLocation(p.partNumber(), p.label(), p.fileNumber(), p.bytes()));
    }
    return new FetchRequest(
        d.host(),
        d.volume(),
        d.datestamp(),
        d.level(),
        parts,
        crc(d.nativeCrc()),
        crc(d.serverCrc()));
  }

  private static Crc crc(String text) {
    if (text == null || text.isBlank()) {
      return Crc.UNKNOWN;
    }
    try {
      return Crc.parse(text);
    } catch (IllegalArgumentException e) {
      return Crc.UNKNOWN;
    }
  }

  /** How the user knows a dump: "u.alice level 1 of 20240305073800". */
  static String name(CatalogDump d) {
    return d.volume() + " level " + d.level() + " of " + d.datestamp();
  }

  /**
   * Reads the Coda dump header at the start of a dump (the first part only: the fetch is stopped as
   * soon as the header has gone by).
   */
  public DumpHeader readHeader(CatalogDump dump, List<CatalogPart> parts, Path vtapeRoot) {
    if (vtapeRoot == null) {
      throw new UserFacingException(
          "the catalog names no vtape directory; headers can only be read from vtapes here");
    }
    List<PartLocation> locations = new ArrayList<>();
    for (CatalogPart p : parts) {
      locations.add(new PartLocation(p.partNumber(), p.label(), p.fileNumber(), p.bytes()));
    }
    FetchRequest r =
        new FetchRequest(
            dump.host(), dump.volume(), dump.datestamp(), dump.level(), locations, null, null);
    Cancellation stop = new Cancellation();
    AtomicReference<DumpHeader> header = new AtomicReference<>();
    VtapeFetcher fetcher =
        new VtapeFetcher(
            vtapeRoot,
            (req, start, length) -> {
              header.set(
                  DumpHeader.read(new ByteArrayInputStream(start, 0, length), req.describe()));
              stop.cancel(); // the header is all we wanted: stop reading
            });
    try {
      fetcher.fetch(r, OutputStream.nullOutputStream(), ProgressListener.NONE, stop);
    } catch (Cancellation.CancelledException e) {
      // expected once the header was read
    }
    if (header.get() == null) {
      throw new UserFacingException("no Coda dump header at the start of " + name(dump));
    }
    return header.get();
  }

  /**
   * Checks every link of the plan's chain from the dump headers (uniquifier continuity included),
   * reading the headers of the dumps taken between the links too.
   */
  public List<LinkCheck.Link> checkLinks(
      RestorePlan plan, List<CatalogDump> volumeDumps, Path vtapeRoot, Cancellation cancel) {
    List<LinkCheck.Dump> chain = new ArrayList<>();
    List<List<LinkCheck.Dump>> between = new ArrayList<>();
    String previous = null;
    for (ChainLink link : plan.chain()) {
      cancel.check();
      List<LinkCheck.Dump> before = new ArrayList<>();
      if (previous != null) {
        String from = AmandaDates.nice(previous);
        String to = AmandaDates.nice(link.datestamp());
        for (CatalogDump d : volumeDumps) {
          String at = AmandaDates.nice(d.datestamp());
          if (at.compareTo(from) > 0 && at.compareTo(to) < 0 && d.status().isGood()) {
            before.add(
                headerOf(
                    d,
                    d.goodParts(),
                    d.availability().readable(),
                    d.availability().reason(),
                    vtapeRoot));
          }
        }
      }
      between.add(before);
      chain.add(headerOf(link.dump(), link.parts(), link.available(), link.reason(), vtapeRoot));
      previous = link.datestamp();
    }
    return LinkCheck.check(chain, between);
  }

  private LinkCheck.Dump headerOf(
      CatalogDump d, List<CatalogPart> parts, boolean readable, String reason, Path vtapeRoot) {
    if (!readable) {
      return new LinkCheck.Dump(name(d), null, reason == null ? "not readable" : reason);
    }
    try {
      return new LinkCheck.Dump(name(d), readHeader(d, parts, vtapeRoot), null);
    } catch (UserFacingException | UncheckedIOException e) {
      return new LinkCheck.Dump(name(d), null, e.getMessage());
    }
  }

  /**
   * The equivalent manual commands of a restore (the dry run shows them; the runbook keeps them).
   */
  public Runbook runbook(RestorePlan plan, RestoreTarget target, String config, Path runDir) {
    String cfg = config == null ? "CONFIG" : config;
    Runbook book =
        new Runbook("Restore " + plan.host() + ":" + plan.volume() + " to " + plan.target().text());
    List<String> fetch = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (ChainLink l : plan.chain()) {
      Path f = runDir.resolve(fileName(l));
      files.add(f.toString());
      fetch.add(
          Shell.join(
                  List.of(
                      "amfetchdump",
                      "-p",
                      cfg,
                      l.dump().host(),
                      "^" + regexLiteral(l.dump().volume()) + "$",
                      l.datestamp()))
              + " > "
              + Shell.quote(f.toString()));
    }
    book.step(
        "Fetch the " + plan.chain().size() + " dump(s) of the chain, base first",
        fetch,
        List.of("tapes in reading order: " + String.join(", ", plan.media())));
    Path merged = runDir.resolve("merged.dump");
    if (plan.chain().size() > 1) {
      List<String> merge =
          new ArrayList<>(List.of("coda-restore", "merge", "--out", merged.toString()));
      merge.addAll(files);
      book.step("Merge the chain into one full dump", List.of(Shell.join(merge)), List.of());
    } else {
      merged = Path.of(files.get(0));
    }
    book.step(
        "Verify the merged dump",
        List.of(Shell.join(List.of("coda-restore", "verify", merged.toString()))),
        List.of());
    targetStep(book, target, merged);
    return book;
  }

  private static void targetStep(Runbook book, RestoreTarget target, Path merged) {
    if (target instanceof RestoreTarget.Directory d) {
      List<String> cmds = new ArrayList<>();
      if (d.paths().isEmpty()) {
        cmds.add(
            Shell.join(
                List.of(
                    "coda-restore", "extract", "--to-dir", d.dir().toString(), merged.toString())));
      } else {
        int n = 0;
        for (String p : d.paths()) {
          Path scratch = d.dir().resolveSibling(d.dir().getFileName() + ".part" + n++);
          cmds.add(
              Shell.join(
                  List.of(
                      "coda-restore",
                      "extract",
                      "--to-dir",
                      scratch.toString(),
                      "--path",
                      p,
                      merged.toString())));
          Path to = d.dir().resolve(p);
          cmds.add(
              Shell.join(List.of("mkdir", "-p", to.getParent().toString()))
                  + " && "
                  + Shell.join(List.of("mv", scratch.resolve(p).toString(), to.toString()))
                  + " && "
                  + Shell.join(List.of("rm", "-r", scratch.toString())));
        }
      }
      book.step("Extract the tree", cmds, List.of("directory ACLs are kept in .coda-acls.json"));
    } else if (target instanceof RestoreTarget.TarFile t) {
      book.step(
          "Write the tree as a tar file",
          List.of(
              Shell.join(
                  List.of(
                      "coda-restore",
                      "extract",
                      "--to-tar",
                      t.file().toString(),
                      merged.toString()))),
          List.of());
    } else if (target instanceof RestoreTarget.DumpFile f) {
      book.step(
          "Keep the merged full dump",
          List.of(Shell.join(List.of("mv", merged.toString(), f.file().toString()))),
          List.of());
    } else if (target instanceof RestoreTarget.Volume v) {
      volumeSteps(book, v, merged);
    } else if (target instanceof RestoreTarget.Replica r) {
      volumeSteps(book, r.restore(), merged);
      book.step(
          "Create the replicated volume (on the SCM)",
          List.of(Shell.join(List.of("createvol_rep", r.replicatedName(), "E0000100"))),
          List.of("use your server's volume storage group instead of E0000100"));
      book.step(
          "Mount both volumes and copy the tree through the Coda client",
          List.of(
              Shell.join(
                  List.of(
                      "cfs",
                      "mkmount",
                      r.mount().resolve("restored").toString(),
                      r.restore().name())),
              Shell.join(
                  List.of(
                      "cfs", "mkmount", r.mount().resolve("new").toString(), r.replicatedName())),
              Shell.join(
                  List.of(
                      "cp",
                      "-a",
                      r.mount().resolve("restored") + "/.",
                      r.mount().resolve("new") + "/"))),
          List.of("then re-apply every directory's ACL with cfs setacl (see .coda-acls.json)"));
    }
  }

  private static void volumeSteps(Runbook book, RestoreTarget.Volume v, Path merged) {
    Integer id =
        v.volumeId() == null || v.volumeId().isBlank()
            ? null
            : VolutilRestore.parseVolumeId(v.volumeId());
    VolutilRestore.Invocation inv =
        new VolutilRestore.Invocation(v.command(), v.server(), v.partition(), v.name(), id, null);
    List<String> notes = new ArrayList<>();
    if (v.readWrite()) {
      notes.add(
          "the stream is rewritten on the way: volume type read-write (4), parent id "
              + v.volumeId());
    }
    notes.add(Runbook.STOCK_SERVER_WARNING);
    book.step(
        "Restore the volume with volutil",
        List.of(inv.display("cat " + Shell.quote(merged.toString()))),
        notes);
    book.step(
        "Make the volume reachable",
        List.of(
            "bldvldb.sh",
            Shell.join(
                List.of(
                    "cfs", "mkmount", "/coda/MOUNTPOINT", v.name() == null ? "VOLUME" : v.name()))),
        List.of("rebuild the volume location database, then mount the volume"));
  }

  /** A disk name as a literal in amfetchdump's (Perl) regular expression. */
  static String regexLiteral(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  private static String fileName(ChainLink l) {
    return l.dump().volume().replaceAll("[^A-Za-z0-9._-]", "_")
        + "."
        + l.datestamp()
        + ".L"
        + l.level()
        + ".dump";
  }

  /**
   * Runs the restore. Every stage reports to {@code progress}; {@code log} gets the run log line by
   * line. On failure or cancel, everything the run created is removed and the exception is
   * rethrown.
   */
  public RunOutcome run(
      RestorePlan plan,
      RestoreTarget target,
      Path vtapeRoot,
      String config,
      ProgressListener progress,
      Cancellation cancel,
      Consumer<String> log) {
    if (!plan.restorable()) {
      throw new UserFacingException(
          "the plan is not restorable: "
              + (plan.gap() == null ? "a link is missing" : plan.gap().reason()));
    }
    if (vtapeRoot == null) {
      throw new UserFacingException(
          "the catalog names no vtape directory; this version of the wizard reads vtapes only");
    }
    List<String> lines = new ArrayList<>();
    Consumer<String> say =
        s -> {
          lines.add(s);
          log.accept(s);
        };
    Path runDir = workspace.runDirectory(RUN_ID.format(LocalDateTime.now()) + "-" + plan.volume());
    Runbook book = runbook(plan, target, config, runDir);
    List<String> verification = new ArrayList<>();
    List<Path> created = new ArrayList<>();
    try {
      // 1. fetch
      VtapeFetcher fetcher = new VtapeFetcher(vtapeRoot);
      List<Path> files = new ArrayList<>();
      for (ChainLink link : plan.chain()) {
        cancel.check();
        Path f = runDir.resolve(fileName(link));
        say.accept("fetching " + name(link.dump()) + " from " + String.join(", ", labels(link)));
        FetchResult r = fetcher.fetchToFile(request(link), f, progress, cancel);
        created.add(f);
        files.add(f);
        verification.add(
            name(link.dump())
                + ": "
                + r.writtenBytes()
                + " bytes"
                + (r.nativeVerified() ? ", NATIVE-CRC matches Amanda's log" : "")
                + (r.storedVerified() ? ", SERVER-CRC matches" : ""));
        r.warnings().forEach(w -> say.accept("warning: " + w));
      }
      // 2. the links, from the headers of the fetched dumps
      List<LinkCheck.Dump> chain = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        chain.add(
            new LinkCheck.Dump(
                name(plan.chain().get(i).dump()), DumpHeader.read(files.get(i)), null));
      }
      List<List<LinkCheck.Dump>> noneBetween = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        noneBetween.add(List.of());
      }
      for (LinkCheck.Link l : LinkCheck.check(chain, noneBetween)) {
        String line =
            "link "
                + l.base().name()
                + " → "
                + l.increment().name()
                + ": "
                + l.verdict()
                + " — "
                + l.explanation();
        say.accept(line);
        verification.add(line);
        if (l.verdict() == LinkCheck.Verdict.BROKEN) {
          throw new UserFacingException("the chain is broken: " + l.explanation());
        }
      }
      // 3. merge
      Path merged;
      if (files.size() > 1) {
        merged = runDir.resolve("merged.dump");
        say.accept("merging " + files.size() + " dumps into " + merged);
        ChainMerger.Result m = new ChainMerger(progress, cancel).mergeToFile(files, merged, false);
        created.add(merged);
        m.warnings().forEach(w -> say.accept("warning: " + w));
      } else {
        merged = files.get(0);
      }
      // 4. verify
      cancel.check();
      progress.stageStarted("verify merged dump", Files.size(merged));
      VerifyReport report = new DumpVerifier(cancel).verify(merged);
      progress.stageFinished("verify merged dump");
      verification.add(
          "merged dump verified: " + (report.ok() ? "no problem found" : report.toString()));
      say.accept("verify: " + (report.ok() ? "ok" : report.toString()));
      if (!report.ok()) {
        throw new UserFacingException("the merged dump does not verify: " + report);
      }
      // 5. target
      Path output = write(target, merged, progress, cancel, say, verification);
      deleteAll(created);
      say.accept("done: " + target.describe());
      Path logFile = runDir.resolve("run.log");
      Files.write(logFile, lines);
      Files.writeString(runDir.resolve("runbook.txt"), book.text());
      return new RunOutcome(
          plan.host()
              + ":"
              + plan.volume()
              + " as of "
              + plan.target().text()
              + " → "
              + target.describe(),
          output,
          verification,
          commands(book),
          followUp(target),
          lines,
          logFile);
    } catch (RuntimeException | IOException e) {
      say.accept(
          (e instanceof Cancellation.CancelledException ? "cancelled: " : "failed: ")
              + e.getMessage());
      deleteAll(created);
      try {
        Files.write(runDir.resolve("run.log"), lines); // the record of what happened stays
      } catch (IOException ignored) {
        deleteTree(runDir);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
  }

  private Path write(
      RestoreTarget target,
      Path merged,
      ProgressListener progress,
      Cancellation cancel,
      Consumer<String> say,
      List<String> verification)
      throws IOException {
    if (target instanceof RestoreTarget.Directory d) {
      if (d.paths().isEmpty()) {
        ExtractReport r =
            Extraction.run(
                merged,
                new ExtractRequest(ExtractRequest.Format.DIRECTORY, d.dir(), null, false, null),
                progress,
                cancel);
        verification.add(extracted(r));
      } else {
        verification.add(extractPaths(merged, d.paths(), d.dir(), progress, cancel));
      }
      return d.dir();
    }
    if (target instanceof RestoreTarget.TarFile t) {
      ExtractReport r =
          Extraction.run(
              merged,
              new ExtractRequest(ExtractRequest.Format.TAR, t.file(), null, false, null),
              progress,
              cancel);
      verification.add(extracted(r));
      return t.file();
    }
    if (target instanceof RestoreTarget.DumpFile f) {
      if (Files.exists(f.file())) {
        throw new UserFacingException(f.file() + " exists; it is not overwritten");
      }
      Files.copy(merged, f.file());
      return f.file();
    }
    RestoreTarget.Volume v =
        target instanceof RestoreTarget.Replica r ? r.restore() : (RestoreTarget.Volume) target;
    Integer id =
        v.volumeId() == null || v.volumeId().isBlank()
            ? null
            : VolutilRestore.parseVolumeId(v.volumeId());
    VolutilRestore.Invocation inv =
        new VolutilRestore.Invocation(v.command(), v.server(), v.partition(), v.name(), id, null);
    say.accept("running " + inv.display("(merged dump)"));
    VolutilRestore.Outcome o;
    if (v.readWrite()) {
      if (id == null) {
        throw new UserFacingException("a read-write restore needs the volume id");
      }
      ReadWritePromotion promote = new ReadWritePromotion(id);
      o =
          new VolutilRestore(cancel)
              .run(
                  inv,
                  stdin -> new ChainMerger(progress, cancel).merge(List.of(merged), stdin, promote),
                  say);
    } else {
      o = new VolutilRestore(cancel).run(inv, stdin -> Files.copy(merged, stdin), say);
    }
    if (!o.succeeded()) {
      throw new UserFacingException(v.command() + " exited with status " + o.exitStatus());
    }
    verification.add("volutil exited with status 0");
    return null;
  }

  /**
   * Extracts only {@code paths} (files or subtrees, relative to the volume root) into the new
   * directory {@code out}, each at its place in the volume. Each path is extracted into a scratch
   * folder beside {@code out} and moved into a staging folder, which is renamed to {@code out} at
   * the end; a failure or cancel removes them all, so {@code out} never exists half-written.
   */
  public static String extractPaths(
      Path dump, List<String> paths, Path out, ProgressListener progress, Cancellation cancel)
      throws IOException {
    if (Files.exists(out)) {
      throw new UserFacingException(out + " exists; it is not overwritten");
    }
    Path parent = out.toAbsolutePath().getParent();
    Path staging = Files.createTempDirectory(parent, "." + out.getFileName() + ".partial-");
    List<Path> scratch = new ArrayList<>();
    long files = 0;
    long bytes = 0;
    try {
      for (String p : paths) {
        cancel.check();
        Path one = parent.resolve(staging.getFileName() + "-" + scratch.size());
        scratch.add(one);
        ExtractReport r =
            Extraction.run(
                dump,
                new ExtractRequest(ExtractRequest.Format.DIRECTORY, one, p, false, null),
                progress,
                cancel);
        files += r.files();
        bytes += r.bytes();
        Path to = staging.resolve(p);
        Files.createDirectories(to.getParent());
        Files.move(one.resolve(p), to);
      }
      Files.move(staging, out);
      return paths.size() + " path(s): " + files + " files, " + bytes + " bytes written";
    } finally {
      for (Path one : scratch) {
        deleteTree(one);
      }
      deleteTree(staging);
    }
  }

  private static String extracted(ExtractReport r) {
    return r.directories()
        + " directories, "
        + r.files()
        + " files, "
        + r.symlinks()
        + " symlinks, "
        + r.bytes()
        + " bytes written";
  }

  private static List<String> labels(ChainLink link) {
    return link.parts().stream().map(CatalogPart::label).distinct().toList();
  }

  private static List<String> commands(Runbook book) {
    List<String> out = new ArrayList<>();
    for (Runbook.Step s : book.steps()) {
      out.addAll(s.commands());
    }
    return out;
  }

  private static List<String> followUp(RestoreTarget target) {
    if (target instanceof RestoreTarget.Directory || target instanceof RestoreTarget.TarFile) {
      return List.of(
          "Check the restored files, then copy what is needed back into /coda.",
          "Directory ACLs are in .coda-acls.json; re-apply them with cfs setacl where needed.");
    }
    if (target instanceof RestoreTarget.DumpFile) {
      return List.of("Restore the dump on a server with volutil restore -f FILE PARTITION NAME.");
    }
    return List.of(
        "Rebuild the volume location database (bldvldb.sh on the SCM).",
        "Mount the restored volume with cfs mkmount and check it.");
  }

  private static void deleteAll(List<Path> files) {
    for (Path p : files) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // best effort: the run folder is removed as a whole on failure
      }
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // nothing more to do: the folder is under the workspace, not the user's target
    }
  }
}
