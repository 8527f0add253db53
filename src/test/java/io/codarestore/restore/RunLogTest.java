package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run log through logback: each run's lines (and a failure's stack trace) in its own file, the
 * same in the application log, nothing on stderr; the live lines as the Run page reads them.
 */
class RunLogTest {
  /** The application log of the tests (src/test/resources/logback-test.xml). */
  static final Path APP_LOG = Path.of("target/test-logs/coda-restore.log");

  @TempDir Path tmp;

  @Test
  void aFailedRunKeepsItsStackTraceInItsFileAndTheAppLogAndTwoRunsTwoFiles() throws Exception {
    String id = UUID.randomUUID().toString();
    Path a = tmp.resolve("runs/a/run.log");
    Path b = tmp.resolve("runs/b/run.log");
    List<String> live = new ArrayList<>();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (RunLog ra = new RunLog(a, Clock.systemUTC());
        RunLog rb = new RunLog(b, Clock.systemUTC())) {
      assertThat(a).exists();
      ra.addListener(live::add);
      ra.info("restore A " + id);
      rb.info("restore B " + id);
      // Another thread writes into A: the file follows the run, not the thread.
      Thread t = new Thread(() -> ra.warn("from a worker " + id));
      t.start();
      t.join();
      rb.info("restore finished B");
      ra.error("restore failed: boom " + id, new IllegalStateException("boom " + id));
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();

    List<String> fa = Files.readAllLines(a);
    assertThat(fa.get(0)).matches("\\S+Z INFO  restore A " + id);
    Instant.parse(fa.get(0).substring(0, fa.get(0).indexOf(' ')));
    assertThat(fa).anyMatch(l -> l.endsWith("WARN  from a worker " + id));
    assertThat(fa).anyMatch(l -> l.endsWith("ERROR restore failed: boom " + id));
    assertThat(fa).contains("java.lang.IllegalStateException: boom " + id);
    assertThat(fa).anyMatch(l -> l.startsWith("\tat io.codarestore.restore.RunLogTest"));
    assertThat(String.join("\n", fa)).doesNotContain("B " + id).doesNotContain("end of the run");

    List<String> fb = Files.readAllLines(b);
    assertThat(fb).hasSize(2);
    assertThat(fb.get(1)).endsWith("INFO  restore finished B");

    String app = Files.readString(APP_LOG, StandardCharsets.UTF_8);
    assertThat(app).contains("restore A " + id).contains("restore B " + id);
    assertThat(app).contains("java.lang.IllegalStateException: boom " + id);

    assertThat(live).hasSize(3);
    assertThat(live.get(0)).matches("\\S+Z INFO  restore A " + id);
    assertThat(live.get(2)).matches("\\S+Z ERROR restore failed: boom " + id);
  }

  @Test
  void closingLeavesOnlyTheRunsOwnLines() throws Exception {
    Path f = tmp.resolve("run.log");
    RunLog log = new RunLog(f, Clock.systemUTC());
    log.info("only line");
    log.close();
    assertThat(Files.readAllLines(f)).hasSize(1);
    assertThat(Files.readAllLines(f).get(0)).endsWith("INFO  only line");
  }
}
