package io.codarestore.restore;

import io.codarestore.core.Cancellation;
import io.codarestore.core.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command from an argument array (never a shell), logging its output. */
final class CommandRunner {
  private final Cancellation cancel;
  private final RunLog log;

  CommandRunner(Cancellation cancel, RunLog log) {
    this.cancel = cancel;
    this.log = log;
  }

  /** Runs the command; throws with its output when it fails. */
  String run(List<String> argv) {
    log.info("running: " + Shell.join(argv));
    Process p;
    try {
      p =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
      p.getOutputStream().close();
    } catch (IOException e) {
      throw new UserFacingException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
    }
    try (InputStream in = p.getInputStream()) {
      byte[] out = in.readAllBytes();
      while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
        cancel.check();
      }
      String text = new String(out, StandardCharsets.UTF_8).strip();
      if (!text.isEmpty()) {
        log.info(argv.get(0) + ": " + text);
      }
      if (p.exitValue() != 0) {
        throw new UserFacingException(
            Shell.join(argv)
                + " failed with status "
                + p.exitValue()
                + (text.isEmpty() ? "" : ": " + text));
      }
      return text;
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot read the output of " + argv.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new Cancellation.CancelledException();
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }
}
