/** The dump browser: any dump's tree, extract the selection. */
package io.codarestore.ui.browser;
