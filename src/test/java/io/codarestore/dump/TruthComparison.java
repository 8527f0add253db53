package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;

/** Test helper: an extracted directory against coda-dumpgen's truth manifest, field by field. */
final class TruthComparison {
  private TruthComparison() {}

  /** Compares everything the manifest holds; owners only when the extraction ran as root. */
  static void assertMatches(Path extracted, JsonNode manifest) throws IOException {
    Map<String, LocalTree.Item> local = LocalTree.read(extracted);
    local.remove(DumpTree.ACL_FILE);
    Map<String, JsonNode> truth = new TreeMap<>();
    for (JsonNode e : manifest.get("entries")) {
      truth.put(e.get("path").asText(), e);
    }
    assertThat(local.keySet()).as("paths").containsExactlyElementsOf(truth.keySet());
    SoftAssertions soft = new SoftAssertions();
    Map<String, Object> inodeOfFid = new HashMap<>();
    Map<Object, String> fidOfInode = new HashMap<>();
    for (JsonNode e : truth.values()) {
      String path = e.get("path").asText();
      LocalTree.Item it = local.get(path);
      String type = e.get("type").asText();
      soft.assertThat(it.type()).as("type of %s", path).isEqualTo(type);
      soft.assertThat(it.mtime()).as("mtime of %s", path).isEqualTo(e.get("mtime").asLong());
      if (!type.equals("symlink")) {
        soft.assertThat(Integer.toOctalString(it.mode()))
            .as("mode of %s", path)
            .isEqualTo(Integer.toOctalString(Integer.parseInt(e.get("mode").asText(), 8)));
      }
      if (LocalTree.runningAsRoot()) {
        soft.assertThat(it.uid()).as("owner of %s", path).isEqualTo(e.get("owner").asInt());
      }
      if (type.equals("file")) {
        soft.assertThat(it.size()).as("size of %s", path).isEqualTo(e.get("size").asLong());
        soft.assertThat(it.sha256()).as("sha256 of %s", path).isEqualTo(e.get("sha256").asText());
        String fid = e.get("fid").asText();
        Object ino = inodeOfFid.putIfAbsent(fid, it.inode());
        if (ino != null) {
          soft.assertThat(it.inode()).as("%s is a hard link of fid %s", path, fid).isEqualTo(ino);
        }
        String other = fidOfInode.putIfAbsent(it.inode(), fid);
        if (other != null) {
          soft.assertThat(other)
              .as("%s shares an inode only with names of its own fid", path)
              .isEqualTo(fid);
        }
      }
      if (type.equals("symlink")) {
        soft.assertThat(it.target()).as("target of %s", path).isEqualTo(e.get("target").asText());
      }
    }
    soft.assertAll();
    assertAcls(
        new ObjectMapper().readTree(Files.readString(extracted.resolve(DumpTree.ACL_FILE))), truth);
  }

  /** The ACL file against the truth's ACLs ({"plus": [[name, rights]], "minus": [...]}). */
  static void assertAcls(JsonNode aclFile, Map<String, JsonNode> truth) {
    JsonNode dirs = aclFile.get("directories");
    SoftAssertions soft = new SoftAssertions();
    int n = 0;
    for (JsonNode e : truth.values()) {
      if (!e.get("type").asText().equals("dir")) {
        continue;
      }
      n++;
      String path = e.get("path").asText();
      JsonNode mine = dirs.get(path);
      soft.assertThat(mine).as("ACL of %s", path).isNotNull();
      if (mine == null) {
        continue;
      }
      soft.assertThat(entries(mine.get("positive")))
          .as("positive ACL of %s", path)
          .isEqualTo(truthEntries(e.get("acl").get("plus")));
      soft.assertThat(entries(mine.get("negative")))
          .as("negative ACL of %s", path)
          .isEqualTo(truthEntries(e.get("acl").get("minus")));
    }
    soft.assertThat(dirs.size()).as("directories in the ACL file").isEqualTo(n);
    soft.assertAll();
  }

  private static String entries(JsonNode list) {
    StringBuilder b = new StringBuilder();
    for (JsonNode x : list) {
      b.append(x.get("name").asText()).append('=').append(x.get("rights").asText()).append(';');
    }
    return b.toString();
  }

  private static String truthEntries(JsonNode list) {
    StringBuilder b = new StringBuilder();
    for (JsonNode x : list) {
      b.append(x.get(0).asText()).append('=').append(Acl.letters(x.get(1).asInt())).append(';');
    }
    return b.toString();
  }
}
