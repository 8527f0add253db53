/**
 * The Coda volume dump format: streaming reader and writer for every record, verify, the one-pass
 * chain merge, the read-write promotion patch and extraction of the file tree. JDK only; never
 * holds file data whole in memory.
 */
package io.codarestore.dump;
