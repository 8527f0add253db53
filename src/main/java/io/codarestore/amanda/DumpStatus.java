package io.codarestore.amanda;

/**
 * What a run log says about one dump. Only {@link #OK} and {@link #OK_WITH_WARNINGS} dumps are
 * links of an incremental chain (spec amanda-chain-rule.md §2).
 */
public enum DumpStatus {
  /** The taper wrote DONE and every part 1..n is in the log. */
  OK("ok"),
  /** As OK, but the client printed unexpected messages (STRANGE dumper). Still a good dump. */
  OK_WITH_WARNINGS("ok-with-warnings"),
  /** Nothing usable was produced (FAIL line, no data on tape). */
  FAILED("failed"),
  /** Only part of the dump reached tape (PARTIAL taper, missing parts, no DONE line). */
  PARTIAL("partial");

  private final String code;

  DumpStatus(String code) {
    this.code = code;
  }

  /** The word used in the catalog and in JSON output. */
  public String code() {
    return code;
  }

  public boolean isGood() {
    return this == OK || this == OK_WITH_WARNINGS;
  }

  public static DumpStatus fromCode(String code) {
    for (DumpStatus s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown dump status " + code);
  }
}
