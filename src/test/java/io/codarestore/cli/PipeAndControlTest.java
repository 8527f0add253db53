package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.ExternalProgram;
import io.codarestore.dump.CraftedDump;
import io.codarestore.dump.DirectoryPagesBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump read from a pipe works for every command that reads it once (info, ls, verify, extract)
 * and is refused as "not a regular file" by merge, which must seek; control characters from a dump
 * (volume name, symlink target) never reach the terminal raw; verify warns about a volume name Coda
 * would not write.
 */
class PipeAndControlTest {
  @TempDir Path dir;
  private Path dump;

  record Result(int code, String out, String err) {}

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  static final String EVIL = "v\u001b[2J\nfake line\u0007";

  @BeforeEach
  void craft() throws IOException {
    byte[] root = DirectoryPagesBuilder.directory(1, 1, 1, 1).add("a", 2, 2).add("l", 4, 3).build();
    dump =
        new CraftedDump()
            .dir(1, 1, 0, 0, 0755, 1_700_000_000, root)
            .file(2, 2, 0644, 1_600_000_000, "hello")
            .symlink(4, 3, 1, 1, 1_600_000_001, EVIL.getBytes(StandardCharsets.UTF_8))
            .write(dir.resolve("v.dump"));
  }

  /** Runs a command on the dump fed through a named pipe by another thread. */
  private Result throughPipe(String... argsBeforeDump) throws Exception {
    Path fifo = dir.resolve("fifo" + System.nanoTime());
    ExternalProgram.of(List.of("mkfifo", fifo.toString())).runChecked();
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try (OutputStream o = Files.newOutputStream(fifo)) {
                o.write(Files.readAllBytes(dump));
              } catch (IOException e) {
                // the reader stopped early; the command's result tells
              }
            });
    List<String> args = new ArrayList<>(List.of(argsBeforeDump));
    args.add(fifo.toString());
    Result r = cli(args.toArray(String[]::new));
    writer.get(10, TimeUnit.SECONDS);
    return new Result(r.code(), r.out().replace(fifo.toString(), "DUMP"), r.err());
  }

  private Result fromFile(String... argsBeforeDump) {
    List<String> args = new ArrayList<>(List.of(argsBeforeDump));
    args.add(dump.toString());
    Result r = cli(args.toArray(String[]::new));
    return new Result(r.code(), r.out().replace(dump.toString(), "DUMP"), r.err());
  }

  @Test
  void infoLsVerifyAndExtractReadADumpFromAPipe() throws Exception {
    for (String[] cmd : new String[][] {{"info"}, {"ls"}, {"verify"}, {"info", "--json"}}) {
      Result piped = throughPipe(cmd);
      Result file = fromFile(cmd);
      assertThat(piped.code()).as(String.join(" ", cmd) + ": " + piped.err()).isZero();
      assertThat(piped.out()).isEqualTo(file.out());
    }
    Result x = throughPipe("extract", "--to-dir", dir.resolve("x").toString());
    assertThat(x.code()).as(x.err()).isZero();
    assertThat(dir.resolve("x/a")).hasContent("hello");
    assertThat(Files.readSymbolicLink(dir.resolve("x/l")).toString()).isEqualTo(EVIL);
  }

  @Test
  void mergeRefusesAPipeAsNotARegularFileWithoutReadingIt() throws Exception {
    Path fifo = dir.resolve("fifo");
    ExternalProgram.of(List.of("mkfifo", fifo.toString())).runChecked();
    Path out = dir.resolve("m.dump");
    for (String input : List.of(fifo.toString(), "-")) {
      Result r = cli("merge", "--out", out.toString(), input);
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err().lines().toList())
          .singleElement()
          .asString()
          .isEqualTo(
              "coda-restore: "
                  + input
                  + ": not a regular file; a merge reads its inputs in more than one place (save"
                  + " the dump to a file first)");
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void aDashReadsStandardInput() throws Exception {
    // a child JVM whose standard input is /dev/null: "-" is read (an empty dump), not a file "-"
    List<String> argv =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "io.codarestore.Launcher",
            "verify",
            "-");
    ExternalProgram.Result r =
        ExternalProgram.of(argv).directory(dir).timeout(Duration.ofMinutes(1)).run();
    assertThat(r.exitStatus()).isEqualTo(1);
    assertThat(String.join("\n", r.stderr()))
        .contains("coda-restore: -: ")
        .contains("empty file: not a Coda dump")
        .doesNotContain("no such file");
  }

  @Test
  void controlCharactersOfADumpAreEscapedOnTheTerminal() throws Exception {
    Path named =
        new CraftedDump()
            .name(EVIL)
            .dir(1, 1, 0, 0, 0755, 1, emptyRoot())
            .write(dir.resolve("n.dump"));
    for (Path p : List.of(dump, named)) {
      for (String cmd : List.of("info", "ls", "verify")) {
        Result r = cli(cmd, p.toString());
        assertThat(r.code()).as(cmd + " " + r.err()).isZero();
        for (String text : List.of(r.out(), r.err())) {
          assertThat(text.replace("\n", "")).as(cmd).doesNotContain("\u001b", "\u0007");
          assertThat(text).as(cmd).doesNotContain("\nfake line");
        }
      }
    }
    assertThat(cli("ls", dump.toString()).out()).contains("l -> v%1B[2J%0Afake line%07");
    assertThat(cli("info", named.toString()).out()).contains("v%1B[2J%0Afake line%07");
    assertThat(cli("verify", named.toString()).out()).contains("of v%1B[2J%0Afake line%07,");
  }

  @Test
  void verifyWarnsAboutAnEmptyOrOverlongVolumeName() throws Exception {
    Path empty =
        new CraftedDump()
            .name("")
            .dir(1, 1, 0, 0, 0755, 1, emptyRoot())
            .write(dir.resolve("e.dump"));
    String name32 = "a".repeat(32);
    Path longName =
        new CraftedDump()
            .name(name32)
            .dir(1, 1, 0, 0, 0755, 1, emptyRoot())
            .write(dir.resolve("l.dump"));
    Path name31 =
        new CraftedDump()
            .name("a".repeat(31))
            .dir(1, 1, 0, 0, 0755, 1, emptyRoot())
            .write(dir.resolve("ok.dump"));
    Result r = cli("verify", empty.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEqualTo("warning: " + empty + ": the volume name is empty\n");
    r = cli("verify", longName.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err())
        .isEqualTo(
            "warning: "
                + longName
                + ": the volume name is 32 bytes long; Coda's names have at most 31\n");
    r = cli("verify", name31.toString());
    assertThat(r.err()).isEmpty();
  }

  private static byte[] emptyRoot() {
    return DirectoryPagesBuilder.directory(1, 1, 1, 1).build();
  }
}
