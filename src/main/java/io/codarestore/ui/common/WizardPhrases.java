package io.codarestore.ui.common;

import io.codarestore.restore.Phrases;
import io.codarestore.restore.RestoreWarning;
import java.nio.file.Path;
import java.util.List;

/** The core's messages in the wizard's words: its checkboxes, fields and target kinds by name. */
public final class WizardPhrases implements Phrases {
  /** The one instance. */
  public static final WizardPhrases INSTANCE = new WizardPhrases();

  private WizardPhrases() {}

  @Override
  public String acceptUnchecked() {
    return "tick \u201cI accept that some links could not be checked\u201d on the Chain page to go on";
  }

  @Override
  public String replaceExisting() {
    return "choose another name";
  }

  @Override
  public String keepMergedFile() {
    return "file to keep the merged dump in";
  }

  @Override
  public String keepMergedIsTarget() {
    return "keeping the merged dump and a dump-file target are the same thing; give one";
  }

  @Override
  public String keepMerged() {
    return "choose \u201cA merged full dump file\u201d as the target";
  }

  @Override
  public String copyInRoute() {
    return "the copy-in route (the target \u201cA new volume, filled through a Coda client\u201d;"
        + " --copy-in on the command line)";
  }

  @Override
  public String volumeId() {
    return "the Volume id";
  }

  @Override
  public String noMedia(Path catalog) {
    return "the catalog says neither where the vtapes are nor which Amanda configuration to ask;"
        + " import it again from the Amanda configuration";
  }

  /** A restore's warnings in the wizard's words, one line each. */
  public static List<String> warnings(List<RestoreWarning> warnings) {
    return warnings.stream().map(w -> w.describe(INSTANCE)).toList();
  }
}
