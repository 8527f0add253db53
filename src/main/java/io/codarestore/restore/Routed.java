package io.codarestore.restore;

/**
 * What a restore did, by the route {@link RestoreService#restore} took; which route serves is
 * decided in one place, {@link RestoreService#indexRoute}. Each front phrases each variant itself.
 */
public sealed interface Routed {
  /** The whole chain fetched, its links checked, merged and restored into the target. */
  record WholeChain(RestoreJob.Outcome outcome) implements Routed {}

  /**
   * Chosen paths restored through the file index: only the dumps holding their data were read, each
   * only as far as needed.
   */
  record ByIndex(PathsOutcome outcome) implements Routed {}
}
