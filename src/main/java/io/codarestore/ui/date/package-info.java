/** Page 3: the calendar of restore points. */
package io.codarestore.ui.date;
