package io.codarestore.restore;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of one restore run: a timestamped log file in the run's folder (what an admin keeps),
 * mirrored to SLF4J and to an optional live listener (the wizard's log view).
 */
public final class RunLog implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

  private final Path file;
  private final BufferedWriter out;
  private final Clock clock;
  private final List<Consumer<String>> listeners = new ArrayList<>();

  public RunLog(Path file, Clock clock) throws IOException {
    this.file = file;
    this.clock = clock;
    Files.createDirectories(file.getParent());
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  public Path file() {
    return file;
  }

  public synchronized void addListener(Consumer<String> listener) {
    listeners.add(listener);
  }

  public synchronized void info(String message) {
    write("INFO ", message);
    LOG.info(message);
  }

  public synchronized void warn(String message) {
    write("WARN ", message);
    LOG.warn(message);
  }

  public synchronized void error(String message, Throwable cause) {
    write("ERROR", message);
    LOG.error(message, cause);
  }

  private void write(String level, String message) {
    String line = Instant.now(clock) + " " + level + " " + message;
    try {
      out.write(line);
      out.newLine();
      out.flush();
    } catch (IOException e) {
      LOG.warn("cannot write the run log {}", file, e);
    }
    for (Consumer<String> l : listeners) {
      l.accept(line);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
