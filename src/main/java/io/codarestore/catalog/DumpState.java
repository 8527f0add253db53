package io.codarestore.catalog;

import io.codarestore.amanda.DumpStatus;

/**
 * What the run logs say about one dump, in the catalog's words, so that the fronts need not know
 * Amanda's log types. Only {@link #OK} and {@link #OK_WITH_WARNINGS} dumps are links of an
 * incremental chain (spec amanda-chain-rule.md §2).
 */
public enum DumpState {
  OK("ok"),
  OK_WITH_WARNINGS("ok-with-warnings"),
  FAILED("failed"),
  PARTIAL("partial");

  private final String code;

  DumpState(String code) {
    this.code = code;
  }

  /** The state of a dump with this log status. */
  public static DumpState of(DumpStatus status) {
    return switch (status) {
      case OK -> OK;
      case OK_WITH_WARNINGS -> OK_WITH_WARNINGS;
      case FAILED -> FAILED;
      case PARTIAL -> PARTIAL;
    };
  }

  /** The word the catalog, the JSON output and the screens use. */
  public String code() {
    return code;
  }

  /** True if the dump can be a link of a chain. */
  public boolean isGood() {
    return this == OK || this == OK_WITH_WARNINGS;
  }
}
