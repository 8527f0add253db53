/**
 * The few types every core package shares: the progress listener, the cancel switch, the base of
 * errors a user can act on, running external programs, the pipe between two threads, and where the
 * assistant keeps its files ({@link io.codarestore.core.AppPaths}, {@link
 * io.codarestore.core.SharedDefaults}: the one place the wizard and the command line ask). JDK
 * only, except {@code dev.dirs} for each OS's directories.
 */
package io.codarestore.core;
