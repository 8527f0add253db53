/**
 * The few types every core package shares: the progress listener, the cancel switch and the base of
 * errors a user can act on. JDK only.
 */
package io.codarestore.core;
