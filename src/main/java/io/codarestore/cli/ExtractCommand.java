package io.codarestore.cli;

import io.codarestore.core.AppPaths;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.SharedDefaults;
import io.codarestore.dump.DumpTree;
import io.codarestore.dump.ExtractReport;
import io.codarestore.dump.ExtractRequest;
import io.codarestore.restore.RestoreService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coda-restore extract (--to-dir DIR | --to-tar FILE) [--path P] DUMP}. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Extract the file tree of a full (or merged) dump to a directory or a tar file: files,"
          + " directories, symlinks, hard links, modes and mtimes; owners too when running as"
          + " root (a tar file always records them). The ACLs of the directories go to "
          + DumpTree.ACL_FILE
          + " at the top of the output.",
      "Names that could escape the output ('/', control characters, invalid UTF-8) are"
          + " escaped as %%XX and reported. The output is written beside its final name and"
          + " renamed into place when complete; an existing output is only replaced with"
          + " --force.",
      "Vnodes that no directory reaches (orphans, e.g. files deleted before the last dump of"
          + " a chain) are not extracted; --orphans DIR writes them, named <vnode>.<uniquifier>."
    })
final class ExtractCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Target {
    @Option(
        names = "--to-dir",
        paramLabel = "DIR",
        required = true,
        description = "write a directory tree")
    Path dir;

    @Option(
        names = "--to-tar",
        paramLabel = "FILE",
        required = true,
        description = "write a tar file (POSIX pax)")
    Path tar;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(
      names = "--path",
      paramLabel = "P",
      description =
          "only this file or subtree, relative to the volume root (as ls shows it); repeatable")
  java.util.List<String> paths = new java.util.ArrayList<>();

  @Option(names = "--force", description = "replace an existing output (and orphans directory)")
  boolean force;

  @Option(
      names = "--orphans",
      paramLabel = "DIR",
      description = "also write the orphan vnodes to this directory")
  Path orphans;

  @Parameters(paramLabel = "DUMP", description = "a full or merged Coda volume dump file")
  Path dump;

  @Override
  public Integer call() {
    ExtractRequest req =
        new ExtractRequest(
            target.dir != null ? ExtractRequest.Format.DIRECTORY : ExtractRequest.Format.TAR,
            target.dir != null ? target.dir : target.tar,
            paths,
            force,
            orphans);
    // A dump file needs no workspace: the service never asks for it here.
    RestoreService service =
        new RestoreService(
            () -> SharedDefaults.load(AppPaths.fromEnvironment()).workspace(),
            CliPhrases.INSTANCE,
            Clock.systemDefaultZone());
    ExtractReport r = service.extract(dump, req, ProgressListener.NONE, Cancellation.none());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DumpText.warn(err, r.notices());
    out.printf(
        "extracted %s to %s: %d directories, %d files (%d bytes), %d symlinks, %d hard links%n",
        dump, r.output(), r.directories(), r.files(), r.bytes(), r.symlinks(), r.hardLinks());
    out.printf("ACLs of %d directories in %s%n", r.directories(), DumpTree.ACL_FILE);
    if (r.ownersSkipped() > 0) {
      out.printf("owners not set on %d objects (not running as root)%n", r.ownersSkipped());
    }
    if (r.orphans() > 0) {
      if (r.orphansOutput() != null) {
        out.printf(
            "%d orphan vnodes (no directory reaches them) written to %s%n",
            r.orphans(), r.orphansOutput());
      } else {
        out.printf(
            "%d orphan vnodes (no directory reaches them) not extracted; --orphans DIR writes"
                + " them%n",
            r.orphans());
      }
    }
    if (!r.notices().isEmpty()) {
      out.printf("%d warnings (on stderr)%n", r.notices().size());
    }
    out.flush();
    return 0;
  }
}
