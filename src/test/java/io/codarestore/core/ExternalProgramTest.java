package io.codarestore.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ExternalProgramTest {

  @Test
  void keepsBothStreamsAndTheExitStatus() {
    ExternalProgram.Result r =
        ExternalProgram.of(List.of("sh", "-c", "echo out1; echo err1 >&2; echo out2; exit 3"))
            .run();
    assertThat(r.exitStatus()).isEqualTo(3);
    assertThat(r.stdout()).containsExactly("out1", "out2");
    assertThat(r.stderr()).containsExactly("err1");
    assertThat(r.lastLines(2)).containsExactly("err1");
  }

  @Test
  void standardInputIsAnOpenEmptyDeviceNotAPipe() {
    // cat on /dev/null ends at once; on an open pipe it would wait for ever.
    ExternalProgram.Result r =
        ExternalProgram.of(
                List.of("sh", "-c", "cat; readlink /proc/self/fd/0 || readlink /dev/fd/0"))
            .timeout(Duration.ofSeconds(10))
            .run();
    assertThat(r.exitStatus()).isZero();
    assertThat(r.stdout()).isNotEmpty();
    assertThat(r.stdout().get(r.stdout().size() - 1)).isEqualTo("/dev/null");
  }

  @Test
  void aFailureCarriesTheProgramsOwnLastLines() {
    assertThatThrownBy(
            () ->
                ExternalProgram.of(
                        List.of(
                            "sh",
                            "-c",
                            "echo 'VolRestore failed with Unknown RPC2 return code 700' >&2; exit 1"))
                    .runChecked())
        .isInstanceOf(ExternalProgram.Failed.class)
        .hasMessageContaining("failed (exit 1)")
        .hasMessageContaining("VolRestore failed with Unknown RPC2 return code 700");
  }

  @Test
  void aMissingProgramIsNamedInPlainWords() {
    assertThatThrownBy(() -> ExternalProgram.of(List.of("/nonexistent/volutil", "info")).run())
        .isInstanceOf(ExternalProgram.NotStarted.class)
        .hasMessage(
            "cannot run /nonexistent/volutil: not found (install it or give its full path)");
  }

  @Test
  void aTimeLimitStopsAHungProgramQuickly() {
    long t0 = System.nanoTime();
    assertThatThrownBy(
            () -> ExternalProgram.of(List.of("sleep", "60")).timeout(Duration.ofMillis(300)).run())
        .isInstanceOf(ExternalProgram.TimedOut.class)
        .hasMessageContaining("sleep did not answer");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void cancelEndsTheProgramAndItsDescendantsWithinTwoSeconds() throws Exception {
    Cancellation cancel = new Cancellation();
    List<String> lines = new CopyOnWriteArrayList<>();
    // The child ignores SIGTERM, so the grace period and SIGKILL are exercised too.
    ExternalProgram p =
        ExternalProgram.of(List.of("sh", "-c", "trap '' TERM; sleep 1000 & echo $!; wait"))
            .cancel(cancel)
            .onLine(lines::add);
    Thread canceller =
        new Thread(
            () -> {
              while (lines.isEmpty()) {
                Thread.onSpinWait();
              }
              cancel.cancel();
            });
    canceller.start();
    long t0 = System.nanoTime();
    assertThatThrownBy(p::run).isInstanceOf(Cancellation.CancelledException.class);
    long cancelledAfter = System.nanoTime() - t0;
    canceller.join();
    long grandchild = Long.parseLong(lines.get(0).strip());
    assertThat(runningAfter(grandchild, Duration.ofSeconds(2))).isFalse();
    assertThat(Duration.ofNanos(cancelledAfter)).isLessThan(Duration.ofSeconds(5));
  }

  /** Whether the process still runs (a zombie waiting for its reaper does not count). */
  private static boolean runningAfter(long pid, Duration wait) throws Exception {
    java.nio.file.Path stat = java.nio.file.Path.of("/proc/" + pid + "/stat");
    long until = System.nanoTime() + wait.toNanos();
    while (true) {
      String state;
      try {
        String s = java.nio.file.Files.readString(stat);
        state = s.substring(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3);
      } catch (java.io.IOException gone) {
        return false;
      }
      if (state.equals("Z") || state.equals("X")) {
        return false;
      }
      if (System.nanoTime() > until) {
        System.err.println("still " + state);
        return true;
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aStreamingRunHandsStandardOutputToTheCaller() throws Exception {
    try (ExternalProgram.Running r =
        ExternalProgram.of(List.of("sh", "-c", "printf 'abc'; echo note >&2")).startStreaming()) {
      assertThat(new String(r.stdout().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("abc");
      ExternalProgram.Result res = r.await();
      assertThat(res.exitStatus()).isZero();
      assertThat(res.stderr()).containsExactly("note");
    }
  }

  private static List<String> pipeDirs() throws java.io.IOException {
    try (java.util.stream.Stream<java.nio.file.Path> s =
        java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("coda-restore-pipe"))
          .toList();
    }
  }

  @Test
  void aChannelRunHandsStandardOutputAsAChannelAndEndsAtTheProgramsExit() throws Exception {
    List<String> before = pipeDirs();
    try (ExternalProgram.Running r =
        ExternalProgram.of(
                List.of("sh", "-c", "head -c 300000 /dev/zero | tr '\\0' x; echo note >&2"))
            .startStreamingChannel()) {
      // the named pipe is gone once the program has it: only the descriptors remain
      assertThat(pipeDirs()).isEqualTo(before);
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(1 << 16);
      long n = 0;
      boolean allX = true;
      int k;
      while ((k = r.stdoutChannel().read(b)) >= 0) {
        b.flip();
        while (b.hasRemaining()) {
          allX &= b.get() == 'x';
        }
        b.clear();
        n += k;
      }
      assertThat(n).isEqualTo(300000);
      assertThat(allX).isTrue();
      ExternalProgram.Result res = r.await();
      assertThat(res.exitStatus()).isZero();
      assertThat(res.stderr()).containsExactly("note");
      assertThatThrownBy(r::stdout).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aChannelRunOfAMissingProgramIsNotStartedAndLeavesNoPipe() throws Exception {
    List<String> before = pipeDirs();
    assertThatThrownBy(
            () ->
                ExternalProgram.of(List.of("/nonexistent/volutil", "dump")).startStreamingChannel())
        .isInstanceOf(ExternalProgram.NotStarted.class)
        .hasMessageContaining("/nonexistent/volutil");
    assertThat(pipeDirs()).isEqualTo(before);
  }

  @Test
  void closingAChannelRunStopsTheProgramAndClosesTheChannel() throws Exception {
    ExternalProgram.Running r = ExternalProgram.of(List.of("yes")).startStreamingChannel();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4096);
    assertThat(r.stdoutChannel().read(b)).isPositive();
    long t0 = System.nanoTime();
    r.close();
    assertThat(r.process().isAlive()).isFalse();
    assertThat(r.stdoutChannel().isOpen()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
  }

  /**
   * The named pipe of a channel run is widened (PipeCapacity): a program writes 1 000 000 bytes and
   * ends before anything is read; through a pipe of the default 64 KiB it would wait for its
   * reader.
   */
  @Test
  void aChannelRunsPipeHoldsAMegabyteBeforeAnythingIsRead() throws Exception {
    try (ExternalProgram.Running r =
        ExternalProgram.of(List.of("head", "-c", "1000000", "/dev/zero")).startStreamingChannel()) {
      assertThat(r.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
          .as("head ended without a reader")
          .isTrue();
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(1 << 16);
      long n = 0;
      int k;
      while ((k = r.stdoutChannel().read(b)) >= 0) {
        b.clear();
        n += k;
      }
      assertThat(n).isEqualTo(1_000_000);
      assertThat(r.await().exitStatus()).isZero();
    }
  }
}
