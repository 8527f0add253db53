package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.dump.RealFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The ground truth of coda-dumpgen ({@code manifest --as-of}) against a restored directory. */
/** Ground truth of a restored tree (public: the backup side's tests compare with it too). */
public final class Truth {
  private Truth() {}

  /** One object of the tree: what the test compares. */
  public record Node(
      String type, long size, String sha256, String mode, long mtime, String target) {}

  /** A manifest JSON file ({@code coda-dumpgen manifest}, {@code volutil-sim truth --out}). */
  public static Map<String, Node> fromJson(Path file) throws IOException {
    return entries(new ObjectMapper().readTree(file.toFile()));
  }

  static Map<String, Node> manifest(Path genstate, String asOf) throws Exception {
    Process p =
        new ProcessBuilder(
                List.of(
                    "python3",
                    RealFixtures.dumpgen().toString(),
                    "manifest",
                    "--state",
                    genstate.toString(),
                    "--as-of",
                    asOf))
            .redirectErrorStream(false)
            .start();
    byte[] json = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).as("coda-dumpgen manifest").isZero();
    return entries(new ObjectMapper().readTree(json));
  }

  private static Map<String, Node> entries(JsonNode root) {
    Map<String, Node> out = new TreeMap<>();
    for (JsonNode e : root.get("entries")) {
      String path = safe(e.get("path").asText());
      String type = e.get("type").asText();
      out.put(
          path,
          new Node(
              type,
              type.equals("dir") ? 0 : e.get("size").asLong(),
              e.has("sha256") ? e.get("sha256").asText() : null,
              type.equals("symlink") ? null : e.get("mode").asText(),
              type.equals("symlink") ? 0 : e.get("mtime").asLong(),
              e.has("target") ? e.get("target").asText() : null));
    }
    return out;
  }

  /** Names as extraction writes them: control characters but TAB become %XX. */
  public static String safe(String path) {
    StringBuilder b = new StringBuilder();
    for (char c : path.toCharArray()) {
      if ((c < 0x20 && c != 0x09) || c == 0x7F) {
        b.append(String.format("%%%02X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  public static Map<String, Node> directory(Path dir) throws IOException {
    Map<String, Node> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        String rel = dir.relativize(p).toString();
        if (rel.isEmpty()) {
          rel = ".";
        }
        if (rel.equals(".coda-acls.json") || rel.equals(".amcoda-fids")) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          out.put(
              rel,
              new Node(
                  "symlink",
                  Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8).length,
                  null,
                  null,
                  0,
                  Files.readSymbolicLink(p).toString()));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(
              rel,
              new Node(
                  "dir", 0, null, mode(p), Files.getLastModifiedTime(p).toMillis() / 1000, null));
        } else {
          out.put(
              rel,
              new Node(
                  "file",
                  Files.size(p),
                  Workspace.sha256(p),
                  mode(p),
                  Files.getLastModifiedTime(p).toMillis() / 1000,
                  null));
        }
      }
    }
    return out;
  }

  static String mode(Path p) throws IOException {
    int m = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return String.format("%04o", m & 07777);
  }

  /** Differences, one line each (empty when equal). */
  public static List<String> diff(Map<String, Node> truth, Map<String, Node> got) {
    List<String> d = new ArrayList<>();
    for (var e : truth.entrySet()) {
      Node g = got.get(e.getKey());
      Node t = e.getValue();
      if (g == null) {
        d.add("missing " + e.getKey());
      } else if (!t.type().equals(g.type())
          || (!t.type().equals("dir") && t.size() != g.size())
          || (t.sha256() != null && !t.sha256().equals(g.sha256()))
          || (t.mode() != null && !t.mode().equals(g.mode()))
          || (!t.type().equals("symlink") && t.mtime() != g.mtime())
          || (t.target() != null && !t.target().equals(g.target()))) {
        d.add(e.getKey() + ": truth " + t + " restored " + g);
      }
    }
    for (String k : got.keySet()) {
      if (!truth.containsKey(k)) {
        d.add("extra " + k);
      }
    }
    return d;
  }
}
