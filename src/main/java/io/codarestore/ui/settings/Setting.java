package io.codarestore.ui.settings;

/** The things the assistant remembers between runs, with their key in the settings file. */
public enum Setting {
  CONFIG_DIR("source.configDir"),
  LOGDIR("source.logdir"),
  TAPELIST("source.tapelist"),
  VTAPE_ROOT("source.vtapeRoot"),
  /** The catalog to import into. */
  CATALOG("catalog.path"),
  /** The catalog last opened or imported into (the demo's too): the command line's --db default. */
  LAST_CATALOG(io.codarestore.core.SharedDefaults.LAST_CATALOG),
  /** "true" when the last source opened was the built-in demo. */
  DEMO("source.demo"),
  VOLUTIL_COMMAND("volutil.command"),
  SERVER("volutil.server"),
  PARTITION("volutil.partition"),
  /** The restore workspace: the command line's --workspace default too. */
  WORKSPACE(io.codarestore.core.SharedDefaults.WORKSPACE),
  WINDOW_X("window.x"),
  WINDOW_Y("window.y"),
  WINDOW_WIDTH("window.width"),
  WINDOW_HEIGHT("window.height"),
  WINDOW_MAXIMIZED("window.maximized");

  private final String key;

  Setting(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
