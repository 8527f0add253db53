package io.codarestore.cli;

import io.codarestore.restore.Phrases;
import java.nio.file.Path;

/** The core's messages in the command line's words: its options by name. */
public final class CliPhrases implements Phrases {
  /** The one instance. */
  public static final CliPhrases INSTANCE = new CliPhrases();

  private CliPhrases() {}

  @Override
  public String acceptUnchecked() {
    return "accept the risk with --accept-unchecked to go on";
  }

  @Override
  public String replaceExisting() {
    return "choose another name, or --force to replace it";
  }

  @Override
  public String keepMergedFile() {
    return "--keep-merged file";
  }

  @Override
  public String keepMergedIsTarget() {
    return "--keep-merged and a dump-file target are the same thing; give one";
  }

  @Override
  public String keepMerged() {
    return "--keep-merged";
  }

  @Override
  public String copyInRoute() {
    return "the copy-in route (--copy-in VOLUME)";
  }

  @Override
  public String volumeId() {
    return "--volid";
  }

  @Override
  public String noMedia(Path catalog) {
    return catalog
        + " does not say where the vtapes are; pass --vtapes DIR or --amfetchdump CONFIG";
  }
}
