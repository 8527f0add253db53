package io.codarestore.restore;

/**
 * Something the admin should read before or after a restore, as data. {@link #describe(Phrases)}
 * says it in the words of the front whose {@link Phrases} it is given.
 */
public sealed interface RestoreWarning {
  /** The warning, in the front's words. */
  String describe(Phrases phrases);

  /** The warning, naming no front's controls. */
  default String describe() {
    return describe(Phrases.NEUTRAL);
  }

  /** Less free space where the restore writes than it needs. */
  record NotEnoughSpace(SpaceCheck.Result space) implements RestoreWarning {
    @Override
    public String describe(Phrases phrases) {
      return "not enough space: " + space.describe();
    }
  }

  /** A problem that stops the run (a dry run shows it as a warning); phrased when it was found. */
  record Refusal(RestoreProblem problem) implements RestoreWarning {
    @Override
    public String describe(Phrases phrases) {
      return problem.getMessage();
    }
  }

  /**
   * The merged dump is bigger than the stock volutil client can send.
   *
   * @param bytes the merged dump's expected size
   * @param atLeast true when even the chain's full dump alone is over the limit
   */
  record StockClientLimit(long bytes, boolean atLeast) implements RestoreWarning {
    @Override
    public String describe(Phrases phrases) {
      return "the merged dump will be "
          + (atLeast ? "over " : "up to ")
          + Bytes.human(bytes)
          + ": the stock Coda 8 volutil client cannot send dumps over ~500 KB (512000"
          + " bytes) and fails with 'RPC2_SEFAIL2 ... CheckSideEffect'; use a volutil"
          + " client built with the SFTP quota fix, or "
          + phrases.copyInRoute();
    }
  }

  /** A read-write volume restored by volutil crashes a stock server at its next backup. */
  record ReadWriteVolume() implements RestoreWarning {
    @Override
    public String describe(Phrases phrases) {
      return VolutilStep.readWriteWarning(phrases);
    }
  }

  /** A warning the merge or the extraction reported while it ran, in its own words. */
  record Reported(String message) implements RestoreWarning {
    @Override
    public String describe(Phrases phrases) {
      return message;
    }
  }
}
