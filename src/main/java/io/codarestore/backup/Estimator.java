package io.codarestore.backup;

import io.codarestore.core.ExternalProgram;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sizes of the dumps Amanda's planner asks about, in KB, without {@code volutil dumpestimate}
 * (which kills a Coda 8 server once the volume has an ancient list). The clone is refreshed first
 * by the same rule as the backup's.
 */
public final class Estimator {
  private final Volutil volutil;
  private final AmcodaProperties properties;
  private final DumpSizes history;

  public Estimator(Volutil volutil, AmcodaProperties properties, DumpSizes history) {
    this.volutil = volutil;
    this.properties = properties;
    this.history = history;
  }

  /** One estimate line: {@code LEVEL KB 1}, or {@code ERROR text}. */
  public record Line(int level, long kb, String error) {
    public String text() {
      return error == null ? level + " " + kb + " 1" : "ERROR " + error;
    }
  }

  /** The lines for {@code levels}, in that order; a failure of the volume is one ERROR line. */
  public List<Line> estimate(String disk, List<Integer> levels, Instant now) {
    List<Line> out = new ArrayList<>();
    CodaVolume v;
    try {
      v = BackupClone.fresh(volutil, disk, properties.cloneMaxAge(), now);
    } catch (AmcodaException e) {
      out.add(new Line(-1, 0, e.getMessage()));
      return out;
    }
    long used = Math.max(1, v.backupClone().diskUsedKb());
    Map<Integer, Long> known = history.of(disk);
    for (int level : levels) {
      if (level == 0 || properties.estimate() == AmcodaProperties.EstimateMode.DISKUSED) {
        out.add(new Line(level, used, null));
      } else if (properties.estimate() == AmcodaProperties.EstimateMode.HISTORY) {
        Long bytes = known.get(level);
        out.add(new Line(level, bytes == null ? used : kb(bytes), null));
      } else {
        try {
          out.add(new Line(level, kb(countDump(level, v.backupClone().id())), null));
        } catch (AmcodaException e) {
          out.add(new Line(level, 0, "level " + level + ": " + e.getMessage()));
        }
      }
    }
    return out;
  }

  /** Makes the incremental dump and counts its bytes (it replaces only the pending newlist). */
  private long countDump(int level, int cloneId) {
    try (ExternalProgram.Running run = volutil.startDump(level, cloneId)) {
      long n = 0;
      byte[] buf = new byte[1 << 16];
      try (InputStream in = run.stdout()) {
        int k;
        while ((k = in.read(buf)) >= 0) {
          n += k;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ExternalProgram.Result r = run.await();
      if (!r.succeeded()) {
        throw new AmcodaException(
            Volutil.failure(r, "dump -i -" + level + " " + Volutil.hex(cloneId)));
      }
      return n;
    } catch (UncheckedIOException e) {
      throw new AmcodaException("reading volutil dump failed: " + e.getCause().getMessage(), e);
    }
  }

  static long kb(long bytes) {
    return Math.max(1, (bytes + 1023) / 1024);
  }
}
