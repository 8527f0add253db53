/**
 * The file index read from the dumps themselves: indexing each restorable point's dump into the
 * catalog's file index (paths, types, sizes, times, modes, owners, versions, removals), the queries
 * behind {@code files}, {@code find} and {@code versions}, and the restore of one path that reads
 * only the dumps holding its data.
 */
package io.codarestore.index;
