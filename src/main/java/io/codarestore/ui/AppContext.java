package io.codarestore.ui;

import io.codarestore.core.ProgressListener;
import io.codarestore.ui.common.Background;
import io.codarestore.ui.common.Desktop;
import io.codarestore.ui.settings.SettingsModel;
import java.util.function.UnaryOperator;

/**
 * What every page needs from the program: where things live, the settings, the worker threads, the
 * desktop (file manager, save dialog).
 *
 * @param runProgress wraps the progress listener of every restore run; the program passes the
 *     identity, tests use it to hold a run at a known point (e.g. to cancel it mid-run)
 */
public record AppContext(
    AppDirectories dirs,
    SettingsModel settings,
    Background background,
    Desktop desktop,
    UnaryOperator<ProgressListener> runProgress) {}
