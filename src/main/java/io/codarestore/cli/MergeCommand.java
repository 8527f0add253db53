package io.codarestore.cli;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.dump.ChainMerger;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coda-restore merge --out OUT FULL [INCR...]}: the whole chain in one pass. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merge a full dump and its incrementals (in rising level order) into one full dump,"
          + " byte-identical to applying Coda's codamergedump pairwise.",
      "Each input is read once; no intermediate dump is written; OUT appears only when"
          + " complete."
    })
final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "OUT",
      description = "the merged full dump (must not exist)")
  Path out;

  @Option(
      names = "--force",
      description = "replace OUT if it exists (never an input, nor anything but a regular file)")
  boolean force;

  @Option(
      names = "--allow-dangling",
      description =
          "write OUT even if directory entries point at vnodes no input holds (a wrong base);"
              + " a warning names the lost paths")
  boolean allowDangling;

  @Parameters(index = "0", paramLabel = "FULL", description = "the level-0 dump")
  Path full;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "INCR",
      description = "incrementals, lowest level first")
  List<Path> increments = new ArrayList<>();

  /**
   * The arguments of the plainest merge command lines, parsed without picocli, or null: {@code
   * --out OUT} (or {@code --out=OUT}) once, {@code --force} at most once, and paths anywhere around
   * them, at least one. This is the one start-up shortcut the program keeps, because it pays:
   * building picocli's model of a command costs a fresh JVM 91 ms (hyperfine, medians of 20: 120 ms
   * against 211 ms for a small merge), about 14 % of the cold merge of the 2 GiB benchmark chain on
   * a quiet machine (0.65 s); a merge is the command scripts run over and over. Anything else
   * (help, a version request, an unknown or repeated option, an {@code @file}, {@code --}, a value
   * or path that starts with "-", an empty or unusable path) gives null and goes to picocli, which
   * handles it as always; for what this accepts, picocli gives the same fields ({@code
   * MergeFastPathTest}).
   */
  static MergeCommand parseSimple(String... args) {
    if (args.length == 0 || !args[0].equals("merge")) {
      return null;
    }
    MergeCommand m = new MergeCommand();
    List<Path> paths = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--force")) {
        if (m.force) {
          return null;
        }
        m.force = true;
        continue;
      }
      boolean isOut = a.equals("--out") || a.startsWith("--out=");
      if (isOut && m.out != null) {
        return null;
      }
      String value = a;
      if (a.equals("--out")) {
        value = i + 1 < args.length ? args[++i] : "";
      } else if (isOut) {
        value = a.substring("--out=".length());
      }
      Path p = plainPath(value);
      if (p == null) {
        return null;
      } else if (isOut) {
        m.out = p;
      } else {
        paths.add(p);
      }
    }
    if (m.out == null || paths.isEmpty()) {
      return null;
    }
    m.full = paths.get(0);
    m.increments = new ArrayList<>(paths.subList(1, paths.size()));
    return m;
  }

  /** The path an argument names, or null if picocli might read it otherwise. */
  private static Path plainPath(String arg) {
    if (arg.isEmpty() || arg.startsWith("-") || arg.startsWith("@") || arg.indexOf('\0') >= 0) {
      return null;
    }
    try {
      return Path.of(arg);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  @Override
  public Integer call() {
    return run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** Runs the merge; failures are thrown ({@link Cli} turns them into a message and a code). */
  int run(PrintWriter out, PrintWriter err) {
    List<Path> chain = new ArrayList<>();
    chain.add(full);
    chain.addAll(increments);
    ProgressListener warnings =
        new ProgressListener() {
          @Override
          public void warning(String message) {
            err.println("warning: " + message);
          }
        };
    ChainMerger.Result r =
        new ChainMerger(warnings, Cancellation.none())
            .mergeToFile(chain, this.out, force, allowDangling);
    // concatenation rather than printf: java.util.Formatter costs a fresh JVM ~10 ms of set-up
    out.println(
        "merged "
            + chain.size()
            + " dump(s) into "
            + this.out
            + ": "
            + r.bytesWritten()
            + " bytes, "
            + r.directories()
            + " directories, "
            + r.files()
            + " files, uniquifiers "
            + r.header().uniquifiers());
    return 0;
  }
}
