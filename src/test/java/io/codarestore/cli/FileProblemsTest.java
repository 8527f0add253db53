package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that cannot be read is one plain line: what and why, no Java class names. */
class FileProblemsTest {
  @TempDir Path tmp;

  @Test
  void ioFailuresAreSaidInPlainWords() {
    assertThat(FileProblems.describe(new UncheckedIOException(new AccessDeniedException("/x/d"))))
        .isEqualTo("/x/d: permission denied");
    assertThat(FileProblems.describe(new RuntimeException(new NoSuchFileException("/x/e"))))
        .isEqualTo("/x/e: no such file or directory");
    assertThat(FileProblems.describe(new IOException("/x/f (Is a directory)")))
        .isEqualTo("/x/f: is a directory");
    assertThat(FileProblems.describe(new IllegalStateException("no I/O"))).isNull();
  }

  @Test
  void infoLsAndExtractOfADirectoryAreOneLineAndExitOne() {
    for (String[] args :
        new String[][] {
          {"info", tmp.toString()},
          {"ls", tmp.toString()},
          {"extract", "--to-dir", tmp.resolve("out").toString(), tmp.toString()}
        }) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int rc = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
      assertThat(rc).as(args[0]).isEqualTo(1);
      assertThat(err.toString())
          .as(args[0])
          .isEqualTo("coda-restore: " + tmp + ": is a directory, not a dump file\n");
    }
  }
}
