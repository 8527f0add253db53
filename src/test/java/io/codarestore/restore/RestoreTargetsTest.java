package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.ChainMerger;
import io.codarestore.dump.DumpHeader;
import io.codarestore.dump.DumpReader;
import io.codarestore.dump.DumpVerifier;
import io.codarestore.dump.VolumeDiskData;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.testing.AmandaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volutil, read-write and replica targets against stand-ins: a volutil that records its
 * arguments and the bytes on its standard input, and a cfs that records its calls while a directory
 * stands in for the Coda mount.
 */
class RestoreTargetsTest {
  static final String VOLUME = "coda.root";
  static final PlanTarget DATE = PlanTarget.parse("2024-03-10");
  static Path fixture;
  static Path db;
  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void importCatalog() throws Exception {
    fixture = AmandaFixture.get().outdir();
    db = shared.resolve("catalog.db");
    try (Catalog c = Catalog.open(db)) {
      new CatalogImporter(c).importFrom(ImportSource.of(AmandaConfig.read(fixture.resolve("etc"))));
    }
  }

  private RestoreJob job(Catalog c) {
    return new RestoreJob(
        c,
        new ChainPlanner(),
        new VtapeFetcher(c.source().orElseThrow().vtapeRoot()),
        new ExtractionTreeExtractor(),
        new Workspace(tmp.resolve("ws")),
        ProgressListener.NONE,
        Cancellation.none(),
        Clock.systemUTC());
  }

  /** A recording stand-in: arguments one per line, standard input saved, a server-like answer. */
  private Path standIn(String name, String answer) throws Exception {
    Path rec = Files.createDirectories(tmp.resolve(name + "-calls"));
    Path script = tmp.resolve(name);
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "n=$(ls \""
            + rec
            + "\" | wc -l)\n"
            + "printf '%s\\n' \"$@\" > \""
            + rec
            + "/call-$n.args\"\n"
            + (name.equals("volutil") ? "cat > \"" + rec + "/call-$n.stdin\"\n" : "")
            + (name.equals("cfs") ? "if [ \"$1\" = mkmount ]; then mkdir -p \"$2\"; fi\n" : "")
            + "echo '"
            + answer
            + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private List<List<String>> calls(String name) throws Exception {
    List<List<String>> out = new ArrayList<>();
    Path rec = tmp.resolve(name + "-calls");
    for (int i = 0; Files.exists(rec.resolve("call-" + i + ".args")); i++) {
      out.add(Files.readAllLines(rec.resolve("call-" + i + ".args")));
    }
    return out;
  }

  private byte[] referenceMerge(Catalog c) throws Exception {
    List<Path> files = new ArrayList<>();
    VtapeFetcher f = new VtapeFetcher(c.source().orElseThrow().vtapeRoot());
    for (ChainLink l : new ChainPlanner().plan(c, "localhost", VOLUME, DATE).chain()) {
      Path p = tmp.resolve("ref-" + l.level());
      f.fetchToFile(l.dump().toFetchRequest(), p, ProgressListener.NONE, Cancellation.none());
      files.add(p);
    }
    Path out = tmp.resolve("reference.dump");
    new ChainMerger(ProgressListener.NONE, Cancellation.none()).mergeToFile(files, out, false);
    return Files.readAllBytes(out);
  }

  @Test
  void readOnlyVolutilGetsTheMergedDumpOnStandardInput() throws Exception {
    Path volutil = standIn("volutil", "VolRestore successful, created 01000099");
    try (Catalog c = Catalog.openExisting(db)) {
      RestoreJob.Outcome o =
          job(c)
              .run(
                  new RestoreRequest(
                      "localhost",
                      VOLUME,
                      DATE,
                      new RestoreTarget.Volutil(
                          volutil.toString(), "scm", "/vicepa", "coda.root.restored", null, false),
                      null,
                      false));
      assertThat(o.volutil().succeeded()).isTrue();
      assertThat(o.followUp()).anyMatch(s -> s.contains("bldvldb.sh"));
      assertThat(calls("volutil"))
          .containsExactly(List.of("-h", "scm", "restore", "/vicepa", "coda.root.restored"));
      Path stdin = tmp.resolve("volutil-calls/call-0.stdin");
      assertThat(new DumpVerifier(Cancellation.none()).verify(stdin).ok()).isTrue();
      assertThat(Files.readAllBytes(stdin)).isEqualTo(referenceMerge(c));
      assertThat(Files.readString(o.runDirectory().resolve("runbook.txt")))
          .contains("volutil -h scm restore /vicepa coda.root.restored")
          .contains("SIGNAL 11");
    }
  }

  @Test
  void readWriteRewritesTypeAndParentOnly() throws Exception {
    Path volutil = standIn("volutil", "VolRestore successful, created 01000099");
    try (Catalog c = Catalog.openExisting(db)) {
      job(c)
          .run(
              new RestoreRequest(
                  "localhost",
                  VOLUME,
                  DATE,
                  new RestoreTarget.Volutil(
                      volutil.toString(), null, "/vicepa", "root.rw", 0x1000099, true),
                  null,
                  false));
      assertThat(calls("volutil"))
          .containsExactly(List.of("restore", "/vicepa", "root.rw", "1000099"));
      byte[] sent = Files.readAllBytes(tmp.resolve("volutil-calls/call-0.stdin"));
      byte[] plain = referenceMerge(c);
      DumpReader a = new DumpReader(new java.io.ByteArrayInputStream(plain), "plain");
      DumpReader b = new DumpReader(new java.io.ByteArrayInputStream(sent), "sent");
      DumpHeader ha = a.header();
      assertThat(b.header()).isEqualTo(ha);
      VolumeDiskData va = a.volumeData();
      VolumeDiskData vb = b.volumeData();
      assertThat(vb.type()).isEqualTo(4);
      assertThat(vb.parentId()).isEqualTo(0x1000099);
      assertThat(vb).isEqualTo(va.withTypeAndParent(4, 0x1000099));
      int diff = 0;
      for (int i = 0; i < plain.length; i++) {
        diff += plain[i] != sent[i] ? 1 : 0;
      }
      assertThat(sent).hasSameSizeAs(plain);
      assertThat(diff).isBetween(2, 5);
    }
  }

  @Test
  void aFailingVolutilIsAnErrorWithItsOutput() throws Exception {
    Path volutil = tmp.resolve("volutil-fails");
    Files.writeString(
        volutil,
        "#!/bin/sh\ncat > /dev/null\necho 'VolRestore: Dumped volume has Illegal type; not restored.'\nexit 1\n");
    Files.setPosixFilePermissions(volutil, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Catalog c = Catalog.openExisting(db)) {
      assertThatThrownBy(
              () ->
                  job(c)
                      .run(
                          new RestoreRequest(
                              "localhost",
                              VOLUME,
                              DATE,
                              new RestoreTarget.Volutil(
                                  volutil.toString(), null, "/vicepa", null, null, false),
                              null,
                              false)))
          .isInstanceOf(UserFacingException.class)
          .hasMessageContaining("Illegal type")
          .hasMessageContaining("status 1");
    }
  }

  @Test
  void replicaRouteStopsAndResumesAndVerifiesTheCopy() throws Exception {
    Path volutil = standIn("volutil", "VolRestore successful, created 01000099");
    Path cfs = standIn("cfs", "");
    Path createvol = standIn("createvol_rep", "created");
    Path mount = tmp.resolve("coda/realm/coda.root.new");
    RestoreTarget.Volutil ro =
        new RestoreTarget.Volutil(
            volutil.toString(), "scm", "/vicepa", "coda.root.ro", null, false);
    try (Catalog c = Catalog.openExisting(db)) {
      RestoreTarget.Replica untilCopy =
          new RestoreTarget.Replica(
              "coda.root",
              "coda.root.new",
              List.of("scm/vicepa"),
              createvol.toString(),
              cfs.toString(),
              mount,
              ro,
              "copy");
      RestoreJob.Outcome first =
          job(c).run(new RestoreRequest("localhost", VOLUME, DATE, untilCopy, null, false));
      assertThat(first.restored()).contains("stopped after 'copy'");
      assertThat(calls("createvol_rep")).containsExactly(List.of("coda.root.new", "scm/vicepa"));
      assertThat(calls("cfs"))
          .containsExactly(List.of("mkmount", mount.toString(), "coda.root.new"));
      assertThat(mount.resolve(".coda-restore-copy")).doesNotExist();
      assertThat(Files.list(mount).count()).isGreaterThan(0);

      RestoreTarget.Replica rest =
          new RestoreTarget.Replica(
              "coda.root",
              "coda.root.new",
              List.of("scm/vicepa"),
              createvol.toString(),
              cfs.toString(),
              mount,
              ro,
              null);
      RestoreJob.Outcome second =
          job(c).run(new RestoreRequest("localhost", VOLUME, DATE, rest, null, false));
      assertThat(second.restored()).contains("replica route complete");
      assertThat(calls("volutil")).as("the restore step is not repeated").hasSize(1);
      List<List<String>> setacl =
          calls("cfs").stream().filter(a -> a.get(0).equals("setacl")).toList();
      assertThat(setacl).isNotEmpty();
      assertThat(setacl).allMatch(a -> a.get(1).equals("-clear") || a.get(1).equals("-negative"));
      assertThat(setacl)
          .anyMatch(a -> a.get(2).equals(mount.toString()) && a.contains("System:Administrators"));

      // The copy is checked against the dump: compare with the truth too.
      List<ChainLink> chain = new ChainPlanner().plan(c, "localhost", VOLUME, DATE).chain();
      String head = chain.get(chain.size() - 1).datestamp();
      Map<String, Truth.Node> truth =
          Truth.manifest(
              fixture.resolve("coda/genstate").resolve(VOLUME), RestoreEndToEndTest.iso(head));
      assertThat(Truth.diff(truth, Truth.directory(mount))).isEmpty();
    }
  }

  @Test
  void replicaVerifyFindsATamperedCopy() throws Exception {
    Path volutil = standIn("volutil", "VolRestore successful, created 01000099");
    Path cfs = standIn("cfs", "");
    Path mount = Files.createDirectories(tmp.resolve("mnt"));
    RestoreTarget.Volutil ro =
        new RestoreTarget.Volutil(volutil.toString(), null, "/vicepa", null, null, false);
    try (Catalog c = Catalog.openExisting(db)) {
      job(c)
          .run(
              new RestoreRequest(
                  "localhost",
                  VOLUME,
                  DATE,
                  new RestoreTarget.Replica(
                      "coda.root",
                      "x.new",
                      List.of("scm/vicepa"),
                      "/bin/true",
                      cfs.toString(),
                      mount,
                      ro,
                      "acls"),
                  null,
                  false));
      Path victim;
      try (var s = Files.walk(mount)) {
        victim =
            s.filter(Files::isRegularFile)
                .filter(p -> !Files.isSymbolicLink(p))
                .findFirst()
                .orElseThrow();
      }
      Files.write(victim, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
      assertThatThrownBy(
              () ->
                  job(c)
                      .run(
                          new RestoreRequest(
                              "localhost",
                              VOLUME,
                              DATE,
                              new RestoreTarget.Replica(
                                  "coda.root",
                                  "x.new",
                                  List.of("scm/vicepa"),
                                  "/bin/true",
                                  cfs.toString(),
                                  mount,
                                  ro,
                                  null),
                              null,
                              false)))
          .isInstanceOf(UserFacingException.class)
          .hasMessageContaining("differs from the dump")
          .hasMessageContaining(mount.relativize(victim).toString());
    }
  }

  @Test
  void createvolPrintedForTheScmPausesTheRoute() throws Exception {
    Path volutil = standIn("volutil", "ok");
    Path cfs = standIn("cfs", "");
    Path mount = tmp.resolve("mnt2");
    RestoreTarget.Volutil ro =
        new RestoreTarget.Volutil(volutil.toString(), null, "/vicepa", null, null, false);
    try (Catalog c = Catalog.openExisting(db)) {
      RestoreTarget.Replica r =
          new RestoreTarget.Replica(
              "coda.root", "y.new", List.of("scm/vicepa"), null, cfs.toString(), mount, ro, null);
      RestoreJob.Outcome o =
          job(c).run(new RestoreRequest("localhost", VOLUME, DATE, r, null, false));
      assertThat(o.restored()).contains("paused at step 'createvol'");
      assertThat(o.followUp()).anyMatch(s -> s.contains("createvol_rep y.new scm/vicepa"));
      assertThat(mount).doesNotExist();
      RestoreJob.Outcome again =
          job(c).run(new RestoreRequest("localhost", VOLUME, DATE, r, null, false));
      assertThat(again.restored()).contains("replica route complete");
    }
  }
}
