/**
 * The restore job: workspace, fetch, verify, merge and the targets (volutil restore -f, promoted
 * read-write, copy-in and replica routes, directory, dump, tar), with resume and cancel.
 */
package io.codarestore.restore;
