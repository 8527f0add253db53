/** Page 6: the running restore; CoreRestore is the one adapter to the core's restore job. */
package io.codarestore.ui.run;
