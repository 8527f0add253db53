package io.codarestore.restore;

import java.util.List;

/**
 * A step a restore leaves to the admin. {@link #describe(Phrases)} says it in the words of the
 * front whose {@link Phrases} it is given ({@link Phrases#NEUTRAL} names no front's controls).
 */
public sealed interface FollowUp {
  /** The step, in the front's words. */
  String describe(Phrases phrases);

  /** The step, naming no front's controls. */
  default String describe() {
    return describe(Phrases.NEUTRAL);
  }

  /** Rebuild the volume location database on the SCM (bldvldb.sh) so clients find the volume. */
  record RebuildLocationDatabase() implements FollowUp {
    @Override
    public String describe(Phrases phrases) {
      return "On the SCM, rebuild the location database so clients find the volume: bldvldb.sh";
    }
  }

  /** Mount the restored volume {@code name} on a client. */
  record MountOnClient(String name) implements FollowUp {
    @Override
    public String describe(Phrases phrases) {
      return "Mount it on a client: "
          + Shell.join(List.of("cfs", "mkmount", "/coda/REALM/WHERE", name));
    }
  }

  /** Keep the restored read-write volume out of the backup: a stock server crashes on it. */
  record KeepReadWriteOutOfBackup() implements FollowUp {
    @Override
    public String describe(Phrases phrases) {
      return VolutilStep.readWriteWarning(phrases);
    }
  }

  /** Copy what is needed out of the read-only volume {@code id}, then purge it. */
  record PurgeReadOnly(String id, String name) implements FollowUp {
    @Override
    public String describe(Phrases phrases) {
      return "The volume is read-only; copy what you need out of it, then remove it: "
          + Shell.join(List.of("volutil", "purge", id, name));
    }
  }

  /**
   * Create the new replicated volume on the SCM ({@code createvol}), then run the restore again.
   */
  record CreateVolumeOnScm(List<String> createvol) implements FollowUp {
    public CreateVolumeOnScm {
      createvol = List.copyOf(createvol);
    }

    @Override
    public String describe(Phrases phrases) {
      return "Run on the SCM: "
          + Shell.join(createvol)
          + " ; then bldvldb.sh ; then run this restore again to continue with the mount.";
    }
  }

  /** The copy-in route stopped after {@code step} as asked; the same restore continues it. */
  record ContinueAfter(String step) implements FollowUp {
    @Override
    public String describe(Phrases phrases) {
      return "Stopped after step '" + step + "' as asked; run the same restore again to continue.";
    }
  }

  /** Check the new volume with a client, then retire the one it replaces ({@code replicaOf}). */
  record CheckNewVolume(String newVolume, String replicaOf) implements FollowUp {
    @Override
    public String describe(Phrases phrases) {
      return "Check the new volume "
          + newVolume
          + " with a client"
          + (replicaOf == null
              ? "."
              : ", then retire the old replicated volume " + replicaOf + ".");
    }
  }
}
