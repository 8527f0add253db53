package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our tree of the real Coda dumps against the listings of archives made by the real {@code
 * codadump2tar} (fixtures/coda-real/listings), and the incremental listings against the real
 * merges.
 */
class RealFixtureTreeTest {
  private static final Pattern LINE =
      Pattern.compile(
          "^(\\S)(\\S{9}) (\\d+)/(\\d+) +(\\d+) (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) (.*)$");
  private static final String ROOT = "dumpfix.0.backup";

  @TempDir Path tmp;

  /** One line of {@code tar tv --full-time --numeric-owner}. */
  record TarLine(char type, int mode, long uid, long size, long mtime, String path, String link) {}

  static Stream<Arguments> pairs() {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    return Stream.of(
        Arguments.of(RealFixtures.dump("dumpfix-B0-full.dump"), "dumpfix-B0-full.codadump2tar.txt"),
        Arguments.of(RealFixtures.dump("dumpfix-B3-full.dump"), "dumpfix-B3-full.codadump2tar.txt"),
        Arguments.of(RealFixtures.merged("A0+A1.dump"), "A0+A1.codadump2tar.txt"),
        Arguments.of(RealFixtures.merged("B0+B1+B2.dump"), "B0+B1+B2.codadump2tar.txt"),
        Arguments.of(RealFixtures.merged("B0+B2c.dump"), "B0+B2c.codadump2tar.txt"));
  }

  static List<TarLine> readListing(String name) throws IOException {
    List<TarLine> out = new ArrayList<>();
    for (String l : Files.readAllLines(RealFixtures.dir().resolve("listings").resolve(name))) {
      Matcher m = LINE.matcher(l);
      assertThat(m.matches()).as("listing line %s", l).isTrue();
      String rest = m.group(7);
      String link = null;
      char t = m.group(1).charAt(0);
      if (t == 'l') {
        link = rest.substring(rest.indexOf(" -> ") + 4);
        rest = rest.substring(0, rest.indexOf(" -> "));
      } else if (t == 'h') {
        link = ourPath(rest.substring(rest.indexOf(" link to ") + 9));
        rest = rest.substring(0, rest.indexOf(" link to "));
      }
      long mtime = LocalDateTime.parse(m.group(6).replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
      out.add(
          new TarLine(
              t,
              mode(m.group(2)),
              Long.parseLong(m.group(3)),
              Long.parseLong(m.group(5)),
              mtime,
              ourPath(rest),
              link));
    }
    return out;
  }

  /** codadump2tar's member name as our path: root ".", orphans by decimal fid. */
  static String ourPath(String member) {
    if (member.equals(ROOT)) {
      return ".";
    }
    String p = member.substring(ROOT.length() + 1);
    Matcher m = Pattern.compile("^lost\\+found/([0-9a-f]{8})\\.([0-9a-f]{8})(/.*)?$").matcher(p);
    if (m.matches()) {
      return Long.parseLong(m.group(1), 16)
          + "."
          + Long.parseLong(m.group(2), 16)
          + (m.group(3) == null ? "" : m.group(3));
    }
    return p;
  }

  static int mode(String perms) {
    int m = 0;
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      char c = perms.charAt(i);
      if (c != '-' && c != 'S' && c != 'T') {
        m |= 1 << (8 - i);
      }
      if (c == rwx.charAt(i) || c == '-') {
        continue;
      }
      if (i == 2 && (c == 's' || c == 'S')) {
        m |= 04000;
      } else if (i == 5 && (c == 's' || c == 'S')) {
        m |= 02000;
      } else if (i == 8 && (c == 't' || c == 'T')) {
        m |= 01000;
      }
    }
    return m;
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void treeAgreesWithTheRealCodadump2tar(Path dump, String listing) throws IOException {
    DumpListing ours = DumpListing.read(dump, Cancellation.none());
    Map<String, ListingEntry> byPath = new LinkedHashMap<>();
    for (ListingEntry e : ours.entries()) {
      byPath.put(e.path(), e);
    }
    for (ListingEntry e : ours.orphans()) {
      byPath.put(e.path(), e);
    }
    List<TarLine> real = readListing(listing);
    Set<String> realPaths = new HashSet<>();
    SoftAssertions soft = new SoftAssertions();
    for (TarLine t : real) {
      realPaths.add(t.path());
      ListingEntry e = byPath.get(t.path());
      soft.assertThat(e).as("%s in our listing", t.path()).isNotNull();
      if (e == null) {
        continue;
      }
      if (t.type() == 'h') {
        soft.assertThat(e.hardLinkTo()).as("hard link %s", t.path()).isEqualTo(t.link());
        continue;
      }
      soft.assertThat(typeLetter(e.type())).as("type of %s", t.path()).isEqualTo(t.type());
      soft.assertThat(e.owner()).as("owner of %s", t.path()).isEqualTo(t.uid());
      soft.assertThat(e.mtime()).as("mtime of %s", t.path()).isEqualTo(t.mtime());
      if (t.type() == '-') {
        soft.assertThat(e.mode()).as("mode of %s", t.path()).isEqualTo(t.mode());
        soft.assertThat(e.size()).as("size of %s", t.path()).isEqualTo(t.size());
        soft.assertThat(e.hardLinkTo()).as("%s is a first name", t.path()).isNull();
      }
      if (t.type() == 'l') {
        soft.assertThat(e.mode()).as("mode of %s", t.path()).isEqualTo(t.mode());
        soft.assertThat(e.target()).as("target of %s", t.path()).isEqualTo(t.link());
      }
    }
    soft.assertThat(byPath.keySet())
        .as("every path we list is in the real listing")
        .isEqualTo(realPaths);
    soft.assertAll();
  }

  private static char typeLetter(String type) {
    return switch (type) {
      case ListingEntry.DIRECTORY -> 'd';
      case ListingEntry.SYMLINK -> 'l';
      default -> '-';
    };
  }

  @Test
  void orphansOfTheRealB0PlusB2cAreCountedNotInTheTree() throws IOException {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    DumpListing l = DumpListing.read(RealFixtures.merged("B0+B2c.dump"), Cancellation.none());
    DumpListing truth =
        DumpListing.read(RealFixtures.dump("dumpfix-B3-full.dump"), Cancellation.none());
    // The fixture README: B0+B2c keeps 10 vnodes that no longer exist, 2 directories and 8 others;
    // the tree itself is B3's.
    assertThat(l.orphans()).hasSize(10);
    assertThat(l.orphans().stream().filter(e -> e.type().equals(ListingEntry.DIRECTORY)))
        .hasSize(2);
    assertThat(paths(l.entries())).isEqualTo(paths(truth.entries()));
    DumpTreeProbe p = DumpTreeProbe.of(RealFixtures.merged("B0+B2c.dump"));
    assertThat(p.orphans()).isEqualTo(10);
  }

  private static Map<String, String> paths(List<ListingEntry> es) {
    Map<String, String> m = new TreeMap<>();
    for (ListingEntry e : es) {
      m.put(e.path(), e.fid() + " " + e.size() + " " + e.mtime() + " " + e.modeOctal());
    }
    return m;
  }

  /** The tree counts after a full walk. */
  record DumpTreeProbe(long orphans, long files, long hardLinks) {
    static DumpTreeProbe of(Path dump) throws IOException {
      try (DumpReader r = DumpReader.open(dump)) {
        DumpTree t = DumpTree.readDirectories(r, Cancellation.none());
        t.walkFiles(r, (f, rd) -> {}, Cancellation.none());
        return new DumpTreeProbe(t.orphans(), t.files(), t.hardLinks());
      }
    }
  }

  @Test
  void aclFileAgreesWithTheRealCodaAclsYaml() throws IOException {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    Path out = tmp.resolve("b3");
    Extraction.run(
        RealFixtures.dump("dumpfix-B3-full.dump"),
        new ExtractRequest(ExtractRequest.Format.DIRECTORY, out, List.of(), false, null),
        ProgressListener.NONE,
        Cancellation.none());
    JsonNode dirs =
        new ObjectMapper().readTree(out.resolve(DumpTree.ACL_FILE).toFile()).get("directories");
    Map<String, List<String>> yaml =
        readAclYaml(RealFixtures.dir().resolve("listings/dumpfix-B3-full.root-CodaACLs.yaml"));
    Map<String, List<String>> mine = new TreeMap<>();
    dirs.properties()
        .forEach(
            f -> {
              List<String> es = new ArrayList<>();
              f.getValue()
                  .get("positive")
                  .forEach(x -> es.add(x.get("name").asText() + " " + x.get("rights").asText()));
              f.getValue()
                  .get("negative")
                  .forEach(x -> es.add(x.get("name").asText() + " -" + x.get("rights").asText()));
              mine.put(f.getKey(), es);
            });
    assertThat(yaml).hasSize(5);
    assertThat(mine).isEqualTo(yaml);
  }

  /** codadump2tar's ..CodaACLs.yaml: path "./x" as our "x", entries "name rights". */
  static Map<String, List<String>> readAclYaml(Path f) throws IOException {
    Map<String, List<String>> out = new TreeMap<>();
    String path = null;
    String name = null;
    for (String l : Files.readAllLines(f)) {
      String s = l.strip();
      if (s.startsWith("- path: ")) {
        String p = unquote(s.substring(8));
        path = p.equals(".") ? "." : p.substring(2);
        out.put(path, new ArrayList<>());
      } else if (s.startsWith("- name: ")) {
        name = unquote(s.substring(8));
      } else if (s.startsWith("rights: ")) {
        out.get(path).add(name + " " + unquote(s.substring(8)));
      }
    }
    return out;
  }

  private static String unquote(String s) {
    return s.substring(1, s.length() - 1);
  }

  @Test
  void incrementalListingNamesWhatTheRealMergeHolds() throws IOException {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    DumpListing incr =
        DumpListing.read(RealFixtures.dump("dumpfix-B1-incr-l1.dump"), Cancellation.none());
    DumpListing base =
        DumpListing.read(RealFixtures.dump("dumpfix-B0-full.dump"), Cancellation.none());
    DumpListing merged = DumpListing.read(RealFixtures.merged("B0+B1.dump"), Cancellation.none());
    assertThat(incr.incremental()).isTrue();
    Map<String, ListingEntry> mergedByFid = new HashMap<>();
    // the first name of a hard-linked file: the one the incremental names first as well
    merged.entries().stream()
        .filter(e -> e.hardLinkTo() == null)
        .forEach(e -> mergedByFid.put(e.fid(), e));
    Set<String> baseFids = new HashSet<>();
    base.entries().forEach(e -> baseFids.add(e.fid()));
    // README: B1 carries 5+1 large and 8+7 small records (vnodes + removals).
    assertThat(incr.entries()).hasSize(13);
    assertThat(incr.removed()).hasSize(8);
    Set<String> incrFids = new HashSet<>();
    for (ListingEntry e : incr.entries()) {
      incrFids.add(e.fid());
      ListingEntry m = mergedByFid.get(e.fid());
      assertThat(m).as("vnode %s of the incremental is in the merge", e.fid()).isNotNull();
      assertThat(e.path()).as("path of %s", e.fid()).isEqualTo(m.path());
      assertThat(List.of(e.size(), e.mtime(), (long) e.mode()))
          .as("metadata of %s", e.path())
          .isEqualTo(List.of(m.size(), m.mtime(), (long) m.mode()));
    }
    for (DumpListing.Removal r : incr.removed()) {
      assertThat(mergedByFid)
          .as("removed %s is gone from the merge", r.fid())
          .doesNotContainKey(r.fid());
      assertThat(baseFids).as("removed %s was in the base", r.fid()).contains(r.fid());
    }
    for (ListingEntry m : merged.entries()) {
      if (!baseFids.contains(m.fid())) {
        assertThat(incrFids)
            .as("new vnode %s (%s) comes from the incremental", m.fid(), m.path())
            .contains(m.fid());
      }
    }
  }

  @Test
  void infoCountsOfTheRealIncremental() throws IOException {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    Path dump = RealFixtures.dump("dumpfix-B1-incr-l1.dump");
    DumpSummary s = DumpSummary.read(dump, Cancellation.none());
    // README: B1 says 6 large / 44 small vnodes and carries 5+1 large and 8+7 small records.
    assertThat(List.of(s.large().vnodeCount(), s.large().vnodes(), s.large().removed()))
        .containsExactly(6L, 5L, 1L);
    assertThat(List.of(s.small().vnodeCount(), s.small().vnodes(), s.small().removed()))
        .containsExactly(44L, 8L, 7L);
    assertThat(s.large().listCount()).isEqualTo(128);
    assertThat(s.small().listCount()).isEqualTo(256);
    assertThat(s.size()).isEqualTo(Files.size(dump));
    assertThat(s.header().level()).isEqualTo(1);
    DumpListing l = DumpListing.read(dump, Cancellation.none());
    long fileBytes =
        l.entries().stream()
            .filter(e -> !e.type().equals(ListingEntry.DIRECTORY))
            .mapToLong(ListingEntry::size)
            .sum();
    assertThat(s.small().dataBytes()).isEqualTo(fileBytes);
    assertThat(s.large().dataBytes()).isEqualTo(5 * 2048 + 2048);
  }

  @Test
  void infoCountsOfTheRealMergeWithOrphans() throws IOException {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    DumpSummary s = DumpSummary.read(RealFixtures.merged("B0+B2c.dump"), Cancellation.none());
    // README: its index headers say 7 large and 52 small vnodes.
    assertThat(s.large().vnodeCount()).isEqualTo(7);
    assertThat(s.small().vnodeCount()).isEqualTo(52);
    assertThat(s.large().vnodes()).isEqualTo(7);
    assertThat(s.small().vnodes()).isEqualTo(52);
    assertThat(s.small().removed() + s.small().nulls() + s.large().removed()).isZero();
    assertThat(s.incremental()).isFalse();
  }
}
