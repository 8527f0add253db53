package io.codarestore.cli;

import io.codarestore.core.Cancellation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Ctrl-C (SIGINT) and SIGTERM cancel a running job instead of ending the JVM under it: the job
 * stops its external programs, removes what it half-wrote, and the command exits with 130 or 143
 * saying "cancelled". Should the job not end within {@link #GRACE_MILLIS}, the JVM exits anyway
 * with the same status (its shutdown hooks still stop every external program).
 *
 * <p>The JDK's signal API ({@code sun.misc.Signal}, module jdk.unsupported) is reached by
 * reflection, so the build's no-warnings rule holds; where it is missing the JVM's default
 * behaviour (shutdown hooks) remains.
 */
final class SignalCancel implements AutoCloseable {
  static final long GRACE_MILLIS = 5000;

  private final Cancellation cancel;
  private final List<Object> signals = new ArrayList<>();
  private final List<Object> previous = new ArrayList<>();
  private volatile int status;

  SignalCancel(Cancellation cancel) {
    this.cancel = cancel;
    install("INT", 130);
    install("TERM", 143);
  }

  private void install(String name, int exit) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object s = signal.getConstructor(String.class).newInstance(name);
      Object h =
          Proxy.newProxyInstance(
              handler.getClassLoader(),
              new Class<?>[] {handler},
              (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                  cancelled(exit);
                }
                return null;
              });
      previous.add(handleMethod().invoke(null, s, h));
      signals.add(s);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // the signal is not available here (or the JVM reserves it): the shutdown hooks remain
    }
  }

  private void cancelled(int exit) {
    if (status == 0) {
      status = exit;
    }
    cancel.cancel();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(GRACE_MILLIS);
              } catch (InterruptedException e) {
                return;
              }
              System.exit(exit);
            },
            "cancel-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** 130 after SIGINT, 143 after SIGTERM, 0 when no signal came. */
  int exitStatus() {
    return status;
  }

  /** The signal's name, for the message. */
  String signalName() {
    return status == 130 ? "SIGINT" : status == 143 ? "SIGTERM" : "cancel";
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      try {
        handleMethod().invoke(null, signals.get(i), previous.get(i));
      } catch (ReflectiveOperationException | RuntimeException ignored) {
        // nothing to restore
      }
    }
  }

  private static Method handleMethod() throws ReflectiveOperationException {
    return Class.forName("sun.misc.Signal")
        .getMethod(
            "handle", Class.forName("sun.misc.Signal"), Class.forName("sun.misc.SignalHandler"));
  }
}
