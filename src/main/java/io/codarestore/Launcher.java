package io.codarestore;

import io.codarestore.cli.Cli;
import io.codarestore.ui.CodaRestoreApp;

/**
 * Entry point of the jar. With no arguments it opens the wizard; with a command it runs the command
 * line. It must not extend {@code Application}: a fat jar whose main class does would fail with
 * "JavaFX runtime components are missing".
 */
public final class Launcher {
  /**
   * JavaFX's logger: held here so that the filter below stays on it (java.util.logging keeps
   * loggers only weakly).
   */
  private static final java.util.logging.Logger JAVAFX =
      java.util.logging.Logger.getLogger("javafx");

  private Launcher() {}

  /**
   * JavaFX warns on every start that its classes come from the class path ("Unsupported JavaFX
   * configuration: classes were loaded from 'unnamed module'"): true and harmless for this one-jar
   * program, whose JavaFX is the one it was built and tested with. That one record is dropped;
   * every other JavaFX message still reaches stderr.
   */
  static void quietClassPathWarning() {
    JAVAFX.setFilter(
        r ->
            r.getMessage() == null
                || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
  }

  /**
   * A wizard's exception that nothing caught (on the JavaFX thread or a worker) goes with its stack
   * trace into the application log, not to the terminal.
   */
  static void logUncaughtExceptions() {
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) ->
            org.slf4j.LoggerFactory.getLogger(Launcher.class)
                .error("uncaught exception in thread {}", thread.getName(), e));
  }

  /**
   * Logback reads its configuration (about half a second of class loading and XML) the first time a
   * logger is asked for, which the wizard does on the FX thread before its first window. Done here
   * on a thread of its own, it overlaps the JavaFX toolkit's start instead.
   */
  private static void warmLoggingMeanwhile() {
    Thread t = new Thread(org.slf4j.LoggerFactory::getILoggerFactory, "logging-init");
    t.setDaemon(true);
    t.start();
  }

  public static void main(String[] args) {
    if (args.length == 0) {
      warmLoggingMeanwhile();
      logUncaughtExceptions();
      if (!javafx.application.Platform.class.getModule().isNamed()) {
        quietClassPathWarning(); // java -jar; the installers load JavaFX from the module path
      }
      CodaRestoreApp.main(args);
      return;
    }
    System.exit(Cli.run(args));
  }
}
