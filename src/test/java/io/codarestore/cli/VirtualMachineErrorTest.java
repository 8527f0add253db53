package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Even a virtual-machine error ends in one line on stderr and exit 3, never a stack trace. */
class VirtualMachineErrorTest {

  private static String[] run(Runnable failure) {
    StringWriter err = new StringWriter();
    int code =
        Cli.guarded(
            new PrintWriter(err, true),
            () -> {
              failure.run();
              return 0;
            });
    return new String[] {Integer.toString(code), err.toString()};
  }

  @Test
  void outOfMemoryIsOneLineSayingWhatToDo() {
    String[] r =
        run(
            () -> {
              throw new OutOfMemoryError("Java heap space");
            });
    assertThat(r[0]).isEqualTo("3");
    assertThat(r[1].lines().toList())
        .containsExactly(
            "coda-restore: out of memory (Java heap space); run it with more heap, e.g. java"
                + " -Xmx1g -jar coda-restore.jar ...");
  }

  @Test
  void aStackOverflowIsOneLineWithoutTrace() {
    String[] r =
        run(
            () -> {
              throw new StackOverflowError();
            });
    assertThat(r[0]).isEqualTo("3");
    assertThat(r[1].lines().toList())
        .containsExactly(
            "coda-restore: failed: StackOverflowError (a program error; the log file has the"
                + " details)");
    assertThat(r[1]).doesNotContain("\tat ");
  }

  @Test
  void anOrdinaryExitCodePassesThrough() {
    StringWriter err = new StringWriter();
    assertThat(Cli.guarded(new PrintWriter(err, true), () -> 7)).isEqualTo(7);
    assertThat(err.toString()).isEmpty();
  }
}
