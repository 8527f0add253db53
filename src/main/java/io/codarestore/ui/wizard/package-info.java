/** The wizard frame: step list, page contract, Back / Next / Cancel. */
package io.codarestore.ui.wizard;
