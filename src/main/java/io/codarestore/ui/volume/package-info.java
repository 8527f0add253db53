/** Page 2: the searchable, sortable volume list. */
package io.codarestore.ui.volume;
