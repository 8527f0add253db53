package io.codarestore.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.sift.AbstractDiscriminator;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * The run-log appender's pieces (io/codarestore/logback-runlog.xml). logback's own MDC
 * discriminator refuses values with a path separator, and a run's file is a path the program made
 * (the run folder in the workspace), so these take it from the MDC key {@value #KEY} as it is.
 */
public final class RunFile {
  /** The MDC key naming the run's log file (restore/RunLog sets it). */
  public static final String KEY = "runLog";

  private RunFile() {}

  /** Sifts run events by their file. */
  public static final class Discriminator extends AbstractDiscriminator<ILoggingEvent> {
    @Override
    public String getDiscriminatingValue(ILoggingEvent event) {
      String file = event.getMDCPropertyMap().get(KEY);
      return file == null ? "" : file;
    }

    @Override
    public String getKey() {
      return KEY;
    }
  }

  /** Lets through only the events that name their run's file (never a file named by default). */
  public static final class HasFile extends Filter<ILoggingEvent> {
    @Override
    public FilterReply decide(ILoggingEvent event) {
      String file = event.getMDCPropertyMap().get(KEY);
      return file == null || file.isEmpty() ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
  }

  /**
   * Keeps the event that closes a run's file (marked {@code FINALIZE_SESSION}, see {@code
   * RunLog#close}) out of that file: it ends with the run's own last line.
   */
  public static final class NotEndOfRun extends Filter<ILoggingEvent> {
    @Override
    public FilterReply decide(ILoggingEvent event) {
      if (event.getMarkerList() != null) {
        for (Marker m : event.getMarkerList()) {
          if (m.getName().equals("FINALIZE_SESSION")) {
            return FilterReply.DENY;
          }
        }
      }
      return FilterReply.NEUTRAL;
    }
  }
}
