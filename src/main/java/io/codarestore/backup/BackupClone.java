package io.codarestore.backup;

import java.time.Duration;
import java.time.Instant;

/**
 * The 2004 rule: a volume whose last backup clone is older than the maximum age gets a fresh one
 * ({@code lock}, then {@code backup}, which releases the lock; on a failure {@code unlock}), so
 * that the estimate and the dump see the same state.
 */
public final class BackupClone {
  private BackupClone() {}

  /**
   * The volume with a backup clone not older than {@code maxAge} at {@code now}, refreshing it
   * first when needed.
   *
   * @throws AmcodaException when volutil fails or the volume is not on this server
   */
  public static CodaVolume fresh(Volutil volutil, String disk, Duration maxAge, Instant now) {
    CodaVolume v = CodaVolume.find(disk, volutil.volumeList());
    if (!needsRefresh(v, maxAge, now)) {
      return v;
    }
    int rw = v.replica().id();
    volutil.lock(rw);
    try {
      volutil.backup(rw);
    } catch (AmcodaException e) {
      volutil.unlockQuietly(rw);
      throw e;
    }
    CodaVolume after = CodaVolume.find(disk, volutil.volumeList());
    if (after.backupClone() == null) {
      throw new AmcodaException(
          "volutil backup "
              + Volutil.hex(rw)
              + " succeeded but getvolumelist shows no backup clone of "
              + after.replica().name());
    }
    return after;
  }

  /** No clone, never backed up, or the last backup is older than {@code maxAge}. */
  static boolean needsRefresh(CodaVolume v, Duration maxAge, Instant now) {
    long last = v.replica().backupDate();
    if (v.backupClone() == null || last <= 0) {
      return true;
    }
    return Duration.between(Instant.ofEpochSecond(last), now).compareTo(maxAge) > 0;
  }
}
