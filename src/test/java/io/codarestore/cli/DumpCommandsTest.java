package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.dump.CraftedDump;
import io.codarestore.dump.DirectoryPagesBuilder;
import io.codarestore.dump.RealFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** info, ls and extract through the command line: exit codes, output, messages. */
class DumpCommandsTest {
  @TempDir Path tmp;
  private Path dump;
  private Path incr;

  /** What one run printed and returned. */
  record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeEach
  void craft() throws IOException {
    byte[] root =
        DirectoryPagesBuilder.directory(1, 1, 1, 1)
            .add("docs", 3, 2)
            .add("a/b", 2, 2)
            .add("ghost", 40, 9)
            .build();
    byte[] docs =
        DirectoryPagesBuilder.directory(3, 2, 1, 1).add("x.txt", 4, 3).add("link", 6, 4).build();
    dump =
        new CraftedDump()
            .dir(1, 1, 0, 0, 0755, 1_700_000_000, root)
            .dir(3, 2, 1, 1, 0700, 1_700_000_100, docs)
            .file(2, 2, 0644, 1_600_000_000, "slash")
            .file(4, 3, 3, 2, 0600, 1_600_000_001, "x".getBytes(StandardCharsets.US_ASCII))
            .symlink(6, 4, 3, 2, 1_600_000_002, "../a%2Fb".getBytes(StandardCharsets.US_ASCII))
            .file(8, 5, 0644, 1_600_000_003, "nobody names me")
            .write(tmp.resolve("v.dump"));
    incr =
        new CraftedDump()
            .level(1)
            .dir(
                3,
                2,
                1,
                1,
                0700,
                1_700_000_200,
                DirectoryPagesBuilder.directory(3, 2, 1, 1).add("new.txt", 10, 6).build())
            .file(10, 6, 3, 2, 0644, 1_700_000_201, "new".getBytes(StandardCharsets.US_ASCII))
            .file(
                4,
                3,
                3,
                2,
                0600,
                1_700_000_202,
                "changed, name unknown".getBytes(StandardCharsets.US_ASCII))
            .removed(8, 5)
            .write(tmp.resolve("i.dump"));
  }

  @Test
  void everyCommandHasHelp() {
    for (String c : new String[] {"info", "ls", "extract"}) {
      Result r = cli(c, "--help");
      assertThat(r.code()).as(c).isZero();
      assertThat(r.out()).as(c).contains("Usage: coda-restore " + c).contains("DUMP");
    }
    assertThat(cli("--help").out()).contains("info").contains("ls").contains("extract");
  }

  @Test
  void infoPrintsHeaderVolumeAndCounts() {
    Result r = cli("info", dump.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("kind:            full (level 0)")
        .contains("crafted.0.backup, clone 0x01000006 of replica 0x01000005")
        .contains("type           2 (backup clone)")
        .contains("partition      /vicepa")
        .containsPattern("large \\(directories\\) +2 +128 +2 +0 +0 +4096")
        .containsPattern("small \\(files\\) +4 +256 +4 +0 +0 +" + (5 + 1 + 8 + 15));
  }

  @Test
  void infoJsonHasTheDocumentedFields() throws IOException {
    Result r = cli("info", "--json", incr.toString());
    assertThat(r.code()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("kind").asText()).isEqualTo("incremental");
    assertThat(j.get("level").asInt()).isEqualTo(1);
    assertThat(j.get("header").get("volumeId").asText()).isEqualTo("0x01000006");
    assertThat(j.get("header").get("oldest").asLong()).isEqualTo(100);
    assertThat(j.get("header").get("latest").asLong()).isEqualTo(120);
    assertThat(j.get("volume").get("typeDescription").asText()).isEqualTo("backup clone");
    assertThat(j.get("volume").get("weekUse").size()).isEqualTo(7);
    JsonNode small = j.get("indexes").get("small");
    assertThat(
            List.of(
                small.get("vnodes").asLong(),
                small.get("removed").asLong(),
                small.get("dataBytes").asLong()))
        .containsExactly(2L, 1L, 3L + 21);
    assertThat(j.get("size").asLong()).isEqualTo(incr.toFile().length());
  }

  @Test
  void infoOfTheRealIncremental() throws IOException {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    Result r = cli("info", "--json", RealFixtures.dump("dumpfix-B1-incr-l1.dump").toString());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("header").get("oldest").asLong()).isEqualTo(197);
    assertThat(j.get("header").get("latest").asLong()).isEqualTo(237);
    assertThat(j.get("volume").get("partition").asText()).isEqualTo("/vicepa");
    assertThat(j.get("indexes").get("large").get("vnodeCount").asLong()).isEqualTo(6);
  }

  @Test
  void badInputIsOneLineOnStderrAndExitOne() throws IOException {
    Result missing = cli("info", tmp.resolve("none.dump").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.errLines())
        .containsExactly("coda-restore: " + tmp.resolve("none.dump") + ": no such file");
    byte[] b = Files.readAllBytes(dump);
    Path cut = Files.write(tmp.resolve("cut.dump"), Arrays.copyOf(b, b.length - 7));
    for (String c : new String[] {"info", "ls"}) {
      Result r = cli(c, cut.toString());
      assertThat(r.code()).as(c).isEqualTo(1);
      assertThat(r.errLines()).as(c).hasSize(1);
      assertThat(r.err()).as(c).startsWith("coda-restore: " + cut + ": offset ");
    }
    Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");
    Result notDump = cli("ls", text.toString());
    assertThat(notDump.code()).isEqualTo(1);
    assertThat(notDump.err()).contains("not a Coda dump");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(cli("info").code()).isEqualTo(2);
    assertThat(cli("ls", "--bogus", dump.toString()).code()).isEqualTo(2);
    Result both = cli("extract", "--to-dir", "a", "--to-tar", "b", dump.toString());
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
    Result none = cli("extract", dump.toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("--to-dir").contains("--to-tar");
  }

  @Test
  void lsPrintsTheTreeOrphansAndWarnings() {
    Result r = cli("ls", dump.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out().lines().toList())
        .startsWith(
            "d 0755  1000      2048 2023-11-14T22:13:20Z        1.1 .",
            "- 0644  1000         5 2020-09-13T12:26:40Z        2.2 a%2Fb",
            "d 0700  1000      2048 2023-11-14T22:15:00Z        3.2 docs",
            "l 0777  1000         8 2020-09-13T12:26:42Z        6.4 docs/link -> ../a%2Fb",
            "- 0600  1000         1 2020-09-13T12:26:41Z        4.3 docs/x.txt");
    assertThat(r.out()).contains("1 orphan vnode(s)").contains("8.5 8.5");
    assertThat(r.errLines())
        .contains(
            "coda-restore: warning: name \"a/b\" in the volume root contains '/'; written as \"a%2Fb\"",
            "coda-restore: warning: \"ghost\" refers to vnode 40.9, which the dump does not hold");
  }

  @Test
  void lsJsonOfAFullAndAnIncrementalDump() throws IOException {
    JsonNode full = new ObjectMapper().readTree(cli("ls", "--json", dump.toString()).out());
    assertThat(full.get("kind").asText()).isEqualTo("full");
    JsonNode first = full.get("entries").get(1);
    assertThat(first.get("path").asText()).isEqualTo("a%2Fb");
    assertThat(first.get("mode").asText()).isEqualTo("0644");
    assertThat(first.get("mtime").asLong()).isEqualTo(1_600_000_000L);
    assertThat(first.get("type").asText()).isEqualTo("file");
    assertThat(first.has("hardLinkTo")).isTrue();
    assertThat(full.get("orphans").get(0).get("fid").asText()).isEqualTo("8.5");
    assertThat(full.get("notices").get(0).get("kind").asText()).isIn("renamed", "dangling");

    Result r = cli("ls", "--json", incr.toString());
    JsonNode inc = new ObjectMapper().readTree(r.out());
    assertThat(inc.get("kind").asText()).isEqualTo("incremental");
    assertThat(inc.get("removed").get(0).get("fid").asText()).isEqualTo("8.5");
    JsonNode changed = inc.get("newOrChanged");
    assertThat(changed).hasSize(3);
    // docs was re-dumped, but not the root: the paths are unknown, the names are not
    JsonNode newTxt = null;
    JsonNode x = null;
    for (JsonNode e : changed) {
      if ("10.6".equals(e.get("fid").asText())) {
        newTxt = e;
      } else if ("4.3".equals(e.get("fid").asText())) {
        x = e;
      }
    }
    assertThat(newTxt.get("path").isNull()).isTrue();
    assertThat(newTxt.get("name").asText()).isEqualTo("new.txt");
    assertThat(newTxt.get("parent").asText()).isEqualTo("3.2");
    assertThat(x.get("name").isNull()).isTrue();
  }

  @Test
  void lsOfAnIncrementalInText() {
    Result r = cli("ls", incr.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("incremental dump, level 1, of crafted.0.backup")
        .contains("new or changed (3 vnode records):")
        .contains("[in directory 3.2] new.txt")
        .contains("[in directory 3.2, name not in this dump]")
        .contains("removed (1 removal records):")
        .containsPattern("8\\.5 +file or symlink");
  }

  @Test
  void extractToADirectoryReportsAndWarns() throws IOException {
    Path out = tmp.resolve("out");
    Result r = cli("extract", "--to-dir", out.toString(), dump.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("to " + out + ": 2 directories, 2 files (6 bytes), 1 symlinks, 0 hard links")
        .contains("ACLs of 2 directories in .coda-acls.json")
        .contains(
            "1 orphan vnodes (no directory reaches them) not extracted; --orphans DIR writes them");
    assertThat(r.err())
        .contains("coda-restore: warning: name \"a/b\" in the volume root contains '/'");
    assertThat(out.resolve("a%2Fb")).hasContent("slash");
    assertThat(Files.readSymbolicLink(out.resolve("docs/link")).toString()).isEqualTo("../a%2Fb");

    Result again = cli("extract", "--to-dir", out.toString(), dump.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.errLines())
        .containsExactly(
            "coda-restore: "
                + out
                + " already exists; it is not overwritten (use --force to replace it)");
    Result forced =
        cli(
            "extract",
            "--force",
            "--to-dir",
            out.toString(),
            "--orphans",
            tmp.resolve("orph").toString(),
            dump.toString());
    assertThat(forced.code()).isZero();
    assertThat(forced.out())
        .contains("1 orphan vnodes (no directory reaches them) written to " + tmp.resolve("orph"));
    assertThat(tmp.resolve("orph/8.5")).hasContent("nobody names me");
  }

  @Test
  void extractToTarWithAPath() throws Exception {
    Path tar = tmp.resolve("docs.tar");
    Result r = cli("extract", "--to-tar", tar.toString(), "--path", "docs", dump.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("2 directories, 1 files (1 bytes), 1 symlinks");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")));
    Process p = new ProcessBuilder("tar", "-t", "-f", tar.toString()).start();
    List<String> members =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .sorted()
            .toList();
    assertThat(p.waitFor()).isZero();
    assertThat(members)
        .containsExactly("./", "./.coda-acls.json", "./docs/", "./docs/link", "./docs/x.txt");
  }

  @Test
  void extractRefusesAnIncremental() {
    Result r = cli("extract", "--to-dir", tmp.resolve("o").toString(), incr.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("is an incremental dump (level 1)").contains("coda-restore merge");
    assertThat(tmp.resolve("o")).doesNotExist();
  }
}
