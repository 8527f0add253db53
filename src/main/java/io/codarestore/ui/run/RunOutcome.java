package io.codarestore.ui.run;

import java.nio.file.Path;
import java.util.List;

/**
 * What a finished restore did, for the Summary page.
 *
 * @param output the directory or file written, or null (volutil)
 * @param verification one line per check made (dump verify, CRCs, uniquifier links)
 * @param commands the equivalent manual commands, in order (the runbook)
 * @param followUp what the admin still has to do
 * @param log every line of the run log
 * @param logFile where the run log was saved, or null
 */
public record RunOutcome(
    String what,
    Path output,
    List<String> verification,
    List<String> commands,
    List<String> followUp,
    List<String> log,
    Path logFile) {
  public RunOutcome {
    verification = List.copyOf(verification);
    commands = List.copyOf(commands);
    followUp = List.copyOf(followUp);
    log = List.copyOf(log);
  }
}
