package io.codarestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The wizard's uncaught exceptions: stack trace into the application log, nothing on stderr. */
class LauncherLogTest {
  @Test
  void anUncaughtExceptionGoesWithItsStackTraceIntoTheAppLog() throws Exception {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    String id = UUID.randomUUID().toString();
    try {
      Launcher.logUncaughtExceptions();
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Thread t =
          new Thread(
              () -> {
                throw new IllegalArgumentException("nobody caught " + id);
              },
              "worker-" + id);
      t.start();
      t.join();
    } finally {
      System.setErr(err);
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    String log = Files.readString(Path.of("target/test-logs/coda-restore.log"));
    assertThat(log)
        .contains("uncaught exception in thread worker-" + id)
        .contains("java.lang.IllegalArgumentException: nobody caught " + id)
        .contains("at io.codarestore.LauncherLogTest");
  }
}
