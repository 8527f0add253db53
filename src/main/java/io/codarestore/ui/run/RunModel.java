package io.codarestore.ui.run;

import io.codarestore.core.Cancellation;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.RestoreTarget;
import io.codarestore.ui.common.ErrorDialog;
import io.codarestore.ui.common.Formats;
import io.codarestore.ui.common.StageProgress;
import io.codarestore.ui.common.TargetWords;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The Run page's state and rules, without a toolkit: where the run is (idle, running, done,
 * cancelled, failed), its stages and the overall fraction, the texts the page shows (heading,
 * status, the table's placeholder, each stage's rate and time left), the run log as the page shows
 * it, and the cancel switch of the run. The page only mirrors it into its controls.
 */
public final class RunModel {
  /** Where the run is. */
  public enum Phase {
    IDLE,
    RUNNING,
    DONE,
    CANCELLED,
    FAILED
  }

  /** The overall fraction of a run that has started but reports no stage yet. */
  public static final double INDETERMINATE = -1;

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final ZoneId zone;
  private Phase phase = Phase.IDLE;
  private List<StageProgress> stages = List.of();
  private final List<String> log = new ArrayList<>();
  private String heading = "Restoring";
  private String status = "";
  private String placeholder = "Waiting for the first stage …";
  private double overall;
  private Cancellation cancel;

  /**
   * @param zone the zone the run log's times are shown in
   */
  public RunModel(ZoneId zone) {
    this.zone = zone;
  }

  /** Entering the page forwards starts the run, unless one runs or one has finished already. */
  public boolean startsOnEntry(boolean forward, boolean hasOutcome) {
    return forward && phase != Phase.RUNNING && !hasOutcome;
  }

  /**
   * Starts a run of {@code plan} into {@code target}: no stages, an empty log, the bar waiting.
   * Returns the run's cancel switch, or null when the wizard lacks the plan, target or catalog.
   */
  public Cancellation start(RestorePlan plan, RestoreTarget target, boolean catalogOpen) {
    if (plan == null || target == null || !catalogOpen || phase == Phase.RUNNING) {
      return null;
    }
    phase = Phase.RUNNING;
    stages = List.of();
    log.clear();
    cancel = new Cancellation();
    heading = "Restoring";
    placeholder = "Waiting for the first stage …";
    overall = INDETERMINATE;
    status =
        "Restoring "
            + plan.host()
            + ":"
            + plan.volume()
            + " to "
            + TargetWords.describe(target)
            + " …";
    return cancel;
  }

  /**
   * The stages as the job reports them; while running, the overall bar counts the stages done
   * against one more than are known (the next one), never reaching 1 before the run ends.
   */
  public void stages(List<StageProgress> now) {
    stages = List.copyOf(now);
    long done = now.stream().filter(s -> s.state() == StageProgress.State.DONE).count();
    if (phase == Phase.RUNNING && !now.isEmpty()) {
      overall = Math.min(0.99, (double) done / (now.size() + 1));
    }
  }

  /** The run ended well. */
  public void succeeded(RestoreTarget target) {
    phase = Phase.DONE;
    overall = 1;
    heading = "Restored";
    status = "Finished: " + TargetWords.describe(target) + ".";
  }

  /**
   * The run ended with {@code error}: a cancel (asked for, or the job's cancelled exception) says
   * that what it wrote was removed; any other error says what is wrong in the user's words. Returns
   * true when the error is to be shown in a dialog (not for a cancel).
   */
  public boolean failed(Throwable error) {
    overall = 0;
    placeholder = "No stage ran.";
    if (error instanceof Cancellation.CancelledException
        || (cancel != null && cancel.isCancelled())) {
      phase = Phase.CANCELLED;
      heading = "Restore cancelled";
      appendLog("cancelled: everything this run had written was removed");
      status =
          "Cancelled. Everything this run had written was removed. Try again, or go Back"
              + " to change the target.";
      return false;
    }
    phase = Phase.FAILED;
    heading = "The restore failed";
    appendLog("failed: " + ErrorDialog.userText(error));
    status =
        ErrorDialog.sentence(ErrorDialog.userText(error))
            + "\nTry again, or go Back to change the target.";
    return true;
  }

  /** Whether stopping needs asking: only a running restore can be stopped. */
  public boolean canCancel() {
    return phase == Phase.RUNNING && cancel != null;
  }

  /**
   * Stops the run whose switch is {@code asked} (the one running when the user was asked), unless
   * it ended meanwhile or another started. Returns whether it was stopped.
   */
  public boolean cancel(Cancellation asked) {
    if (phase != Phase.RUNNING || asked == null || asked != cancel) {
      return false;
    }
    cancel.cancel();
    status = "Cancelling: stopping and removing what was written …";
    return true;
  }

  /** The switch of the current (or last) run, or null before the first. */
  public Cancellation cancellation() {
    return cancel;
  }

  /** Adds a run log line as the page shows it (local time to the second); returns that line. */
  public String appendLog(String line) {
    String shown = localTime(line, zone);
    log.add(shown);
    return shown;
  }

  /** A stage's rate: only while the run goes on (once stopped it is history). */
  public String rate(StageProgress s) {
    return phase == Phase.RUNNING ? Formats.rate(s.bytesPerSecond()) : "";
  }

  /** A stage's time left: "done", the estimate while running, else "stopped". */
  public String timeLeft(StageProgress s) {
    if (s.state() == StageProgress.State.DONE) {
      return "done";
    }
    return phase == Phase.RUNNING ? Formats.duration(s.eta()) : "stopped";
  }

  /** "1.2 MiB of 3.4 MiB", or only what is done when the total is unknown. */
  public static String bytes(StageProgress s) {
    return Formats.bytes(s.doneBytes())
        + (s.totalBytes() > 0 ? " of " + Formats.bytes(s.totalBytes()) : "");
  }

  public Phase phase() {
    return phase;
  }

  public boolean running() {
    return phase == Phase.RUNNING;
  }

  /** Stopped by a cancel or a failure: the run can be tried again. */
  public boolean stopped() {
    return phase == Phase.CANCELLED || phase == Phase.FAILED;
  }

  public List<StageProgress> stages() {
    return stages;
  }

  public List<String> log() {
    return List.copyOf(log);
  }

  public String heading() {
    return heading;
  }

  public String status() {
    return status;
  }

  public String placeholder() {
    return placeholder;
  }

  /** 0..1, or {@link #INDETERMINATE}. */
  public double overall() {
    return overall;
  }

  /**
   * The run log's UTC timestamp (nanoseconds, as the log file keeps it) as the local time to the
   * second, as the pages show times; a line without one (the page's own) gets the time now.
   */
  static String localTime(String line, ZoneId zone) {
    int space = line.indexOf(' ');
    if (space > 1 && line.charAt(space - 1) == 'Z') {
      try {
        Instant t = Instant.parse(line.substring(0, space));
        return LocalTime.ofInstant(t, zone).truncatedTo(ChronoUnit.SECONDS).format(SECONDS)
            + line.substring(space);
      } catch (DateTimeParseException e) {
        // not a timestamp: the time now, below
      }
    }
    return LocalTime.now(zone).format(SECONDS) + " " + line;
  }
}
