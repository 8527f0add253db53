package io.codarestore.ui.common;

import io.codarestore.core.Datestamp;
import java.time.LocalDate;

/**
 * Shim for {@code ui.target.TargetPage}, which is being reworked elsewhere; everything else uses
 * {@link Datestamp}.
 *
 * <p>New code uses {@link Datestamp#day()}
 */
public final class Datestamps {
  private Datestamps() {}

  public static LocalDate day(String datestamp) {
    return Datestamp.parse(datestamp).day();
  }
}
