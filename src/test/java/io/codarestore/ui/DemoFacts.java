package io.codarestore.ui;

/**
 * What Amanda did in the built-in demo (read from the fixture's catalog/dumps.txt when the demo was
 * made; see src/main/resources/io/codarestore/ui/demo/README.md).
 */
final class DemoFacts {
  /** coda.root's newest restorable chain: the full dump of day 6, the level 1 of day 7. */
  static final String CODA_ROOT_BASE = "20240306090700";

  static final String CODA_ROOT_HEAD = "20240307064500";

  private DemoFacts() {}
}
