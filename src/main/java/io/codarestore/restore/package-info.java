/**
 * The restore job: workspace, fetch, verify, merge and the targets (volutil restore -f, promoted
 * read-write, copy-in and replica routes, directory, dump, tar), with resume and cancel. What a run
 * did comes back typed ({@link io.codarestore.restore.Fetched}, {@link
 * io.codarestore.restore.Restored}, {@link io.codarestore.restore.FollowUp}, {@link
 * io.codarestore.restore.RestoreWarning}); each front phrases it.
 */
package io.codarestore.restore;
