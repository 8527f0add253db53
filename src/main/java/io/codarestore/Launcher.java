package io.codarestore;

import io.codarestore.cli.Cli;
import io.codarestore.ui.CodaRestoreApp;

/**
 * Entry point of the jar. With no arguments it opens the wizard; with a command it runs the command
 * line. It must not extend {@code Application}: a fat jar whose main class does would fail with
 * "JavaFX runtime components are missing".
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      CodaRestoreApp.main(args);
      return;
    }
    System.exit(Cli.run(args));
  }
}
