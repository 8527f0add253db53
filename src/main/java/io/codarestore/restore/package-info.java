/**
 * The restore job: workspace, fetch, verify, merge and the targets (volutil, promoted read-write,
 * replica route, directory, dump, tar), with resume and cancel.
 */
package io.codarestore.restore;
