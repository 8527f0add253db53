package io.codarestore.amanda;

/**
 * Looks at the first bytes of a fetched dump before any byte of it is written to the output, so a
 * dump that is not the one asked for never reaches the user.
 */
@FunctionalInterface
public interface DumpStartCheck {
  /** How many bytes a check gets to see (fewer only when the whole dump is shorter). */
  int PROBE_BYTES = 4096;

  /** Accepts everything; for streams that are not Coda dumps. */
  DumpStartCheck NONE = (request, start, length) -> {};

  /**
   * @param request the dump that was asked for
   * @param start the first bytes of the dump after decompression
   * @param length how many bytes of {@code start} are valid
   * @throws FetchException (normally {@link DumpMismatchException}) when the dump is not the one
   *     asked for
   */
  void check(FetchRequest request, byte[] start, int length);
}
