package io.codarestore.catalog;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.ConfigRelocation;
import java.nio.file.Path;

/**
 * An Amanda configuration as the fronts meet it: read a configuration directory into what to
 * import, or move a copied {@code amanda.conf} to where it was unpacked. The fronts go through here
 * so that only the core reads Amanda's files.
 */
public final class AmandaSetup {
  private AmandaSetup() {}

  /**
   * What to import from the configuration in {@code configDir} (the directory holding {@code
   * amanda.conf}); an error names the file and what is wrong with it.
   */
  public static ImportSource importSource(Path configDir) {
    return ImportSource.of(AmandaConfig.read(configDir));
  }

  /**
   * The text of an {@code amanda.conf} whose quoted paths under {@code oldRoot} now start with
   * {@code newRoot} (both absolute); see {@link ConfigRelocation}.
   */
  public static String relocate(String conf, Path oldRoot, Path newRoot) {
    return ConfigRelocation.relocate(conf, oldRoot, newRoot);
  }
}
