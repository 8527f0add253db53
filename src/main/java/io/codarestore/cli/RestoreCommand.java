package io.codarestore.cli;

import io.codarestore.catalog.Catalog;
import io.codarestore.core.Cancellation;
import io.codarestore.core.UserFacingException;
import io.codarestore.plan.PlanTarget;
import io.codarestore.restore.LinkCheck;
import io.codarestore.restore.Names;
import io.codarestore.restore.RestoreJob;
import io.codarestore.restore.RestoreRequest;
import io.codarestore.restore.RestoreService;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.restore.Routed;
import io.codarestore.restore.Runbook;
import io.codarestore.restore.SpaceCheck;
import io.codarestore.restore.VolutilRestore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coda-restore restore}: plan, fetch, verify, merge and restore in one job. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Restore a volume as of a date: plan the chain, check every link from the dump headers,"
          + " check the space, fetch each dump once (cached in the workspace, reused when"
          + " verified), merge the chain in one pass straight into the target.",
      "Every run writes a log and a runbook of the equivalent manual commands into the"
          + " workspace."
    })
final class RestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DbOption db;

  @Mixin MediaOptions media;

  @Mixin VolumeOptions vol;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "DATE",
      description = "YYYY-MM-DD (end of that day) or YYYY-MM-DDTHH:MM[:SS]")
  String date;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Where where;

  static final class Where {
    @Option(
        names = "--to-dir",
        paramLabel = "DIR",
        description = "restore the tree into a new directory")
    Path toDir;

    @Option(names = "--to-dump", paramLabel = "FILE", description = "write the merged full dump")
    Path toDump;

    @Option(names = "--to-tar", paramLabel = "FILE", description = "write the tree as a tar file")
    Path toTar;

    @Option(names = "--volutil", description = "restore into a Coda server through volutil")
    boolean volutil;

    @Option(
        names = "--copy-in",
        paramLabel = "VOLUME",
        description =
            "a new volume VOLUME filled through a Coda client: createvol_rep, cfs mkmount, extract into the mount, cfs setacl, verify (no volutil restore)")
    String copyIn;

    @Option(
        names = "--replica-of",
        paramLabel = "VOLUME",
        description =
            "rebuild replicated VOLUME as a new volume (default VOLUME.new), filled like --copy-in")
    String replicaOf;
  }

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "only this file or subtree (repeatable; directory and tar targets)")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--volutil-cmd",
      paramLabel = "PATH",
      description = "volutil command (default: volutil)")
  String volutilCmd = "volutil";

  @Option(names = "--server", paramLabel = "S", description = "Coda server for volutil -h")
  String server;

  @Option(names = "--partition", paramLabel = "P", description = "server partition, e.g. /vicepa")
  String partition;

  @Option(
      names = "--name",
      paramLabel = "N",
      description = "name of the restored volume (31 bytes at most)")
  String name;

  @Option(
      names = "--volid",
      paramLabel = "ID",
      description = "id of the restored volume, hex (required with --read-write)")
  String volid;

  @Option(
      names = "--read-write",
      description = "restore as a writable non-replicated volume (type 4)")
  boolean readWrite;

  @Option(
      names = "--cfs-cmd",
      paramLabel = "PATH",
      description = "cfs command of the local Coda client (default: cfs)")
  String cfsCmd = "cfs";

  @Option(
      names = "--mount",
      paramLabel = "DIR",
      description = "copy-in and replica routes: where the new volume is mounted")
  Path mount;

  @Option(
      names = "--new-volume",
      paramLabel = "NAME",
      description = "replica route: name of the new replicated volume (default: VOLUME.new)")
  String newVolume;

  @Option(
      names = "--replica-server",
      paramLabel = "S/P",
      description =
          "replica route: createvol_rep server/partition (repeatable; default SERVER/PARTITION)")
  List<String> replicaServers = new ArrayList<>();

  @Option(
      names = "--createvol-cmd",
      paramLabel = "PATH",
      description =
          "replica route: run createvol_rep here (default: print it for the SCM and pause)")
  String createvolCmd;

  @Option(
      names = "--until",
      paramLabel = "STEP",
      description =
          "copy-in and replica routes: stop after createvol|mount|copy|acls|verify; a re-run continues")
  String until;

  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      description =
          "cache of fetched dumps and run logs (default: next to --db when given, else the"
              + " wizard's workspace, now ${sys:"
              + DbOption.WORKSPACE_PROPERTY
              + "})")
  Path workspace;

  @Option(
      names = "--keep-merged",
      paramLabel = "FILE",
      description =
          "also keep the merged full dump here (read-write: the rewritten dump volutil reads)")
  Path keepMerged;

  @Option(names = "--force", description = "replace an existing target directory or file")
  boolean force;

  @Option(
      names = "--accept-unchecked",
      description = "go on when a link cannot be checked from the dump headers")
  boolean acceptUnchecked;

  @Option(
      names = "--dry-run",
      description = "print the plan, media, bytes, space check and commands; touch nothing")
  boolean dryRun;

  @Option(names = "--json", description = "JSON object instead of text")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RestoreTarget target = target();
    PlanTarget when = PlanTarget.parse(date);
    try (Catalog catalog = Catalog.openExisting(db.path())) {
      RestoreService service =
          new RestoreService(
              () -> db.workspace(workspace), CliPhrases.INSTANCE, Clock.systemDefaultZone());
      RestoreService.Source source = new RestoreService.Source(catalog, db.path(), media.choice());
      RestoreRequest req =
          new RestoreRequest(vol.host, vol.volume, when, target, keepMerged, acceptUnchecked);
      Cancellation cancel = Cancellation.none();
      try (SignalCancel signals = new SignalCancel(cancel)) {
        try {
          return run(out, err, service, source, req, cancel);
        } catch (Cancellation.CancelledException e) {
          if (signals.exitStatus() == 0) {
            throw e;
          }
          org.slf4j.LoggerFactory.getLogger(RestoreCommand.class)
              .warn("restore cancelled by {}", signals.signalName());
          err.println(
              "coda-restore: cancelled ("
                  + signals.signalName()
                  + "); external programs stopped, nothing half-written left behind");
          return signals.exitStatus();
        }
      }
    }
  }

  private int run(
      PrintWriter out,
      PrintWriter err,
      RestoreService service,
      RestoreService.Source source,
      RestoreRequest req,
      Cancellation cancel)
      throws java.io.IOException {
    if (dryRun) {
      RestoreJob.Preview p = service.preview(source, req);
      // chosen paths the file index serves: which dumps the run reads (the service's rule)
      java.util.Optional<io.codarestore.restore.PathsPreview> byIndex =
          service.previewPaths(source, req);
      if (json) {
        Map<String, Object> m = previewJson(p);
        m.put("route", byIndex.isPresent() ? "index" : "chain");
        byIndex.ifPresent(x -> m.put("byIndex", PathRestoreRoute.previewJson(x)));
        JsonViews.MAPPER.writeValue(out, m);
        out.println();
      } else {
        byIndex.ifPresent(x -> PathRestoreRoute.printPreview(x, out));
        printPreview(out, p);
      }
      return 0;
    }
    // The route is the service's one rule (RestoreService.indexRoute), as for the wizard.
    Routed done = service.restore(source, req, new CliProgress(err, json), cancel);
    if (done instanceof Routed.ByIndex byIndex) {
      return PathRestoreRoute.print(byIndex.outcome(), vol.host, vol.volume, json, out);
    }
    RestoreJob.Outcome o = ((Routed.WholeChain) done).outcome();
    if (json) {
      Map<String, Object> m = previewJson(o.preview());
      m.put("links", o.links().stream().map(RestoreCommand::linkJson).toList());
      m.put("fetched", OutcomeText.fetched(o.fetched()));
      m.put("restored", OutcomeText.restored(o.restored()));
      m.put("runDirectory", o.runDirectory().toString());
      m.put("followUp", OutcomeText.followUp(o.followUp()));
      m.put("warnings", OutcomeText.warnings(o.warnings()));
      JsonViews.MAPPER.writeValue(out, m);
      out.println();
    } else {
      for (LinkCheck.Link l : o.links()) {
        out.println("link " + l.verdict() + ": " + l.explanation());
      }
      out.println(OutcomeText.restored(o.restored()));
      out.println("log and runbook: " + o.runDirectory());
      for (String f : OutcomeText.followUp(o.followUp())) {
        out.println("next: " + f);
      }
    }
    return 0;
  }

  private RestoreTarget target() {
    if (!paths.isEmpty() && where.toDir == null && where.toTar == null) {
      throw new UserFacingException("--path applies to --to-dir and --to-tar only");
    }
    if (where.toDir != null) {
      return new RestoreTarget.Directory(where.toDir, paths, force);
    }
    if (where.toTar != null) {
      return new RestoreTarget.TarFile(where.toTar, paths, force);
    }
    if (where.toDump != null) {
      return new RestoreTarget.DumpFile(where.toDump, force);
    }
    if (where.volutil) {
      return volutil();
    }
    String routeName = where.copyIn != null ? "--copy-in" : "--replica-of";
    if (mount == null) {
      throw new UserFacingException(
          routeName + " needs --mount DIR: where the new volume is mounted on this client");
    }
    List<String> servers = new ArrayList<>(replicaServers);
    if (servers.isEmpty()) {
      if (server == null || partition == null) {
        throw new UserFacingException(
            routeName
                + " needs --replica-server S/P (or --server and --partition) for createvol_rep");
      }
      servers.add(server + partition);
    }
    String newName =
        where.copyIn != null
            ? where.copyIn
            : newVolume != null ? newVolume : where.replicaOf + ".new";
    Names.checkPassedOn("volume name", newName);
    return new RestoreTarget.Replica(
        where.replicaOf, newName, servers, createvolCmd, cfsCmd, mount, until);
  }

  private RestoreTarget.Volutil volutil() {
    if (partition == null) {
      throw new UserFacingException("a volutil restore needs --partition (e.g. /vicepa)");
    }
    Integer id = volid == null ? null : VolutilRestore.parseVolumeId(volid);
    if (readWrite && id == null) {
      throw new UserFacingException(
          "--read-write needs --volid: the id the new writable volume gets (free on the server)");
    }
    if (id != null && name == null) {
      throw new UserFacingException("--volid needs --name (volutil takes the id after the name)");
    }
    Names.checkPassedOn("--name", name);
    Names.checkPassedOn("--server", server);
    Names.checkPassedOn("--partition", partition);
    return new RestoreTarget.Volutil(volutilCmd, server, partition, name, id, readWrite);
  }

  private static void printPreview(PrintWriter out, RestoreJob.Preview p) {
    out.println(
        "chain for "
            + p.plan().host()
            + ":"
            + p.plan().volume()
            + " as of "
            + p.plan().target().text()
            + " (base first):");
    p.plan()
        .chain()
        .forEach(
            l ->
                out.println(
                    "  level "
                        + l.level()
                        + " of "
                        + l.datestamp()
                        + " on "
                        + l.dump().whereToRead()));
    out.println("media in reading order: " + String.join(", ", p.media()));
    out.println("bytes to read: " + p.bytesToRead() + ", to write: " + p.bytesToWrite());
    for (SpaceCheck.Result r : p.space()) {
      out.println("space: " + r.describe());
    }
    for (String w : OutcomeText.warnings(p.warnings())) {
      out.println("warning: " + w);
    }
    out.println();
    out.print(p.runbook().text());
  }

  private static Map<String, Object> previewJson(RestoreJob.Preview p) {
    Map<String, Object> m = JsonViews.plan(p.plan());
    m.put("media", p.media());
    m.put("bytesToRead", p.bytesToRead());
    m.put("bytesToWrite", p.bytesToWrite());
    List<Map<String, Object>> space = new ArrayList<>();
    for (SpaceCheck.Result r : p.space()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("where", r.where().toString());
      s.put("needed", r.needed());
      s.put("free", r.free());
      s.put("enough", r.enough());
      space.add(s);
    }
    m.put("space", space);
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Runbook.Step s : p.runbook().steps()) {
      Map<String, Object> st = new LinkedHashMap<>();
      st.put("title", s.title());
      st.put("commands", s.commands());
      st.put("notes", s.notes());
      steps.add(st);
    }
    m.put("commands", steps);
    m.put("warnings", OutcomeText.warnings(p.warnings()));
    return m;
  }

  private static Map<String, Object> linkJson(LinkCheck.Link l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("base", l.base().name());
    m.put("increment", l.increment().name());
    m.put("verdict", l.verdict().name().toLowerCase(java.util.Locale.ROOT));
    m.put("explanation", l.explanation());
    return m;
  }
}
