/** Page 7: what was done and what is left to do. */
package io.codarestore.ui.summary;
