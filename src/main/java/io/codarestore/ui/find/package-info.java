/** "Find a file": search the file index, a file's versions, browse a restore point, restore. */
package io.codarestore.ui.find;
