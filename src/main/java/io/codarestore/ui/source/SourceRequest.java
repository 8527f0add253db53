package io.codarestore.ui.source;

import java.nio.file.Path;

/**
 * What the Source page asks to open: the kind, and the paths that kind needs (others null).
 *
 * @param catalog where the catalog is (CATALOG) or goes (CONFIG, PATHS); DEMO uses its own
 */
public record SourceRequest(
    SourceKind kind, Path configDir, Path logdir, Path tapelist, Path vtapeRoot, Path catalog) {}
