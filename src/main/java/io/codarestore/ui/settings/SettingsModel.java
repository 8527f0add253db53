package io.codarestore.ui.settings;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings of the running program: pages read and change them here; every change is written to
 * disk at once, so nothing is lost if the program is killed. A failed save is logged and the
 * program goes on (losing a remembered path must not stop a restore).
 */
public final class SettingsModel {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsModel.class);

  private final SettingsStore store;
  private final ReadOnlyObjectWrapper<Settings> current;

  public SettingsModel(SettingsStore store) {
    this.store = store;
    this.current = new ReadOnlyObjectWrapper<>(store.load());
  }

  public Settings get() {
    return current.get();
  }

  public ReadOnlyObjectProperty<Settings> property() {
    return current.getReadOnlyProperty();
  }

  public void set(Setting s, String value) {
    update(get().with(s, value));
  }

  public void update(Settings next) {
    if (next.equals(current.get())) {
      return;
    }
    current.set(next);
    try {
      store.save(next);
    } catch (RuntimeException e) {
      LOG.warn("settings not saved: {}", e.getMessage());
    }
  }
}
