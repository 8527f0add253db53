package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.core.ExternalProgram;
import io.codarestore.dump.CraftedDump;
import io.codarestore.dump.DirectoryPagesBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --force} never replaces an input of the command (by any spelling of its path) nor anything
 * that is not the kind of output the command writes (a pipe, a device, a symlink): merge, extract
 * to a tar file and to a directory. The refusal is one line, exit 1, and nothing changes.
 */
class ForceOutputTest {
  @TempDir Path dir;
  private Path dump;
  private byte[] dumpBytes;

  record Result(int code, String out, String err) {}

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeEach
  void craft() throws Exception {
    byte[] root = DirectoryPagesBuilder.directory(1, 1, 1, 1).add("a", 2, 2).build();
    Files.createDirectories(dir.resolve("sub"));
    dump =
        new CraftedDump()
            .dir(1, 1, 0, 0, 0755, 1_700_000_000, root)
            .file(2, 2, 0644, 1_600_000_000, "hello")
            .write(dir.resolve("sub/v.dump"));
    dumpBytes = Files.readAllBytes(dump);
  }

  private void assertRefused(Result r, String why) throws Exception {
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err().lines().toList()).singleElement().asString().contains(why);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(Files.readAllBytes(dump)).isEqualTo(dumpBytes);
  }

  @Test
  void mergeRefusesItsOwnInputUnderEverySpelling() throws Exception {
    Files.createSymbolicLink(dir.resolve("linkdir"), dir.resolve("sub"));
    List<String> spellings =
        List.of(
            dump.toString(),
            dir + "/sub/./v.dump",
            dir + "/sub/../sub/v.dump",
            dir + "/linkdir/v.dump");
    for (String out : spellings) {
      assertRefused(cli("merge", "--force", "--out", out, dump.toString()), "is the input");
      assertRefused(cli("merge", "--out", out, "--force", dump.toString()), "is the input");
    }
    // through picocli too (an option the fast path does not take)
    Result r = cli("merge", "--force", "--out=" + dir + "/linkdir/v.dump", "--", dump.toString());
    assertRefused(r, "is the input");
    try (var s = Files.list(dir.resolve("sub"))) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("v.dump");
    }
  }

  @Test
  void mergeAndTarNeverReplaceASymlinkToTheInputNorAPipeNorADevice() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link.dump"), dump);
    assertRefused(
        cli("merge", "--force", "--out", link.toString(), dump.toString()), "is the input");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    Path fifo = dir.resolve("fifo");
    ExternalProgram.of(List.of("mkfifo", fifo.toString())).runChecked();
    List<Path> specials = new java.util.ArrayList<>(List.of(fifo));
    if (ExternalProgram.of(List.of("mknod", dir.resolve("null").toString(), "c", "1", "3"))
        .run()
        .succeeded()) {
      specials.add(dir.resolve("null")); // as root: a device node like /dev/null
    }
    for (Path special : specials) {
      Object key = Files.readAttributes(special, "unix:ino,rdev", LinkOption.NOFOLLOW_LINKS);
      assertRefused(
          cli("merge", "--force", "--out", special.toString(), dump.toString()),
          "not a regular file");
      assertRefused(
          cli("extract", "--force", "--to-tar", special.toString(), dump.toString()),
          "not a regular file");
      assertThat(Files.isRegularFile(special, LinkOption.NOFOLLOW_LINKS)).isFalse();
      assertThat(Files.readAttributes(special, "unix:ino,rdev", LinkOption.NOFOLLOW_LINKS))
          .isEqualTo(key);
    }
    assertRefused(
        cli("extract", "--force", "--to-tar", dump.toString(), dump.toString()), "is the input");
  }

  @Test
  void extractNeverReplacesADirectoryHoldingItsInputNorAFileWithADirectory() throws Exception {
    assertRefused(
        cli("extract", "--force", "--to-dir", dir.resolve("sub").toString(), dump.toString()),
        "holds the input");
    assertRefused(
        cli("extract", "--force", "--to-dir", dir + "/sub/..", dump.toString()), "holds the input");
    Path file = Files.writeString(dir.resolve("plain"), "keep me");
    assertRefused(
        cli("extract", "--force", "--to-dir", file.toString(), dump.toString()), "not a directory");
    assertThat(Files.readString(file)).isEqualTo("keep me");
    // what --force is for still works: an earlier output of the same kind is replaced
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("old"), "x");
    Result ok = cli("extract", "--force", "--to-dir", out.toString(), dump.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(out.resolve("a")).hasContent("hello");
    assertThat(out.resolve("old")).doesNotExist();
    Path merged = Files.writeString(dir.resolve("m.dump"), "old");
    Result m = cli("merge", "--force", "--out", merged.toString(), dump.toString());
    assertThat(m.code()).as(m.err()).isZero();
    assertThat(Files.readAllBytes(merged)).isEqualTo(dumpBytes);
  }

  @Test
  void withoutForceAnExistingOutputIsStillRefused() throws Exception {
    Path merged = Files.writeString(dir.resolve("m.dump"), "old");
    assumeTrue(Files.exists(merged));
    Result r = cli("merge", "--out", merged.toString(), dump.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("exists");
    assertThat(Files.readString(merged)).isEqualTo("old");
  }
}
