package io.codarestore.cli;

import io.codarestore.core.Cancellation;
import io.codarestore.dump.DumpFormatException;
import io.codarestore.dump.DumpIndex;
import io.codarestore.dump.DumpReader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The commands that read a dump Amanda hands over on stdin: validate, index (and restore). */
final class AmcodaRestoreCommands {
  private AmcodaRestoreCommands() {}

  static InputStream stdin() {
    return new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
  }

  @Command(name = "validate", description = "amcheckdump: is the dump on stdin sound? Exit 0 if so.")
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AmcodaArgs args;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (DumpReader r = new DumpReader(stdin(), "the dump on stdin")) {
        DumpIndex.read(r, Cancellation.none());
        return 0;
      } catch (DumpFormatException | UncheckedIOException | IOException e) {
        out.println("amcoda validate: " + e.getMessage());
        out.flush();
        System.err.println("amcoda validate: " + e.getMessage());
        return Cli.EXIT_BAD_INPUT;
      }
    }
  }

  @Command(name = "index", description = "amreindex: the index lines of the dump on stdin.")
  static final class Index implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AmcodaArgs args;

    @Override
    public Integer call() throws IOException {
      DumpIndex index;
      try (DumpReader r = new DumpReader(stdin(), "the dump on stdin")) {
        index = DumpIndex.read(r, Cancellation.none());
      } catch (DumpFormatException | UncheckedIOException e) {
        System.err.println("amcoda index: " + e.getMessage());
        return Cli.EXIT_BAD_INPUT;
      }
      OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
      index.writeLines(out);
      out.flush();
      return 0;
    }
  }
}
