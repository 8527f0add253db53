package io.codarestore.restore;

import io.codarestore.core.UserFacingException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold before a restore reads the first byte of a dump: the external programs it will run
 * exist and are executable, nothing it would create exists already, the names it passes on are
 * clean, and the server target follows {@link TargetRules} (host, {@code /vicepXX} partition,
 * volume names: the words the wizard's Target page shows). A dry run shows the same problems as
 * warnings.
 */
public final class Preconditions {
  private Preconditions() {}

  /** Throws the first problem, if any. */
  public static void check(RestoreRequest req, Phrases phrases) {
    List<RestoreProblem> p = typedProblems(req, phrases);
    if (!p.isEmpty()) {
      throw p.get(0);
    }
  }

  /** Every problem, one line each. */
  public static List<String> problems(RestoreRequest req, Phrases phrases) {
    return typedProblems(req, phrases).stream().map(RestoreProblem::getMessage).toList();
  }

  /** Every problem, as data. */
  public static List<RestoreProblem> typedProblems(RestoreRequest req, Phrases phrases) {
    List<RestoreProblem> p = new ArrayList<>();
    RestoreTarget t = req.target();
    if (t instanceof RestoreTarget.Directory d) {
      refuseExisting(p, d.dir(), d.force(), "target directory", phrases.replaceExisting());
    } else if (t instanceof RestoreTarget.DumpFile f) {
      refuseExisting(p, f.file(), f.force(), "target file", phrases.replaceExisting());
    } else if (t instanceof RestoreTarget.TarFile f) {
      refuseExisting(p, f.file(), f.force(), "target file", phrases.replaceExisting());
    } else if (t instanceof RestoreTarget.Volutil v) {
      program(p, v.command(), "volutil");
      rule(p, volutilFields(v));
    } else if (t instanceof RestoreTarget.Replica r) {
      program(p, r.cfsCommand(), "cfs");
      if (r.createvolCommand() != null) {
        program(p, r.createvolCommand(), "createvol_rep");
      }
      try {
        Names.checkPassedOn("volume name", r.newVolume());
        for (String s : r.replicaServers()) {
          Names.checkPassedOn("replica server", s);
        }
        rule(
            p,
            TargetRules.replica(
                r.replicaOf() != null, r.replicaOf(), r.newVolume(), r.replicaServers()));
      } catch (UserFacingException e) {
        p.add(new RestoreProblem.BadRequest(e.getMessage()));
      }
    }
    if (req.keepMerged() != null) {
      refuseExisting(p, req.keepMerged(), false, phrases.keepMergedFile(), "choose another name");
    }
    return p;
  }

  /**
   * Warnings about the target that hold before anything is read: the stock volutil client's limit,
   * and what a stock server does with a restored read-write volume.
   *
   * @param baseBytes the size of the chain's full dump (the merged dump is at least about this)
   * @param chainBytes the size of the whole chain (the merged dump is at most about this)
   */
  public static List<RestoreWarning> targetWarnings(
      RestoreRequest req, long baseBytes, long chainBytes) {
    List<RestoreWarning> w = new ArrayList<>();
    if (req.target() instanceof RestoreTarget.Volutil v) {
      long limit = VolutilRestore.STOCK_CLIENT_LIMIT;
      if (baseBytes > limit || chainBytes > limit) {
        w.add(
            new RestoreWarning.StockClientLimit(
                Math.max(baseBytes, chainBytes), baseBytes > limit));
      }
      if (v.readWrite()) {
        w.add(new RestoreWarning.ReadWriteVolume());
      }
    }
    return w;
  }

  private static void refuseExisting(
      List<RestoreProblem> p, Path path, boolean force, String what, String remedy) {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !force) {
      p.add(new RestoreProblem.TargetExists(what, path, remedy));
    }
  }

  /** The wizard's rules for a volutil target's server, partition, name and id. */
  private static String volutilFields(RestoreTarget.Volutil v) {
    String id = v.volumeId() == null ? null : Integer.toHexString(v.volumeId());
    return TargetRules.volumeFields(v.server(), v.partition(), v.name(), id, v.readWrite());
  }

  /** Adds the problem a {@link TargetRules} check found, if any, in the same words. */
  private static void rule(List<RestoreProblem> p, String problem) {
    if (problem != null) {
      p.add(new RestoreProblem.BadRequest(problem));
    }
  }

  /** Adds a problem unless {@code command} names an executable file (directly or on PATH). */
  static void program(List<RestoreProblem> p, String command, String what) {
    String problem = TargetRules.program(what, command);
    if (problem != null) {
      p.add(new RestoreProblem.MissingProgram(what, command, problem));
    }
  }

  /** The executable {@code command} runs, or null: a path as is, a bare name looked up on PATH. */
  public static Path findProgram(String command) {
    if (command.contains("/")) {
      Path c = Path.of(command);
      return Files.isRegularFile(c) && Files.isExecutable(c) ? c : null;
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path c = Path.of(dir, command);
      if (Files.isRegularFile(c) && Files.isExecutable(c)) {
        return c;
      }
    }
    return null;
  }
}
