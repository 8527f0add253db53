package io.codarestore.cli;

import io.codarestore.restore.Fetched;
import io.codarestore.restore.FollowUp;
import io.codarestore.restore.RestoreWarning;
import io.codarestore.restore.Restored;
import java.util.List;

/**
 * A restore's typed outcome in the command line's words: the lines {@code restore} prints and the
 * strings its JSON carries ({@code fetched}, {@code restored}, {@code followUp}, {@code warnings}).
 * Where the core's sentence names a way out, it names the option ({@link CliPhrases}).
 */
final class OutcomeText {
  private OutcomeText() {}

  /** One line per dump of the chain, base first. */
  static List<String> fetched(List<Fetched> fetched) {
    return fetched.stream().map(Fetched::describe).toList(); // names no option
  }

  /** What the target now holds, in one line. */
  static String restored(Restored r) {
    return r.describe(); // names no option: the same words on the command line
  }

  /** The steps left to the admin, one line each. */
  static List<String> followUp(List<FollowUp> followUp) {
    return followUp.stream().map(f -> f.describe(CliPhrases.INSTANCE)).toList();
  }

  /** The warnings, one line each. */
  static List<String> warnings(List<RestoreWarning> warnings) {
    return warnings.stream().map(w -> w.describe(CliPhrases.INSTANCE)).toList();
  }
}
