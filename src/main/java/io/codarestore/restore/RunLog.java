package io.codarestore.restore;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The record of one restore run: its log file in the run's folder (what an admin keeps), written
 * through SLF4J so that the same lines, stack traces included, also reach the application log, and
 * mirrored to optional live listeners (the wizard's log view). logback's run-log appender ({@code
 * io/codarestore/logback-runlog.xml}, a sifting appender) writes each event of the logger {@value
 * #LOGGER} into the file named by the MDC key {@value #MDC_KEY}, which every method here sets
 * around its call, whatever the thread. Lines: a UTC instant, the level, the message.
 */
public final class RunLog implements Closeable {
  /** The logger of run events (logback.xml sends it to each run's file). */
  public static final String LOGGER = "io.codarestore.run";

  /** The MDC key naming the run's log file. */
  public static final String MDC_KEY = "runLog"; // = logging.RunFile.KEY (restore stays SLF4J-only)

  private static final Logger RUN = LoggerFactory.getLogger(LOGGER);

  /** logback's marker that ends a sifted appender (closes the run's file). */
  private static final Marker END = MarkerFactory.getMarker("FINALIZE_SESSION");

  private final Path file;
  private final Clock clock;
  private final List<Consumer<String>> listeners = new ArrayList<>();

  public RunLog(Path file, Clock clock) throws IOException {
    this.file = file.toAbsolutePath();
    this.clock = clock;
    Files.createDirectories(this.file.getParent());
    if (!Files.exists(this.file)) {
      Files.createFile(this.file); // there from the start, even before the first line
    }
  }

  public Path file() {
    return file;
  }

  public synchronized void addListener(Consumer<String> listener) {
    listeners.add(listener);
  }

  public synchronized void info(String message) {
    inRun(() -> RUN.info(message));
    notify("INFO ", message);
  }

  public synchronized void warn(String message) {
    inRun(() -> RUN.warn(message));
    notify("WARN ", message);
  }

  /** The message, and the stack trace of {@code cause} in the file and the application log. */
  public synchronized void error(String message, Throwable cause) {
    inRun(() -> RUN.error(message, cause));
    notify("ERROR", message);
  }

  /** Runs {@code log} with the MDC naming this run's file, on whatever thread calls. */
  private void inRun(Runnable log) {
    MDC.put(MDC_KEY, file.toString());
    try {
      log.run();
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  private void notify(String level, String message) {
    String line = Instant.now(clock) + " " + level + " " + message;
    for (Consumer<String> l : listeners) {
      l.accept(line);
    }
  }

  /** Closes the run's file (its appender ends; nothing more is written into it). */
  @Override
  public synchronized void close() {
    inRun(() -> RUN.info(END, "end of the run log {}", file));
  }
}
