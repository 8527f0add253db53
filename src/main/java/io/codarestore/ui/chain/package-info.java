/** Page 4: the chain as a timeline, the link check from the headers, the plan in words. */
package io.codarestore.ui.chain;
