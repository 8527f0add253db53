package io.codarestore.plan;

import io.codarestore.core.Datestamp;

/**
 * What breaks a chain: the link that cannot be read (datestamp and level), or a missing base
 * (datestamp null, level the one that was needed), and why.
 */
public record ChainGap(Datestamp datestamp, int level, String reason) {}
