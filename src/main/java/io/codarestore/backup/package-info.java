/**
 * {@code amcoda}, the Amanda Application that backs Coda volumes up: finding a volume's backup
 * clone with volutil, refreshing it, estimating dump sizes without volutil's crashing {@code
 * dumpestimate}, streaming {@code volutil dump} to Amanda while checking it and writing its index,
 * recording a good dump ({@code volutil ancient}), and the restore side amrecover calls. Uses
 * {@code dump} and {@code core} only; writes nothing to the terminal (the command line does).
 */
package io.codarestore.backup;
