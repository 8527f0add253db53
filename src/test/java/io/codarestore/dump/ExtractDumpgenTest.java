package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction of coda-dumpgen dumps equals the generator's truth (skipped without the tool). */
class ExtractDumpgenTest {
  @TempDir Path tmp;

  private static ExtractReport extract(Path dump, ExtractRequest.Format f, Path out, Path orphans) {
    return Extraction.run(
        dump,
        new ExtractRequest(f, out, List.of(), false, orphans),
        ProgressListener.NONE,
        Cancellation.none());
  }

  @Test
  void fullDumpAndMergedChainExtractToTheTruth() throws Exception {
    DumpgenTool.assumeAvailable();
    Path state = DumpgenTool.init(tmp, 6, 40);
    Path f0 = DumpgenTool.dump(state, 0, tmp.resolve("f0"));
    DumpgenTool.advance(state);
    Path i1 = DumpgenTool.dump(state, 1, tmp.resolve("i1"));
    DumpgenTool.advance(state);
    Path i2 = DumpgenTool.dump(state, 2, tmp.resolve("i2"));
    Path m1 = DumpgenTool.merge(tmp.resolve("m1"), f0, i1);
    Path m2 = DumpgenTool.merge(tmp.resolve("m2"), m1, i2);

    JsonNode truth0 = DumpgenTool.manifest(state, 0);
    ExtractReport r0 = extract(f0, ExtractRequest.Format.DIRECTORY, tmp.resolve("x0"), null);
    TruthComparison.assertMatches(tmp.resolve("x0"), truth0);
    assertThat(r0.orphans()).isZero();
    assertThat(r0.notices()).isEmpty();

    JsonNode truth2 = DumpgenTool.manifest(state, 2);
    assertThat(kinds(truth2))
        .as("the scenario holds every kind of object")
        .contains("file", "dir", "symlink");
    assertThat(hasHardLink(truth2) && hasNegativeAcl(truth2) && hasNonAscii(truth2))
        .as("the scenario has hard links, a negative ACL and non-ASCII names")
        .isTrue();
    ExtractReport r2 = extract(m2, ExtractRequest.Format.DIRECTORY, tmp.resolve("x2"), null);
    TruthComparison.assertMatches(tmp.resolve("x2"), truth2);
    assertThat(r2.hardLinks()).isPositive();
    assertThat(r2.ownersSet()).isEqualTo(LocalTree.runningAsRoot());
    if (!r2.ownersSet()) {
      assertThat(r2.ownersSkipped()).isPositive();
    }
  }

  @Test
  void tarOfMergedChainUnpacksToTheTruth() throws Exception {
    DumpgenTool.assumeAvailable();
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")),
        "tar not installed");
    Path state = DumpgenTool.init(tmp, 5, 40);
    Path f0 = DumpgenTool.dump(state, 0, tmp.resolve("f0"));
    DumpgenTool.advance(state);
    Path i1 = DumpgenTool.dump(state, 1, tmp.resolve("i1"));
    Path m1 = DumpgenTool.merge(tmp.resolve("m1"), f0, i1);
    Path tar = tmp.resolve("m1.tar");
    extract(m1, ExtractRequest.Format.TAR, tar, null);
    Path un = Files.createDirectory(tmp.resolve("untar"));
    // -P: GNU tar otherwise creates symlinks whose target holds ".." only at the very end, which
    // touches their directory's mtime after it was restored. Our members never contain "..".
    Process p =
        new ProcessBuilder(
                "tar",
                "-x",
                "-p",
                "-P",
                "--numeric-owner",
                "-f",
                tar.toString(),
                "-C",
                un.toString())
            .redirectErrorStream(true)
            .start();
    String msg = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("tar -x: %s", msg).isZero();
    TruthComparison.assertMatches(un, DumpgenTool.manifest(state, 1));
  }

  @Test
  void zeroOneOnePrimeOrphansAreLeftOutCountedAndWrittenOnRequest() throws Exception {
    DumpgenTool.assumeAvailable();
    Path state = DumpgenTool.init(tmp, 3, 40);
    Path f0 = DumpgenTool.dump(state, 0, tmp.resolve("f0"));
    DumpgenTool.advance(state);
    DumpgenTool.dump(state, 1, tmp.resolve("i1"));
    DumpgenTool.advance(state);
    Path i1b = DumpgenTool.dump(state, 1, tmp.resolve("i1b"));
    // 1' goes straight onto the full: what 1 removed is not removed again, so it stays as orphans.
    Path merged = DumpgenTool.merge(tmp.resolve("m"), f0, i1b);
    Set<String> expectedOrphans = unreachable(DumpgenTool.run("check", merged.toString()));
    assertThat(expectedOrphans).as("the scenario leaves orphans").hasSizeGreaterThan(3);

    ExtractReport r =
        extract(merged, ExtractRequest.Format.DIRECTORY, tmp.resolve("x"), tmp.resolve("orphans"));
    TruthComparison.assertMatches(tmp.resolve("x"), DumpgenTool.manifest(state, 2));
    assertThat(r.orphans()).isEqualTo(expectedOrphans.size());

    // Every orphan is written once below the orphans directory: at the top by its fid, or inside
    // an orphan directory (named by its fid) under the name that directory gave it.
    Set<String> written = new HashSet<>();
    try (Stream<Path> s = Files.walk(tmp.resolve("orphans"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (!p.equals(tmp.resolve("orphans"))) {
          written.add(tmp.resolve("orphans").relativize(p).toString());
        }
      }
    }
    assertThat(written).hasSize(expectedOrphans.size());
    for (String fid : expectedOrphans) {
      if (!written.contains(fid)) {
        assertThat(written)
            .as("orphan %s is inside an orphan directory", fid)
            .anyMatch(w -> w.contains("/"));
      }
    }
    // Without --orphans nothing of them is written, but they are still counted.
    ExtractReport r2 = extract(merged, ExtractRequest.Format.DIRECTORY, tmp.resolve("y"), null);
    assertThat(r2.orphans()).isEqualTo(expectedOrphans.size());
    assertThat(r2.orphansOutput()).isNull();
    TruthComparison.assertMatches(tmp.resolve("y"), DumpgenTool.manifest(state, 2));
  }

  private static Set<String> unreachable(String checkOutput) {
    Set<String> fids = new HashSet<>();
    Matcher m = Pattern.compile("vnode (\\d+\\.\\d+) not reachable").matcher(checkOutput);
    while (m.find()) {
      fids.add(m.group(1));
    }
    return fids;
  }

  private static Collection<String> kinds(JsonNode truth) {
    Set<String> k = new HashSet<>();
    truth.get("entries").forEach(e -> k.add(e.get("type").asText()));
    return k;
  }

  private static boolean hasHardLink(JsonNode truth) {
    Set<String> fids = new HashSet<>();
    for (JsonNode e : truth.get("entries")) {
      if (!fids.add(e.get("fid").asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasNegativeAcl(JsonNode truth) {
    for (JsonNode e : truth.get("entries")) {
      if (e.has("acl") && e.get("acl").get("minus").size() > 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasNonAscii(JsonNode truth) throws IOException {
    for (JsonNode e : truth.get("entries")) {
      if (!e.get("path").asText().chars().allMatch(c -> c < 0x80)) {
        return true;
      }
    }
    return false;
  }
}
