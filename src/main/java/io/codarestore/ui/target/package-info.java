/** Page 5: where the restore goes, checked as typed, with the dry run. */
package io.codarestore.ui.target;
