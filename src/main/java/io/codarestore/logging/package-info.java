/**
 * The two pieces logback's configuration names: the application log's folder ({@link
 * io.codarestore.logging.LogFolder}, from {@link io.codarestore.core.AppPaths}) and the run-log
 * appender's discriminator and filters ({@link io.codarestore.logging.RunFile}). The run log itself
 * is {@code restore/RunLog}; {@code logback.xml} and {@code io/codarestore/logback-runlog.xml} wire
 * them.
 */
package io.codarestore.logging;
