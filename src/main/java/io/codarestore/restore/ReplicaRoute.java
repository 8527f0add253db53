package io.codarestore.restore;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ExternalProgram;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.TempOutputs;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.Acl;
import io.codarestore.dump.ChainMerger;
import io.codarestore.dump.DumpReader;
import io.codarestore.dump.DumpTree;
import io.codarestore.dump.TreeDirectory;
import io.codarestore.dump.TreeFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The copy-in route, also the documented way back to a replicated volume (coda-rw-promotion.md
 * section 3): no bits make a restored dump a replica, and volutil restore has its own troubles (the
 * stock client's 512000-byte limit), so create a new volume, mount it, extract the tree in through
 * the Coda client, give every directory its ACL again with {@code cfs setacl}, and verify the copy
 * against the dump. Each step is logged with its commands before it runs; the steps done are
 * recorded in the workspace, so the admin can stop after any step ({@code untilStep}) and a re-run
 * of the same restore continues where it stopped.
 */
final class ReplicaRoute {
  /** The steps, in order. */
  enum Step {
    CREATEVOL("createvol", "Create the new replicated volume"),
    MOUNT("mount", "Mount the new volume"),
    COPY("copy", "Copy the dump's tree into the new volume through the Coda client"),
    ACLS("acls", "Give every directory its ACL from the dump"),
    VERIFY("verify", "Verify the copy against the dump");

    final String id;
    final String title;

    Step(String id, String title) {
      this.id = id;
      this.title = title;
    }

    static Step of(String id) {
      for (Step s : values()) {
        if (s.id.equals(id)) {
          return s;
        }
      }
      throw new UserFacingException(
          "unknown copy-in step '" + id + "' (steps: createvol, mount, copy, acls, verify)");
    }
  }

  private static final String COPY_DIR = ".coda-restore-copy";

  private final RestoreTarget.Replica target;
  private final Path stateFile;
  private final Path runDir;
  private final Cancellation cancel;
  private final RunLog log;
  private final TreeExtractor extractor;
  private final List<FollowUp> followUp = new ArrayList<>();

  ReplicaRoute(
      RestoreTarget.Replica target,
      Workspace ws,
      Path runDir,
      Cancellation cancel,
      RunLog log,
      TreeExtractor extractor) {
    this.target = target;
    this.stateFile =
        ws.root().resolve("replica").resolve(Workspace.safe(target.newVolume()) + ".steps");
    this.runDir = runDir;
    this.cancel = cancel;
    this.log = log;
    this.extractor = extractor;
  }

  List<FollowUp> followUp() {
    return List.copyOf(followUp);
  }

  /** Runs the steps not done yet; returns what happened. */
  Restored run(List<Path> chain, ChainMerger merger) {
    Step until = target.untilStep() == null ? null : Step.of(target.untilStep());
    Set<Step> done = readState();
    List<String> did = new ArrayList<>();
    for (Step s : Step.values()) {
      if (done.contains(s)) {
        log.info("step " + s.id + " was done by an earlier run");
        continue;
      }
      cancel.check();
      log.info("step " + (s.ordinal() + 1) + "/" + Step.values().length + ": " + s.title);
      boolean finished = perform(s, chain, merger);
      if (!finished) {
        did.add(s.id + " (waiting)");
        return new Restored.CopyInPaused(target.newVolume(), s.id, followUp, did);
      }
      done.add(s);
      writeState(done);
      did.add(s.id);
      if (s == until) {
        followUp.add(new FollowUp.ContinueAfter(s.id));
        return new Restored.CopyInStopped(target.newVolume(), s.id, did);
      }
    }
    followUp.add(new FollowUp.CheckNewVolume(target.newVolume(), target.replicaOf()));
    return new Restored.CopyInComplete(target.newVolume(), target.mount(), did);
  }

  private boolean perform(Step s, List<Path> chain, ChainMerger merger) {
    switch (s) {
      case CREATEVOL -> {
        return createVolume();
      }
      case MOUNT -> mount();
      case COPY -> copy(chain, merger);
      case ACLS -> acls(chain, merger);
      case VERIFY -> verify(chain, merger);
    }
    return true;
  }

  /** Runs one command of the route (createvol_rep, cfs): logged, stoppable, its words kept. */
  private void command(List<String> argv) {
    log.info("running: " + Shell.join(argv));
    ExternalProgram.Result r =
        ExternalProgram.of(argv).cancel(cancel).onLine(l -> log.info(argv.get(0) + ": " + l)).run();
    if (!r.succeeded()) {
      throw new ExternalProgram.Failed(r);
    }
  }

  /** Runs createvol_rep, or prints it for the SCM and waits for a re-run. */
  private boolean createVolume() {
    List<String> argv = createvolArgs(target);
    if (target.createvolCommand() != null) {
      command(argv);
      return true;
    }
    Path marker = stateFile.resolveSibling(stateFile.getFileName() + ".createvol-printed");
    if (Files.exists(marker)) {
      log.info("createvol_rep was printed by an earlier run; taken as done on the SCM");
      return true;
    }
    try {
      Files.createDirectories(marker.getParent());
      Files.writeString(marker, Shell.join(argv) + "\n");
    } catch (IOException e) {
      throw new UserFacingException("cannot write " + marker + ": " + e.getMessage(), e);
    }
    followUp.add(new FollowUp.CreateVolumeOnScm(argv));
    return false;
  }

  static List<String> createvolArgs(RestoreTarget.Replica r) {
    List<String> a = new ArrayList<>();
    a.add(r.createvolCommand() == null ? "createvol_rep" : r.createvolCommand());
    a.add(r.newVolume());
    a.addAll(r.replicaServers());
    return a;
  }

  private void mount() {
    Path m = target.mount();
    if (!Files.exists(m, LinkOption.NOFOLLOW_LINKS)) {
      command(List.of(target.cfsCommand(), "mkmount", m.toString(), target.newVolume()));
    }
    if (!Files.isDirectory(m)) {
      throw new UserFacingException(
          m
              + " is not a directory after cfs mkmount; is the Coda client running and the volume created?");
    }
  }

  private void copy(List<Path> chain, ChainMerger merger) {
    Path m = target.mount();
    Path staging = m.resolve(COPY_DIR);
    try {
      if (Files.exists(staging)) {
        TempOutputs.removeTree(staging); // left by an interrupted copy
      }
      RestoreTarget.Directory into = new RestoreTarget.Directory(staging, List.of(), false);
      Restored summary =
          StreamingMerge.run(
              merger,
              chain,
              UnaryOperator.identity(),
              in -> extractor.extract(in, "merged chain", into, ProgressListener.NONE, cancel));
      log.info("copied: " + summary.describe());
      // The volume root takes the dump root's mtime (moving the entries in changes it).
      java.nio.file.attribute.FileTime rootTime = Files.getLastModifiedTime(staging);
      try (Stream<Path> children = Files.list(staging)) {
        for (Path c : children.toList()) {
          Path dest =
              c.getFileName().toString().equals(DumpTree.ACL_FILE)
                  ? runDir.resolve(DumpTree.ACL_FILE)
                  : m.resolve(c.getFileName().toString());
          if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserFacingException(
                dest
                    + " already exists in the new volume; the copy does not overwrite it (empty the volume or choose another)");
          }
          Files.move(c, dest);
        }
      }
      Files.delete(staging);
      Files.setLastModifiedTime(m, rootTime);
    } catch (IOException e) {
      throw new UserFacingException("copy into " + m + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      try {
        if (Files.exists(staging)) {
          TempOutputs.removeTree(staging);
        }
      } catch (IOException ignored) {
        // the staging folder starts with a dot and is removed by the next copy step
      }
      throw e;
    }
  }

  private void acls(List<Path> chain, ChainMerger merger) {
    List<TreeDirectory> dirs =
        StreamingMerge.run(
            merger,
            chain,
            UnaryOperator.identity(),
            in ->
                DumpTree.readDirectories(new DumpReader(in, "merged chain"), cancel).directories());
    for (TreeDirectory d : dirs) {
      if (d.record().acl() == null) {
        continue;
      }
      Path dir = d.isRoot() ? target.mount() : target.mount().resolve(d.path());
      for (List<String> argv :
          CfsAclCommands.forDirectory(target.cfsCommand(), dir, Acl.parse(d.record().acl()))) {
        command(argv);
      }
    }
  }

  private void verify(List<Path> chain, ChainMerger merger) {
    List<String> problems =
        StreamingMerge.run(
            merger,
            chain,
            UnaryOperator.identity(),
            in -> compare(new DumpReader(in, "merged chain")));
    if (!problems.isEmpty()) {
      throw new UserFacingException(
          "the copy in "
              + target.mount()
              + " differs from the dump in "
              + problems.size()
              + " place(s): "
              + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
    }
    log.info("verified: every path, type, size, checksum and mode matches the dump");
  }

  private List<String> compare(DumpReader reader) {
    List<String> problems = new ArrayList<>();
    DumpTree tree = DumpTree.readDirectories(reader, cancel);
    Path m = target.mount();
    for (TreeDirectory d : tree.directories()) {
      Path p = d.isRoot() ? m : m.resolve(d.path());
      if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(d.path() + ": directory missing");
      }
    }
    tree.walkFiles(
        reader,
        (f, r) -> {
          if (f.orphan()) {
            return;
          }
          String sha = null;
          for (String path : f.paths()) {
            Path p = m.resolve(path);
            if (f.isSymlink()) {
              if (!Files.isSymbolicLink(p)) {
                problems.add(path + ": symlink missing");
              }
              continue;
            }
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
              problems.add(path + ": file missing");
              continue;
            }
            try {
              if (Files.size(p) != f.size()) {
                problems.add(path + ": " + Files.size(p) + " bytes, the dump has " + f.size());
                continue;
              }
              if (sha == null) {
                sha = sha256(f, r);
              }
              if (!sha.equals(Workspace.sha256(p))) {
                problems.add(path + ": content differs from the dump");
              }
              int mode = modeOf(p);
              if (mode != (f.record().mode() & 0777)) {
                problems.add(
                    path
                        + ": mode "
                        + Integer.toOctalString(mode)
                        + ", the dump has "
                        + Integer.toOctalString(f.record().mode() & 0777));
              }
            } catch (IOException e) {
              problems.add(path + ": " + e.getMessage());
            }
          }
        },
        cancel);
    return problems;
  }

  private static String sha256(TreeFile f, DumpReader r) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
        r.copyPayload(out);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int modeOf(Path p) throws IOException {
    int mode = 0;
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    PosixFilePermission[] order = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < order.length; i++) {
      if (perms.contains(order[i])) {
        mode |= 1 << (8 - i);
      }
    }
    return mode;
  }

  private Set<Step> readState() {
    Set<Step> done = EnumSet.noneOf(Step.class);
    if (Files.exists(stateFile)) {
      try {
        for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
          // "restore" was a step of this route before it stopped using volutil restore
          if (!line.isBlank() && !line.strip().equals("restore")) {
            done.add(Step.of(line.strip()));
          }
        }
      } catch (IOException e) {
        throw new UserFacingException(
            "cannot read the replica route state " + stateFile + ": " + e.getMessage(), e);
      }
    }
    return done;
  }

  private void writeState(Set<Step> done) {
    try {
      Files.createDirectories(stateFile.getParent());
      Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".part");
      StringBuilder b = new StringBuilder();
      for (Step s : done) {
        b.append(s.id).append('\n');
      }
      Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
      Files.move(
          tmp,
          stateFile,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot record the replica route state in " + stateFile + ": " + e.getMessage(), e);
    }
  }

  /** The route's manual steps for the runbook. */
  static void runbookSteps(Runbook book, RestoreTarget.Replica r, Path merged) {
    book.step(
        Step.CREATEVOL.title + " (on the SCM)",
        List.of(Shell.join(createvolArgs(r)), "bldvldb.sh"),
        List.of(
            "No bits make a restored dump a replica: the server refuses types 0 and 3, forces the group id to 0, and crashes when a VRDB entry points at a restored volume (coda-rw-promotion.md section 2)."));
    book.step(
        Step.MOUNT.title,
        List.of(
            Shell.join(List.of(r.cfsCommand(), "mkmount", r.mount().toString(), r.newVolume()))),
        List.of());
    book.step(
        Step.COPY.title,
        List.of(
            Shell.join(
                List.of(
                    "coda-restore",
                    "extract",
                    "--to-dir",
                    r.mount().resolve(COPY_DIR).toString(),
                    merged.toString())),
            "# then move everything from " + COPY_DIR + " up into " + r.mount()),
        List.of(
            "Ownership and vnode numbers are the copying client's; modes and mtimes come from the dump."));
    book.step(
        Step.ACLS.title,
        List.of(
            Shell.quote(r.cfsCommand())
                + " setacl -clear DIR NAME RIGHTS ...   # for every directory, from .coda-acls.json",
            Shell.quote(r.cfsCommand())
                + " setacl -negative DIR NAME RIGHTS ...   # where the dump has negative entries"),
        List.of());
    book.step(
        Step.VERIFY.title,
        List.of("# paths, types, sizes, SHA-256 and modes against the dump (done by this program)"),
        List.of(
            "Then check the new volume with a client (and retire the old one, if it replaces one)."));
  }
}
