package io.codarestore.ui.summary;

import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.Fetched;
import io.codarestore.restore.LinkCheck;
import io.codarestore.restore.PathsOutcome;
import io.codarestore.restore.RestoreJob;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.restore.Runbook;
import io.codarestore.ui.common.TargetWords;
import io.codarestore.ui.common.WizardPhrases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Summary page shows after a restore, built from the typed outcome (the whole chain's, or
 * that of chosen paths the file index served), the plan and the target, in the wizard's words: the
 * headline, the checks made, the runbook's commands, the steps left to the admin, the run log, and
 * the folder Open folder shows. Plain Java: the page binds to it, tests read it without a toolkit.
 *
 * @param what what was restored where ("HOST:VOLUME as of DATE → TARGET")
 * @param output the directory or file written on this machine, or null (server routes)
 * @param verification one line per check made (links, fetched dumps, merge, result, warnings)
 * @param commands the equivalent manual commands, in order (the runbook)
 * @param followUp what the admin still has to do, in order
 * @param log every line of the run log
 * @param logFile where the run log was saved, or null
 */
public record SummaryModel(
    String what,
    Path output,
    List<String> verification,
    List<String> commands,
    List<String> followUp,
    List<String> log,
    Path logFile) {
  public SummaryModel {
    verification = List.copyOf(verification);
    commands = List.copyOf(commands);
    followUp = List.copyOf(followUp);
    log = List.copyOf(log);
  }

  /** The model of a finished restore; {@code log} is its run log's lines. */
  public static SummaryModel of(
      RestoreJob.Outcome o, RestorePlan plan, RestoreTarget target, List<String> log) {
    List<String> followUp =
        o.followUp().stream().map(f -> f.describe(WizardPhrases.INSTANCE)).toList();
    return new SummaryModel(
        what(plan, target),
        o.output(),
        verification(o),
        commands(o.preview().runbook()),
        followUp.isEmpty() ? defaultFollowUp(target) : followUp,
        log,
        o.runDirectory().resolve("run.log"));
  }

  /**
   * The model of a restore of chosen paths that the file index served: what was read (bytes off the
   * media against the whole chain, the dumps read) and what was written; {@code log} is its run
   * log's lines, {@code commands} the equivalent command line.
   */
  public static SummaryModel of(
      PathsOutcome o,
      RestorePlan plan,
      RestoreTarget target,
      List<String> commands,
      List<String> log) {
    List<String> v =
        List.of(
            "read through the file index: "
                + o.bytesRead()
                + " bytes off the media, against "
                + o.chainBytes()
                + " for the whole chain ("
                + o.percentOfChainRead()
                + "%)",
            "dumps read: "
                + o.dumpsRead().size()
                + " of the chain's "
                + plan.chain().size()
                + ": "
                + String.join(", ", o.dumpsRead()),
            o.dir()
                + ": "
                + o.directories()
                + " directories, "
                + o.files()
                + " files as of "
                + o.restorePoint());
    return new SummaryModel(
        what(plan, target),
        o.dir(),
        v,
        commands,
        List.of(
            "Check the restored files, then copy what is needed back into /coda.",
            "Directory ACLs are not restored by this route; restore the whole tree to get them"
                + " in .coda-acls.json."),
        log,
        o.runDirectory().resolve("run.log"));
  }

  private static String what(RestorePlan plan, RestoreTarget target) {
    return plan.host()
        + ":"
        + plan.volume()
        + " as of "
        + plan.target().text()
        + " → "
        + TargetWords.describe(target);
  }

  /** The checks the restore made and what it produced, one line each. */
  static List<String> verification(RestoreJob.Outcome o) {
    List<String> v = new ArrayList<>();
    for (LinkCheck.Link l : o.links()) {
      v.add("link " + l.verdict() + ": " + l.explanation());
    }
    for (Fetched f : o.fetched()) {
      v.add(f.describe());
    }
    if (o.mergedBytes() >= 0) {
      v.add("merged full dump: " + o.mergedBytes() + " bytes");
    }
    v.add(o.restored().describe());
    WizardPhrases.warnings(o.warnings()).forEach(w -> v.add("warning: " + w));
    return v;
  }

  /** The runbook as one list: each step's title as a comment, then its commands. */
  static List<String> commands(Runbook runbook) {
    List<String> c = new ArrayList<>();
    for (Runbook.Step step : runbook.steps()) {
      c.add("# " + step.title());
      c.addAll(step.commands());
    }
    return c;
  }

  /** What is left after a route that names nothing particular. */
  static List<String> defaultFollowUp(RestoreTarget target) {
    if (target instanceof RestoreTarget.Directory || target instanceof RestoreTarget.TarFile) {
      return List.of(
          "Check the restored files, then copy what is needed back into /coda.",
          "Directory ACLs are in .coda-acls.json; re-apply them with cfs setacl where needed.");
    }
    if (target instanceof RestoreTarget.DumpFile) {
      return List.of("Restore the dump on a server with volutil restore -f FILE PARTITION NAME.");
    }
    return List.of();
  }

  /** The page's headline. */
  public String headline() {
    return "Restored " + what + ".";
  }

  /** The steps left, numbered, one a line. */
  public String numberedFollowUp() {
    StringBuilder b = new StringBuilder();
    int n = 1;
    for (String s : followUp) {
      b.append(n++).append(". ").append(s).append('\n');
    }
    return b.toString().strip();
  }

  /** The runbook as the text Copy runbook puts on the clipboard (without the final newline). */
  public String commandText() {
    return String.join("\n", commands);
  }

  /** The line naming the kept run log, or empty. */
  public String logLine() {
    return logFile == null ? "" : "Run log kept in " + logFile;
  }

  /**
   * The folder Open folder shows: the restored directory, or the folder holding the restored file;
   * null when the restore wrote nothing on this machine (Open folder does not apply).
   */
  public Path folder() {
    if (output == null) {
      return null;
    }
    return Files.isDirectory(output) ? output : output.getParent();
  }
}
