package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names a dump could carry to escape the output: they never do, and every change is reported. */
class HostileNamesTest {
  @TempDir Path tmp;
  private Path dump;
  private Path outside;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @BeforeEach
  void craft() throws IOException {
    outside = Files.createDirectory(tmp.resolve("outside"));
    byte[] root =
        DirectoryPagesBuilder.directory(1, 1, 1, 1)
            .add(b("a/b"), 2, 2)
            .add(b("\u0001evil\nname"), 4, 3)
            .add(b(".."), 6, 4)
            .add(b("."), 8, 5)
            .add(b("caf\u00e9"), 10, 6)
            .add(b("dup"), 12, 7)
            .add(b("dup"), 14, 8)
            .add(b(DumpTree.ACL_FILE), 16, 9)
            .add(b("../../escape"), 18, 10)
            .add(b("sub"), 3, 2)
            .add(b("link"), 20, 11)
            .add(b("link"), 5, 3)
            .add(b("ghost"), 26, 14)
            .add(b("ghostdir"), 7, 4)
            .build();
    byte[] sub =
        DirectoryPagesBuilder.directory(3, 2, 1, 1)
            .add(b("x\u001b[31mred"), 24, 13)
            .add(b("loop"), 1, 1)
            .build();
    byte[] linkDir = DirectoryPagesBuilder.directory(5, 3, 1, 1).add("victim", 22, 12).build();
    dump =
        new CraftedDump()
            .dir(1, 1, 0, 0, 0755, 1700000000, root)
            .dir(3, 2, 1, 1, 0750, 1700000100, sub, "garbage")
            .dir(5, 3, 1, 1, 0755, 1700000200, linkDir)
            .file(2, 2, 0644, 1700000001, "slash")
            .file(4, 3, 0644, 1700000002, "control")
            .file(6, 4, 0644, 1700000003, "dotdot")
            .file(8, 5, 0644, 1700000004, "dot")
            .file(10, 6, 0644, 1700000005, "latin1")
            .file(12, 7, 0644, 1700000006, "dup one")
            .file(14, 8, 0644, 1700000007, "dup two")
            .file(16, 9, 0644, 1700000008, "not our acl file")
            .file(18, 10, 0644, 1700000009, "escape")
            .symlink(20, 11, 1, 1, 1700000010, b(outside.toString()))
            .file(22, 12, 5, 3, 0644, 1700000011, b("victim"))
            .file(24, 13, 3, 2, 0644, 1700000012, b("escape sequence"))
            .write(tmp.resolve("hostile.dump"));
  }

  private ExtractReport extract(ExtractRequest.Format f, Path out) {
    return Extraction.run(
        dump,
        new ExtractRequest(f, out, List.of(), false, null),
        ProgressListener.NONE,
        Cancellation.none());
  }

  @Test
  void nothingLeavesTheOutputDirectory() throws IOException {
    Path out = tmp.resolve("out");
    ExtractReport r = extract(ExtractRequest.Format.DIRECTORY, out);

    assertThat(outside).isEmptyDirectory();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("hostile.dump", "outside", "out");
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        assertThat(p.toRealPath(LinkOption.NOFOLLOW_LINKS)).startsWithRaw(out.toRealPath());
        names.add(out.relativize(p).toString());
      }
    }
    assertThat(names)
        .contains(
            "a%2Fb",
            "%01evil%0Aname",
            "caf%E9",
            "dup",
            "dup~1",
            DumpTree.ACL_FILE,
            DumpTree.ACL_FILE + "~1",
            "..%2F..%2Fescape",
            "sub",
            "sub/x%1B[31mred",
            "link",
            "link~1");
    assertThat(names).noneMatch(n -> n.contains("ghost") || n.equals("..") || n.contains("loop"));
    assertThat(Files.readString(out.resolve("a%2Fb"))).isEqualTo("slash");
    assertThat(Files.readString(out.resolve("%01evil%0Aname"))).isEqualTo("control");
    assertThat(Files.readString(out.resolve(DumpTree.ACL_FILE + "~1")))
        .isEqualTo("not our acl file");
    assertThat(
            Set2.of(Files.readString(out.resolve("dup")), Files.readString(out.resolve("dup~1"))))
        .isEqualTo(Set2.of("dup one", "dup two"));
    // One "link" is the symlink, the other the directory; the victim went into the directory.
    Path dir =
        Files.isSymbolicLink(out.resolve("link")) ? out.resolve("link~1") : out.resolve("link");
    assertThat(Files.readString(dir.resolve("victim"))).isEqualTo("victim");

    // the dot entries pointing elsewhere are ignored: their vnodes are orphans
    assertThat(r.orphans()).isEqualTo(2);
    assertThat(messages(r, TreeNotice.Kind.RENAMED))
        .anyMatch(
            m -> m.contains("\"a/b\"") && m.contains("contains '/'") && m.contains("\"a%2Fb\""))
        .anyMatch(m -> m.contains("\"\\x01evil\\x0aname\"") && m.contains("control characters"))
        .anyMatch(m -> m.contains("\"caf\\xe9\"") && m.contains("not valid UTF-8"))
        .anyMatch(m -> m.contains("\"dup~1\"") && m.contains("taken by another entry"))
        .anyMatch(m -> m.contains("reserved for the ACL file"))
        .anyMatch(m -> m.contains("\"x\\x1b[31mred\"") && m.contains("directory \"sub\""));
    assertThat(messages(r, TreeNotice.Kind.IGNORED_ENTRY))
        .anyMatch(m -> m.contains("entry \"..\"") && m.contains("6.4"))
        .anyMatch(m -> m.contains("entry \".\"") && m.contains("8.5"))
        .anyMatch(m -> m.contains("\"sub/loop\"") && m.contains("further name of directory 1.1"));
    assertThat(messages(r, TreeNotice.Kind.DANGLING))
        .anyMatch(m -> m.contains("\"ghost\" refers to vnode 26.14"))
        .anyMatch(m -> m.contains("\"ghostdir\" refers to directory 7.4"));
    assertThat(messages(r, TreeNotice.Kind.BAD_VNODE)).anyMatch(m -> m.contains("ACL of \"sub\""));

    JsonNode acl = new ObjectMapper().readTree(out.resolve(DumpTree.ACL_FILE).toFile());
    assertThat(acl.get("directories").get("sub").get("text").asText()).isEqualTo("garbage");
    assertThat(acl.get("directories").get(".").get("positive").get(0).get("rights").asText())
        .isEqualTo("rlidwka");
  }

  @Test
  void tarMembersStayBelowTheTop() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")));
    Path tar = tmp.resolve("h.tar");
    extract(ExtractRequest.Format.TAR, tar);
    Process p = new ProcessBuilder("tar", "-t", "-f", tar.toString()).start();
    List<String> members =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(p.waitFor()).isZero();
    assertThat(members).isNotEmpty().allMatch(m -> m.startsWith("./"));
    assertThat(members)
        .noneMatch(m -> m.contains("/../") || m.contains("\n") || m.contains("\u0001"));
    assertThat(members).contains("./a%2Fb", "./..%2F..%2Fescape", "./sub/x%1B[31mred");
    Path un = Files.createDirectory(tmp.resolve("untar"));
    Process x = new ProcessBuilder("tar", "-x", "-f", tar.toString(), "-C", un.toString()).start();
    assertThat(x.waitFor()).isZero();
    assertThat(outside).isEmptyDirectory();
    assertThat(Files.readString(un.resolve("a%2Fb"))).isEqualTo("slash");
  }

  @Test
  void listingShowsTheSafeNamesAndTheNotices() throws IOException {
    DumpListing l = DumpListing.read(dump, Cancellation.none());
    assertThat(l.entries())
        .extracting(ListingEntry::path)
        .contains("a%2Fb", "sub/x%1B[31mred")
        .allMatch(p -> !p.contains("\u001b"));
    assertThat(l.orphans()).extracting(ListingEntry::fid).containsExactlyInAnyOrder("6.4", "8.5");
    assertThat(l.notices())
        .extracting(TreeNotice::kind)
        .contains(TreeNotice.Kind.RENAMED, TreeNotice.Kind.DANGLING);
  }

  @Test
  void escapedMessagesNeverCarryRawControlBytes() {
    ExtractReport r = extract(ExtractRequest.Format.DIRECTORY, tmp.resolve("o2"));
    for (TreeNotice n : r.notices()) {
      assertThat(n.message().chars()).noneMatch(c -> c < 0x20 || c == 0x7f);
    }
    assertThat(r.notices()).hasSizeGreaterThan(10);
  }

  private static List<String> messages(ExtractReport r, TreeNotice.Kind k) {
    return r.notices().stream().filter(n -> n.kind() == k).map(TreeNotice::message).toList();
  }

  /** A tiny unordered pair for content comparison. */
  private record Set2(Map<String, Integer> m) {
    static Set2 of(String a, String b) {
      return new Set2(a.equals(b) ? Map.of(a, 2) : Map.of(a, 1, b, 1));
    }
  }
}
