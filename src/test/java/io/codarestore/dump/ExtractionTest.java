package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction behaviour: targets, --force, --path, refusals, failures that leave nothing. */
class ExtractionTest {
  @TempDir Path tmp;
  private Path dump;
  private byte[] dumpBytes;

  @BeforeEach
  void craft() throws IOException {
    byte[] root =
        DirectoryPagesBuilder.directory(1, 1, 1, 1)
            .add("docs", 3, 2)
            .add("top.txt", 6, 4)
            .add("sym", 8, 5)
            .add("locked", 7, 6)
            .build();
    byte[] docs =
        DirectoryPagesBuilder.directory(3, 2, 1, 1)
            .add("a.txt", 2, 2)
            .add("a-link.txt", 2, 2)
            .add("deep", 5, 3)
            .build();
    byte[] deep = DirectoryPagesBuilder.directory(5, 3, 3, 2).add("f.txt", 4, 3).build();
    byte[] locked = DirectoryPagesBuilder.directory(7, 6, 1, 1).add("inside", 10, 7).build();
    byte[] big = new byte[300_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31 + (i >> 9));
    }
    CraftedDump d =
        new CraftedDump()
            .dir(1, 1, 0, 0, 0755, 1_700_000_000, root)
            .dir(3, 2, 1, 1, 0751, 1_700_000_100, docs, "1\n1\nSystem:AnyUser\t9\njan\t2\n")
            .dir(5, 3, 3, 2, 0700, 1_700_000_200, deep)
            .dir(7, 6, 1, 1, 0500, 1_700_000_300, locked)
            .file(2, 2, 3, 2, 04755, 1_600_000_001, big)
            .file(4, 3, 5, 3, 0600, 1_600_000_002, "deep file".getBytes())
            .file(6, 4, 0640, 1_600_000_003, "top")
            .symlink(8, 5, 1, 1, 1_600_000_004, "docs/a.txt".getBytes())
            .file(10, 7, 7, 6, 0444, 1_600_000_005, "inside a 0500 directory".getBytes());
    dumpBytes = d.bytes();
    dump = Files.write(tmp.resolve("v.dump"), dumpBytes);
  }

  private ExtractReport run(ExtractRequest.Format f, Path out, String path, boolean force) {
    return Extraction.run(
        dump,
        new ExtractRequest(f, out, path, force, null),
        ProgressListener.NONE,
        Cancellation.none());
  }

  private List<String> tmpEntries() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void wholeTreeWithModesMtimesHardLinksAndAcls() throws IOException {
    Path out = tmp.resolve("out");
    ExtractReport r = run(ExtractRequest.Format.DIRECTORY, out, null, false);
    Map<String, LocalTree.Item> t = LocalTree.read(out);
    assertThat(t.keySet())
        .containsExactlyInAnyOrder(
            ".",
            ".coda-acls.json",
            "docs",
            "docs/a.txt",
            "docs/a-link.txt",
            "docs/deep",
            "docs/deep/f.txt",
            "top.txt",
            "sym",
            "locked",
            "locked/inside");
    assertThat(t.get("docs/a.txt").mode()).isEqualTo(04755);
    assertThat(t.get("docs/a.txt").mtime()).isEqualTo(1_600_000_001L);
    assertThat(t.get("docs/a-link.txt").inode()).isEqualTo(t.get("docs/a.txt").inode());
    assertThat(t.get("docs/a.txt").size()).isEqualTo(300_000);
    assertThat(t.get("sym").target()).isEqualTo("docs/a.txt");
    assertThat(t.get("sym").mtime()).isEqualTo(1_600_000_004L);
    // directories: mode and mtime set after their contents were written
    assertThat(t.get(".").mode()).isEqualTo(0755);
    assertThat(t.get(".").mtime()).isEqualTo(1_700_000_000L);
    assertThat(t.get("docs").mode()).isEqualTo(0751);
    assertThat(t.get("docs").mtime()).isEqualTo(1_700_000_100L);
    assertThat(t.get("docs/deep").mtime()).isEqualTo(1_700_000_200L);
    assertThat(t.get("locked").mode()).isEqualTo(0500);
    assertThat(t.get("locked").mtime()).isEqualTo(1_700_000_300L);
    assertThat(Files.readString(out.resolve("locked/inside"))).isEqualTo("inside a 0500 directory");
    assertThat(List.of(r.directories(), r.files(), r.symlinks(), r.hardLinks(), r.orphans()))
        .containsExactly(4L, 4L, 1L, 1L, 0L);
    assertThat(r.bytes()).isEqualTo(300_000 + 9 + 3 + 23);
    JsonNode acl = new ObjectMapper().readTree(out.resolve(DumpTree.ACL_FILE).toFile());
    assertThat(acl.get("volume").asText()).isEqualTo("crafted.0.backup");
    assertThat(acl.get("directories").get("docs").toString())
        .isEqualTo(
            "{\"positive\":[{\"name\":\"System:AnyUser\",\"rights\":\"rl\"}],"
                + "\"negative\":[{\"name\":\"jan\",\"rights\":\"w\"}]}");
    assertThat(tmpEntries()).containsExactly("out", "v.dump");
  }

  @Test
  void anExistingOutputIsRefusedAndKept() throws IOException {
    Path out = Files.createDirectory(tmp.resolve("out"));
    Files.writeString(out.resolve("keep"), "mine");
    assertThatThrownBy(() -> run(ExtractRequest.Format.DIRECTORY, out, null, false))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining(out.toString())
        .hasMessageContaining("already exists")
        .hasMessageContaining("--force");
    assertThat(Files.readString(out.resolve("keep"))).isEqualTo("mine");
    Path tar = Files.writeString(tmp.resolve("t.tar"), "old tar");
    assertThatThrownBy(() -> run(ExtractRequest.Format.TAR, tar, null, false))
        .hasMessageContaining("already exists");
    assertThat(Files.readString(tar)).isEqualTo("old tar");
    assertThat(tmpEntries()).containsExactly("out", "t.tar", "v.dump");
  }

  @Test
  void forceReplacesAnExistingDirectoryOrTar() throws IOException {
    Path out = Files.createDirectory(tmp.resolve("out"));
    Files.writeString(out.resolve("keep"), "mine");
    Files.createDirectory(out.resolve("ro"));
    Files.setAttribute(out.resolve("ro"), "unix:mode", 0500);
    run(ExtractRequest.Format.DIRECTORY, out, null, true);
    assertThat(out.resolve("keep")).doesNotExist();
    assertThat(out.resolve("top.txt")).hasContent("top");
    Path tar = Files.writeString(tmp.resolve("t.tar"), "old tar");
    run(ExtractRequest.Format.TAR, tar, null, true);
    assertThat(Files.size(tar)).isGreaterThan(300_000);
    assertThat(tmpEntries()).containsExactly("out", "t.tar", "v.dump");
  }

  @Test
  void forceReplacesASymlinkItselfNotWhatItPointsTo() throws IOException {
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("precious"), "keep me");
    Path out = Files.createSymbolicLink(tmp.resolve("out"), elsewhere);
    assertThatThrownBy(() -> run(ExtractRequest.Format.DIRECTORY, out, null, false))
        .hasMessageContaining("already exists");
    run(ExtractRequest.Format.DIRECTORY, out, null, true);
    assertThat(Files.isSymbolicLink(out)).isFalse();
    assertThat(out.resolve("top.txt")).hasContent("top");
    assertThat(elsewhere.resolve("precious")).hasContent("keep me");
    assertThat(elsewhere.resolve("top.txt")).doesNotExist();
  }

  @Test
  void pathSelectsOneFileWithItsDirectories() throws IOException {
    Path out = tmp.resolve("out");
    ExtractReport r = run(ExtractRequest.Format.DIRECTORY, out, "docs/a-link.txt", false);
    Map<String, LocalTree.Item> t = LocalTree.read(out);
    assertThat(t.keySet())
        .containsExactlyInAnyOrder(".", ".coda-acls.json", "docs", "docs/a-link.txt");
    assertThat(t.get("docs").mode()).isEqualTo(0751);
    assertThat(t.get("docs").mtime()).isEqualTo(1_700_000_100L);
    assertThat(Files.readAttributes(out.resolve("docs/a-link.txt"), "unix:nlink").get("nlink"))
        .isEqualTo(1);
    assertThat(LocalTree.sha256(out.resolve("docs/a-link.txt"))).isNotNull();
    assertThat(List.of(r.files(), r.hardLinks(), r.directories())).containsExactly(1L, 0L, 2L);
    JsonNode acl = new ObjectMapper().readTree(out.resolve(DumpTree.ACL_FILE).toFile());
    assertThat(acl.get("directories").size()).isEqualTo(2);
  }

  @Test
  void pathSelectsASubtree() throws IOException {
    Path out = tmp.resolve("out");
    ExtractReport r = run(ExtractRequest.Format.DIRECTORY, out, "/docs/", false);
    Map<String, LocalTree.Item> t = LocalTree.read(out);
    assertThat(t.keySet())
        .containsExactlyInAnyOrder(
            ".",
            ".coda-acls.json",
            "docs",
            "docs/a.txt",
            "docs/a-link.txt",
            "docs/deep",
            "docs/deep/f.txt");
    assertThat(t.get("docs/a-link.txt").inode()).isEqualTo(t.get("docs/a.txt").inode());
    assertThat(r.hardLinks()).isEqualTo(1);
  }

  @Test
  void pathTheDumpLacksIsRefusedBeforeAnythingIsWritten() throws IOException {
    assertThatThrownBy(
            () -> run(ExtractRequest.Format.DIRECTORY, tmp.resolve("out"), "docs/nope", false))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("has no \"docs/nope\"")
        .hasMessageContaining("ls");
    // a prefix of a name is not a path
    assertThatThrownBy(() -> run(ExtractRequest.Format.DIRECTORY, tmp.resolve("out"), "do", false))
        .hasMessageContaining("has no");
    assertThat(tmpEntries()).containsExactly("v.dump");
  }

  @Test
  void anIncrementalIsRefusedWithAnExplanation() throws IOException {
    Path incr =
        new CraftedDump()
            .level(1)
            .dir(1, 1, 0, 0, 0755, 1, DirectoryPagesBuilder.directory(1, 1, 1, 1).build())
            .write(tmp.resolve("i.dump"));
    assertThatThrownBy(
            () ->
                Extraction.run(
                    incr,
                    new ExtractRequest(
                        ExtractRequest.Format.DIRECTORY,
                        tmp.resolve("out"),
                        List.of(),
                        false,
                        null),
                    ProgressListener.NONE,
                    Cancellation.none()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("i.dump is an incremental dump (level 1)")
        .hasMessageContaining("merge");
    assertThat(tmpEntries()).containsExactly("i.dump", "v.dump");
  }

  @Test
  void aTruncatedDumpLeavesNothingBehind() throws IOException {
    Path cut =
        Files.write(tmp.resolve("cut.dump"), Arrays.copyOf(dumpBytes, dumpBytes.length - 100_000));
    for (ExtractRequest.Format f : ExtractRequest.Format.values()) {
      assertThatThrownBy(
              () ->
                  Extraction.run(
                      cut,
                      new ExtractRequest(
                          f, tmp.resolve("out"), List.of(), false, tmp.resolve("orph")),
                      ProgressListener.NONE,
                      Cancellation.none()))
          .isInstanceOf(DumpFormatException.class)
          .hasMessageContaining("cut.dump")
          .hasMessageContaining("truncated");
      assertThat(tmpEntries()).containsExactly("cut.dump", "v.dump");
    }
  }

  @Test
  void aMissingEndMarkerLeavesNothingBehind() throws IOException {
    Path noEnd =
        Files.write(tmp.resolve("noend.dump"), Arrays.copyOf(dumpBytes, dumpBytes.length - 5));
    assertThatThrownBy(
            () ->
                Extraction.run(
                    noEnd,
                    new ExtractRequest(
                        ExtractRequest.Format.TAR, tmp.resolve("o.tar"), List.of(), false, null),
                    ProgressListener.NONE,
                    Cancellation.none()))
        .isInstanceOf(DumpFormatException.class);
    assertThat(tmpEntries()).containsExactly("noend.dump", "v.dump");
  }

  @Test
  void cancellingLeavesNothingBehind() throws IOException {
    Cancellation cancel = new Cancellation();
    ProgressListener cancelAfterFirstFile =
        new ProgressListener() {
          @Override
          public void progress(String stage, long done, long total) {
            cancel.cancel();
          }
        };
    for (ExtractRequest.Format f : ExtractRequest.Format.values()) {
      assertThatThrownBy(
              () ->
                  Extraction.run(
                      dump,
                      new ExtractRequest(f, tmp.resolve("out"), List.of(), false, null),
                      cancelAfterFirstFile,
                      cancel))
          .isInstanceOf(Cancellation.CancelledException.class);
      assertThat(tmpEntries()).containsExactly("v.dump");
    }
  }

  @Test
  void aMissingDumpOrOutputParentIsAClearError() {
    assertThatThrownBy(
            () ->
                Extraction.run(
                    tmp.resolve("none.dump"),
                    new ExtractRequest(
                        ExtractRequest.Format.TAR, tmp.resolve("o.tar"), List.of(), false, null),
                    ProgressListener.NONE,
                    Cancellation.none()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("none.dump: no such file");
    assertThatThrownBy(
            () -> run(ExtractRequest.Format.TAR, tmp.resolve("no/such/dir/o.tar"), null, false))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void normalisesSelections() {
    assertThat(Extraction.normalise("/docs/")).isEqualTo("docs");
    assertThat(Extraction.normalise("./docs/a.txt")).isEqualTo("docs/a.txt");
    assertThat(Extraction.normalise(".")).isNull();
    assertThat(Extraction.normalise("/")).isNull();
    assertThat(Extraction.normalise(null)).isNull();
  }

  @Test
  void forceReplacesATreeWithLockedDirectoriesEvenWithoutRoot() throws IOException {
    // Meaningful without root only (root ignores permissions): the first extraction leaves a
    // 0500 directory holding a 0000 one; replacing it must move it aside and remove it.
    assumeFalse(LocalTree.runningAsRoot(), "root ignores directory permissions");
    Path out = tmp.resolve("out");
    run(ExtractRequest.Format.DIRECTORY, out, null, false);
    Files.createDirectory(out.resolve("locked/none"));
    Files.setAttribute(out.resolve("locked/none"), "unix:mode", 0);
    Files.setAttribute(out.resolve("locked"), "unix:mode", 0500);
    run(ExtractRequest.Format.DIRECTORY, out, null, true);
    assertThat(out.resolve("locked/none")).doesNotExist();
    assertThat(tmpEntries()).containsExactly("out", "v.dump");
  }

  @Test
  void removingATreeOpensUpLockedDirectories() throws IOException {
    Path top = Files.createDirectories(tmp.resolve("t/a/b"));
    Files.writeString(top.resolve("f"), "x");
    Files.setAttribute(top, "unix:mode", 0);
    Files.setAttribute(tmp.resolve("t/a"), "unix:mode", 0500);
    Path link = Files.createSymbolicLink(tmp.resolve("t/link"), tmp.resolve("v.dump"));
    assertThat(io.codarestore.core.TempOutputs.deleteTree(tmp.resolve("t"))).isTrue();
    assertThat(tmp.resolve("t")).doesNotExist();
    assertThat(link).doesNotExist();
    assertThat(tmp.resolve("v.dump")).exists();
  }

  @Test
  void everyModeComesOutExactWhateverTheUmaskRemoves() throws IOException {
    int[] modes = {0, 0400, 0644, 0666, 0777, 0664, 02755, 01777, 07777, 0137};
    DirectoryPagesBuilder root = DirectoryPagesBuilder.directory(1, 1, 1, 1);
    CraftedDump d = new CraftedDump();
    for (int i = 0; i < modes.length; i++) {
      root.add("m" + Integer.toOctalString(modes[i]), 2 * i + 2, i + 2);
      d.file(2 * i + 2, i + 2, modes[i], 1_600_000_000 + i, "x");
    }
    Path many = d.dir(1, 1, 0, 0, 0777, 1_700_000_000, root.build()).write(tmp.resolve("m.dump"));
    Path out = tmp.resolve("modes");
    Extraction.run(
        many,
        new ExtractRequest(ExtractRequest.Format.DIRECTORY, out, List.of(), false, null),
        ProgressListener.NONE,
        Cancellation.none());
    Map<String, LocalTree.Item> t = LocalTree.read(out);
    for (int m : modes) {
      assertThat(Integer.toOctalString(t.get("m" + Integer.toOctalString(m)).mode()))
          .as("mode %o", m)
          .isEqualTo(Integer.toOctalString(m));
    }
    assertThat(Integer.toOctalString(t.get(".").mode())).isEqualTo("777");
  }
}
