package io.codarestore.backup;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ExternalProgram;
import io.codarestore.core.UserFacingException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code backup} run: refresh the clone by the 2004 rule, stream {@code volutil dump} (level 0)
 * or {@code volutil dump -i -LEVEL} to Amanda while checking it and building its index, then (with
 * {@code --record}, and only when everything succeeded) {@code volutil ancient}. The data stream is
 * closed before any message is given: Amanda 3.5.1 hangs on a message that comes before it has
 * taken the data. Messages are returned, not written, so the caller writes them after that.
 */
public final class BackupRun {
  private final Volutil volutil;
  private final AmcodaProperties properties;
  private final DumpSizes history;
  private final Cancellation cancel;

  public BackupRun(
      Volutil volutil, AmcodaProperties properties, DumpSizes history, Cancellation cancel) {
    this.volutil = volutil;
    this.properties = properties;
    this.history = history;
    this.cancel = cancel;
  }

  /**
   * What a run says on Amanda's message descriptor, in order, and whether it succeeded.
   *
   * @param messages lines for fd 3 ({@code | }, {@code ? }, {@code sendbackup: size}, {@code
   *     sendbackup: error [..]})
   */
  public record Outcome(List<String> messages, boolean succeeded) {
    public Outcome {
      messages = List.copyOf(messages);
    }
  }

  /**
   * Backs {@code disk} up at {@code level}. {@code data} is always closed when this returns; {@code
   * index} (or null) gets the index lines after it.
   */
  public Outcome run(
      String disk, int level, boolean record, OutputStream data, OutputStream index, Instant now) {
    List<String> messages = new ArrayList<>();
    try {
      if (!properties.problems().isEmpty()) {
        throw new AmcodaException(String.join("; ", properties.problems()));
      }
      if (!DumpSizes.validLevel(level)) {
        throw new AmcodaException("level " + level + " is not a dump level (0..9)");
      }
      CodaVolume v = BackupClone.fresh(volutil, disk, properties.cloneMaxAge(), now);
      int clone = v.backupClone().id();
      StreamedDump dump = dump(level, clone, data);
      closeQuietly(data);
      int got = dump.index().header().level();
      messages.add(
          "| "
              + v.backupClone().name()
              + " ("
              + Volutil.hex(clone)
              + ") level "
              + got
              + ": "
              + dump.index().directoryRecords()
              + " directories, "
              + dump.index().fileRecords()
              + " files, "
              + dump.bytes()
              + " bytes");
      if (level > 0 && !dump.index().holdsAllDirectories()) {
        throw new AmcodaException(
            "the incremental dump lacks directories (not taken at a negative level); its index"
                + " would be incomplete");
      }
      if (index != null) {
        dump.index().writeLines(index);
        index.flush();
      }
      if (level > 0 && got == 0) {
        messages.add(
            "? volutil wrote a full dump for the level "
                + level
                + " request: the server has no"
                + " ancient list of "
                + v.replica().name()
                + " (no recorded backup yet, or it was removed)");
      }
      if (record) {
        volutil.ancient(clone);
        messages.add("| recorded: volutil ancient " + Volutil.hex(clone));
      }
      recordSize(disk, level, dump.bytes(), messages);
      messages.add("sendbackup: size " + Estimator.kb(dump.bytes()));
      return new Outcome(messages, true);
    } catch (UserFacingException | IOException e) {
      closeQuietly(data);
      messages.add("sendbackup: error [" + oneLine(e.getMessage()) + "]");
      return new Outcome(messages, false);
    }
  }

  private StreamedDump dump(int level, int clone, OutputStream data) {
    String what =
        level == 0 ? "dump " + Volutil.hex(clone) : "dump -i -" + level + " " + Volutil.hex(clone);
    try (ExternalProgram.Running run = volutil.startDumpChannel(level, clone)) {
      StreamedDump dump;
      try {
        dump = StreamedDump.pass(run.stdoutChannel(), data, "volutil " + what, cancel);
      } catch (AmcodaException e) {
        if (!exitsSoon(run.process())) {
          run.stop(); // a corrupt dump while volutil goes on: its status says nothing more
          throw e;
        }
        ExternalProgram.Result r = run.await();
        if (!r.succeeded()) {
          throw new AmcodaException(Volutil.failure(r, what) + "; " + e.getMessage(), e);
        }
        throw e;
      }
      ExternalProgram.Result r = run.await();
      if (!r.succeeded()) {
        throw new AmcodaException(Volutil.failure(r, what));
      }
      return dump;
    }
  }

  /** Whether a program whose output has ended exits within a moment (its status then tells why). */
  private static boolean exitsSoon(Process p) {
    try {
      return p.waitFor(3, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void recordSize(String disk, int level, long bytes, List<String> messages) {
    try {
      history.record(disk, level, bytes);
    } catch (IOException e) {
      messages.add("| could not keep the dump size for --estimate history: " + e.getMessage());
    }
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      // Amanda has gone; the error (if any) was met while writing
    }
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('[', '(').replace(']', ')').strip();
  }
}
