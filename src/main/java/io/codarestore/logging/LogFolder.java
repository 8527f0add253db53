package io.codarestore.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import io.codarestore.core.AppPaths;

/** The application log's folder for logback.xml: {@link AppPaths#logs()}. */
public final class LogFolder extends PropertyDefinerBase {
  @Override
  public String getPropertyValue() {
    return AppPaths.fromEnvironment().logs().toString();
  }
}
