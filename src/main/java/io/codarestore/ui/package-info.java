/** The JavaFX wizard, chain view, progress and dump browser. Holds no domain logic. */
package io.codarestore.ui;
