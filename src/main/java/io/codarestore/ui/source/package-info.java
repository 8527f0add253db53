/** Page 1: where the backups are, and their import into the catalog. */
package io.codarestore.ui.source;
