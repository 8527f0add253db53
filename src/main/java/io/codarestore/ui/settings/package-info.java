/** Settings remembered between runs: the file under the XDG config directory and the live model. */
package io.codarestore.ui.settings;
