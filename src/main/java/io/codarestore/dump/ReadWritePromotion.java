package io.codarestore.dump;

import java.util.function.UnaryOperator;

/**
 * The "which bits to flip" of a read-write restore, as established on a real Coda 8 server
 * (shared/spec/coda-rw-promotion.md): set the volume type to non-replicated read-write (4) and the
 * parent id to the id the volume is restored under. Nothing else changes. Only dumps of type 1
 * (read-only clone), 2 (backup clone) or 4 are acceptable: the server refuses 0 and 3 and turns any
 * other value into a volume nobody can mount.
 */
public final class ReadWritePromotion implements UnaryOperator<VolumeDiskData> {
  private final int volumeId;

  /** Promotes to a writable volume that will be restored with this (non-zero) id. */
  public ReadWritePromotion(int volumeId) {
    if (volumeId == 0) {
      throw new IllegalArgumentException(
          "a read-write restore needs the new volume's id (non-zero)");
    }
    this.volumeId = volumeId;
  }

  public int volumeId() {
    return volumeId;
  }

  @Override
  public VolumeDiskData apply(VolumeDiskData v) {
    checkRestorable(v.type());
    return v.withTypeAndParent(VolumeType.NONREPVOL.code(), volumeId);
  }

  /**
   * Refuses a volume type the server does not restore sanely (anything but 1, 2 and 4).
   *
   * @throws ChainRefusedException naming the type
   */
  public static void checkRestorable(int type) {
    if (type != VolumeType.ROVOL.code()
        && type != VolumeType.BACKVOL.code()
        && type != VolumeType.NONREPVOL.code()) {
      throw new ChainRefusedException(
          "the dump's volume type is "
              + VolumeType.describe(type)
              + "; volutil restore accepts only 1 (read-only), 2 (backup) or 4 (non-replicated"
              + " read-write): the server refuses 0 and 3 and cannot mount anything else");
    }
  }
}
