package io.codarestore.ui.settings;

/** The things the assistant remembers between runs, with their key in the settings file. */
public enum Setting {
  CONFIG_DIR("source.configDir"),
  LOGDIR("source.logdir"),
  TAPELIST("source.tapelist"),
  VTAPE_ROOT("source.vtapeRoot"),
  CATALOG("catalog.path"),
  /** "true" when the last source opened was the built-in demo. */
  DEMO("source.demo"),
  VOLUTIL_COMMAND("volutil.command"),
  SERVER("volutil.server"),
  PARTITION("volutil.partition"),
  WORKSPACE("restore.workspace"),
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
