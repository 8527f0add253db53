package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.restore.TargetRules;
import io.codarestore.testing.AmandaFixture;
import io.codarestore.testing.VolutilSim;
import io.codarestore.ui.target.TargetViewModel;
import io.codarestore.ui.target.TargetViewModel.Fields;
import io.codarestore.ui.target.TargetViewModel.Kind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coda-restore restore} to a server (volutil read-only and read-write, copy-in, replica)
 * refuses a target the core's {@link TargetRules} refuse: exit 1, one line on stderr in the words
 * the wizard's Target page shows for the same input, before anything is fetched or written.
 */
class RestoreTargetRulesCliTest {
  static final String DATE = "2024-03-10";
  static Path db;
  @TempDir Path tmp;
  Path volutil;
  Path cfs;
  Path calls;
  String out;
  String err;

  @BeforeAll
  static void importIt(@TempDir Path dir) {
    AmandaFixture fixture = AmandaFixture.get();
    db = dir.resolve("catalog.db");
    StringWriter e = new StringWriter();
    int rc =
        Cli.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(e),
            "catalog",
            "import",
            "--db",
            db.toString(),
            "--config",
            fixture.configDir().toString());
    assertThat(rc).as(e.toString()).isZero();
  }

  @BeforeEach
  void programs() throws Exception {
    volutil = VolutilSim.start(tmp.resolve("server")).volutil(tmp.resolve("volutil"), "fixed");
    calls = tmp.resolve("calls.txt");
    cfs = tmp.resolve("cfs");
    Files.writeString(cfs, "#!/bin/sh\necho \"cfs $*\" >> '" + calls + "'\n");
    Files.setPosixFilePermissions(cfs, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  int restore(String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "restore",
                "--db",
                db.toString(),
                "--host",
                "localhost",
                "--volume",
                "u.alice",
                "--date",
                DATE,
                "--workspace",
                tmp.resolve("ws").toString()));
    a.addAll(List.of(more));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Cli.run(new PrintWriter(o, true), new PrintWriter(e, true), a.toArray(String[]::new));
    out = o.toString();
    err = e.toString();
    return rc;
  }

  /** What the wizard's Target page shows for a volutil target typed as given. */
  private String wizard(Kind kind, String server, String partition, String name, String id) {
    return TargetViewModel.problem(
        new Fields(
            kind,
            null,
            false,
            List.of(),
            null,
            null,
            null,
            volutil.toString(),
            server,
            partition,
            name,
            id,
            "",
            "",
            "",
            false,
            "",
            "cfs",
            null,
            TargetViewModel.EVERY_STEP));
  }

  /** What the wizard's Target page shows for a copy-in (replicaOf null) or a replica target. */
  private String wizard(String replicaOf, String name, String servers) {
    return TargetViewModel.problem(
        new Fields(
            replicaOf == null ? Kind.COPY_IN : Kind.REPLICA,
            null,
            false,
            List.of(),
            null,
            null,
            null,
            "",
            "",
            "",
            "",
            "",
            replicaOf,
            name,
            servers,
            false,
            "",
            cfs.toString(),
            tmp.resolve("mnt"),
            TargetViewModel.EVERY_STEP));
  }

  /** Exit 1, the wizard's words as the one line, nothing fetched, written or run. */
  private void refusedAs(int rc, String wizardSays) throws Exception {
    assertThat(wizardSays).as("the wizard refuses the same input").isNotNull();
    assertThat(rc).as(err).isEqualTo(1);
    assertThat(err).isEqualTo("coda-restore: " + wizardSays + "\n");
    assertThat(out).isEmpty();
    Path ws = tmp.resolve("ws");
    if (Files.exists(ws)) {
      try (Stream<Path> s = Files.walk(ws)) {
        assertThat(s.filter(Files::isRegularFile).toList()).as("files in the workspace").isEmpty();
      }
    }
    assertThat(tmp.resolve("server/restored"))
        .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    assertThat(calls).doesNotExist();
    assertThat(tmp.resolve("mnt")).doesNotExist();
  }

  @Test
  void aPartitionThatIsNotVicepIsRefusedInTheWizardsWords() throws Exception {
    String says = wizard(Kind.VOLUME_RO, "", "/tmp", "alice.r", "");
    assertThat(says).isEqualTo("Partition: a server partition such as /vicepa.");
    refusedAs(
        restore(
            "--volutil",
            "--volutil-cmd",
            volutil.toString(),
            "--partition",
            "/tmp",
            "--name",
            "alice.r"),
        says);
  }

  @Test
  void aReadWriteRestoreToABadPartitionIsRefusedTheSameWay() throws Exception {
    String says = wizard(Kind.VOLUME_RW, "", "/vicepA", "alice.rw", "2000001");
    assertThat(says)
        .isEqualTo(TargetRules.volumeFields(null, "/vicepA", "alice.rw", "2000001", true));
    refusedAs(
        restore(
            "--volutil",
            "--read-write",
            "--volutil-cmd",
            volutil.toString(),
            "--partition",
            "/vicepA",
            "--name",
            "alice.rw",
            "--volid",
            "2000001"),
        says);
  }

  @Test
  void aServerThatIsNotAHostNameIsRefusedInTheWizardsWords() throws Exception {
    String says = wizard(Kind.VOLUME_RO, "scm_1.example.org", "/vicepa", "alice.r", "");
    assertThat(says).startsWith("Server: 'scm_1.example.org' is not a host name");
    refusedAs(
        restore(
            "--volutil",
            "--volutil-cmd",
            volutil.toString(),
            "--server",
            "scm_1.example.org",
            "--partition",
            "/vicepa",
            "--name",
            "alice.r"),
        says);
  }

  @Test
  void aBadVolumeNameIsRefusedInTheWizardsWords() throws Exception {
    String says = wizard(Kind.VOLUME_RO, "", "/vicepa", "alice restored", "");
    assertThat(says).startsWith("Volume name: 'alice restored' is not a volume name");
    refusedAs(
        restore(
            "--volutil",
            "--volutil-cmd",
            volutil.toString(),
            "--partition",
            "/vicepa",
            "--name",
            "alice restored"),
        says);
    String tooLong = "a".repeat(32);
    says = wizard(Kind.VOLUME_RO, "", "/vicepa", tooLong, "");
    assertThat(says).isEqualTo("Volume name: a Coda volume name has at most 31 bytes.");
    refusedAs(
        restore(
            "--volutil",
            "--volutil-cmd",
            volutil.toString(),
            "--partition",
            "/vicepa",
            "--name",
            tooLong),
        says);
  }

  @Test
  void copyInAndReplicaRoutesRefuseBadNamesAndServersInTheWizardsWords() throws Exception {
    String says = wizard(null, "alice copy", "scm/vicepa");
    assertThat(says).startsWith("New replicated volume: 'alice copy' is not a volume name");
    refusedAs(
        restore(
            "--copy-in",
            "alice copy",
            "--mount",
            tmp.resolve("mnt").toString(),
            "--cfs-cmd",
            cfs.toString(),
            "--replica-server",
            "scm/vicepa"),
        says);
    says = wizard("u.alice", "u.alice.new", "scm/tmp");
    assertThat(says).startsWith("Replica servers: 'scm/tmp' is not server/partition");
    refusedAs(
        restore(
            "--replica-of",
            "u.alice",
            "--mount",
            tmp.resolve("mnt").toString(),
            "--cfs-cmd",
            cfs.toString(),
            "--server",
            "scm",
            "--partition",
            "/tmp"),
        says);
    says = wizard("u.alice", "u.alice", "scm/vicepa");
    assertThat(says).startsWith("New replicated volume: give it a name of its own");
    refusedAs(
        restore(
            "--replica-of",
            "u.alice",
            "--new-volume",
            "u.alice",
            "--mount",
            tmp.resolve("mnt").toString(),
            "--cfs-cmd",
            cfs.toString(),
            "--replica-server",
            "scm/vicepa"),
        says);
  }
}
