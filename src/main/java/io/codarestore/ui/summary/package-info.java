/**
 * Page 7: what was done and what is left to do; {@code SummaryModel} holds it in the wizard's
 * words, the page shows it.
 */
package io.codarestore.ui.summary;
