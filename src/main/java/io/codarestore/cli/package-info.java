/** The command line (picocli): the same operations as the wizard, one subcommand each. */
package io.codarestore.cli;
