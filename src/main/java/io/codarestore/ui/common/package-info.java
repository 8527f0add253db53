/** Small pieces every page uses: worker threads, the progress adapter, error dialogs, formats. */
package io.codarestore.ui.common;
