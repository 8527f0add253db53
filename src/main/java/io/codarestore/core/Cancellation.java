package io.codarestore.core;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cancel switch shared by the user interface and a running job. Long loops call {@link #check()}
 * between blocks; it throws {@link CancelledException} once cancel was requested.
 */
public final class Cancellation {
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /** A switch that is never thrown. */
  public static Cancellation none() {
    return new Cancellation();
  }

  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  public void check() {
    if (cancelled.get()) {
      throw new CancelledException();
    }
  }

  /** Thrown inside a job when the user cancelled it. */
  public static final class CancelledException extends UserFacingException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
      super("cancelled by the user");
    }
  }
}
