package io.codarestore.ui;

import io.codarestore.ui.common.Background;
import io.codarestore.ui.settings.SettingsModel;

/** What every page needs from the program: where things live, the settings, the worker threads. */
public record AppContext(AppDirectories dirs, SettingsModel settings, Background background) {}
