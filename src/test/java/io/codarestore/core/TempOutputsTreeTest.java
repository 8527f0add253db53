package io.codarestore.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one way the program removes a tree it made ({@link TempOutputs#removeTree}): everything under
 * it goes, a symlink inside is removed without following it, and an absent path is no error.
 */
class TempOutputsTreeTest {
  @TempDir Path tmp;

  @Test
  void removesATreeWithoutFollowingItsSymlinks() throws Exception {
    Path outside = Files.writeString(tmp.resolve("keep.txt"), "mine");
    Path keptDir = Files.createDirectories(tmp.resolve("kept-dir"));
    Files.writeString(keptDir.resolve("f"), "also mine");
    Path top = Files.createDirectories(tmp.resolve("made/a/b"));
    Files.writeString(top.resolve("file"), "x");
    Files.createSymbolicLink(top.resolve("to-file"), outside);
    Files.createSymbolicLink(tmp.resolve("made/to-dir"), keptDir);
    top.getParent().toFile().setReadOnly(); // a directory the program made read-only

    TempOutputs.removeTree(tmp.resolve("made"));

    assertThat(tmp.resolve("made")).doesNotExist();
    assertThat(outside).hasContent("mine");
    assertThat(keptDir.resolve("f")).hasContent("also mine");
    TempOutputs.removeTree(tmp.resolve("made")); // absent: nothing to do
    TempOutputs.removeTree(Files.writeString(tmp.resolve("one-file"), "x"));
    assertThat(tmp.resolve("one-file")).doesNotExist();
  }
}
