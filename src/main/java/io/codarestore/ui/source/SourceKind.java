package io.codarestore.ui.source;

/** The ways to tell the wizard where the backups are. */
public enum SourceKind {
  CONFIG,
  PATHS,
  CATALOG,
  DEMO
}
