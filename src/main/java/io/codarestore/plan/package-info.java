/**
 * The incremental chain for a volume and a target date: which dumps, which media, what is missing,
 * and the restorable points.
 */
package io.codarestore.plan;
