package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The ground truth of the built-in demo: what coda-dumpgen says a volume held after a given run
 * ({@code coda-dumpgen manifest --as-of}), saved beside the tests when the demo was made (see the
 * demo's README), and the comparison of a restored directory with it.
 */
public final class DemoTruth {
  private DemoTruth() {}

  public static JsonNode manifest(String name) throws IOException {
    try (InputStream in = DemoTruth.class.getResourceAsStream("demo-truth/" + name + ".json")) {
      assertThat(in).as("truth manifest %s", name).isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  /** Every file, directory and symlink of the truth is in {@code dir}, with the same content. */
  public static void assertRestored(Path dir, JsonNode manifest) throws Exception {
    assertRestored(dir, manifest, List.of());
  }

  /**
   * Exactly the chosen subtrees of the truth are in {@code dir} (with the directories that lead to
   * them), with the same content; everything when {@code chosen} is empty.
   */
  public static void assertRestored(Path dir, JsonNode manifest, List<String> chosen)
      throws Exception {
    Set<String> expected = new TreeSet<>();
    for (JsonNode e : manifest.get("entries")) {
      String truthPath = e.get("path").asText();
      if (!chosen.isEmpty()
          && !truthPath.equals(".")
          && chosen.stream()
              .noneMatch(
                  c ->
                      truthPath.equals(c)
                          || truthPath.startsWith(c + "/")
                          || c.startsWith(truthPath + "/"))) {
        continue;
      }
      String path = written(truthPath);
      String type = e.get("type").asText();
      Path p = path.equals(".") ? dir : dir.resolve(path);
      expected.add(path);
      switch (type) {
        case "dir" -> assertThat(p).as(path).isDirectory();
        case "symlink" -> {
          assertThat(Files.isSymbolicLink(p)).as(path + " is a symlink").isTrue();
          assertThat(Files.readSymbolicLink(p).toString())
              .as(path)
              .isEqualTo(e.get("target").asText());
        }
        default -> {
          assertThat(p).as(path).isRegularFile();
          assertThat(Files.size(p)).as("size of " + path).isEqualTo(e.get("size").asLong());
          assertThat(sha256(p)).as("content of " + path).isEqualTo(e.get("sha256").asText());
        }
      }
    }
    Set<String> found = new TreeSet<>();
    found.add(".");
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(p -> !p.equals(dir))
          .map(p -> dir.relativize(p).toString())
          .filter(p -> !p.equals(".coda-acls.json"))
          .forEach(found::add);
    }
    assertThat(found).as("nothing more, nothing less than the truth").isEqualTo(expected);
  }

  /**
   * The name as the extraction writes it: control characters other than TAB become %XX (the dump
   * package's SafeName rule), everything else is kept.
   */
  static String written(String path) {
    StringBuilder b = new StringBuilder();
    for (char c : path.toCharArray()) {
      if (c < 0x20 && c != '\t' || c == 0x7F || c >= 0x80 && c <= 0x9F) {
        b.append(String.format("%%%02X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String sha256(Path p) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      byte[] b = new byte[8192];
      int n;
      while ((n = in.read(b)) > 0) {
        md.update(b, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
