package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.core.Cancellation;
import io.codarestore.core.UserFacingException;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.testing.AmandaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy-in route (and the replica route, the same steps under another name): recording {@code
 * createvol_rep} and {@code cfs} stand-ins that behave as the real ones would ({@code cfs mkmount}
 * makes the mount point), a directory standing in for the Coda mount, and a real extraction.
 */
class CopyInRouteTest {
  static final String VOLUME = "coda.root";
  static final PlanTarget DATE = PlanTarget.parse("2024-03-10");
  static final List<String> STEPS = List.of("createvol", "mount", "copy", "acls", "verify");
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

  /** A recording stand-in: arguments one per line; cfs mkmount makes the mount point. */
  private Path standIn(String name) throws Exception {
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
            + (name.equals("cfs")
                ? "if [ \"$1\" = mkmount ]; then mkdir \"$2\" || exit 1; fi\n"
                : "echo \"Volume $1 created\"\n"));
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

  private RestoreTarget.Replica copyIn(String createvol, Path cfs, Path mount, String until) {
    return new RestoreTarget.Replica(
        null, "root.copy", List.of("scm/vicepa"), createvol, cfs.toString(), mount, until);
  }

  private RestoreJob.Outcome run(Catalog c, RestoreTarget t) {
    return VolutilRoutesTest.job(c, tmp.resolve("ws"), Cancellation.none())
        .run(new RestoreRequest("localhost", VOLUME, DATE, t, null, false));
  }

  @Test
  void stopsAfterEveryStepResumesAndEndsWithTheTreeOfTheDump() throws Exception {
    Path cfs = standIn("cfs");
    Path createvol = standIn("createvol_rep");
    Path mount = tmp.resolve("coda/realm/root.copy");
    Files.createDirectories(mount.getParent());
    try (Catalog c = Catalog.openExisting(db)) {
      for (String step : STEPS) {
        RestoreJob.Outcome o = run(c, copyIn(createvol.toString(), cfs, mount, step));
        assertThat(o.restored().describe()).contains("stopped after '" + step + "'");
        assertThat(o.restored()).isInstanceOf(Restored.CopyInStopped.class);
        assertThat(((Restored.CopyInStopped) o.restored()).step()).isEqualTo(step);
        assertThat(o.followUp()).containsExactly(new FollowUp.ContinueAfter(step));
        switch (step) {
          case "createvol" -> {
            assertThat(calls("createvol_rep")).containsExactly(List.of("root.copy", "scm/vicepa"));
            assertThat(mount).doesNotExist();
          }
          case "mount" -> {
            assertThat(calls("cfs"))
                .containsExactly(List.of("mkmount", mount.toString(), "root.copy"));
            assertThat(Files.list(mount).count()).isZero();
          }
          case "copy" -> {
            assertThat(Files.list(mount).count()).isGreaterThan(0);
            assertThat(mount.resolve(".coda-restore-copy")).doesNotExist();
            assertThat(calls("cfs")).hasSize(1);
          }
          case "acls" -> {
            List<List<String>> setacl =
                calls("cfs").stream().filter(a -> a.get(0).equals("setacl")).toList();
            assertThat(setacl).isNotEmpty();
            assertThat(setacl)
                .allMatch(a -> a.get(1).equals("-clear") || a.get(1).equals("-negative"));
            assertThat(setacl)
                .anyMatch(
                    a -> a.get(2).equals(mount.toString()) && a.contains("System:Administrators"));
          }
          default -> {}
        }
      }
      assertThat(calls("createvol_rep")).as("no step is repeated").hasSize(1);
      assertThat(calls("cfs").stream().filter(a -> a.get(0).equals("mkmount"))).hasSize(1);
      RestoreJob.Outcome last = run(c, copyIn(createvol.toString(), cfs, mount, null));
      assertThat(last.restored().describe()).contains("copy-in complete");
      assertThat(last.restored())
          .isEqualTo(
              new Restored.CopyInComplete(
                  "root.copy", mount, List.of())); // every step was done by the earlier runs
      assertThat(last.followUp()).containsExactly(new FollowUp.CheckNewVolume("root.copy", null));

      List<ChainLink> chain = new ChainPlanner().plan(c, "localhost", VOLUME, DATE).chain();
      String head = chain.get(chain.size() - 1).datestamp().digits();
      Map<String, Truth.Node> truth =
          Truth.manifest(
              fixture.resolve("coda/genstate").resolve(VOLUME), RestoreEndToEndTest.iso(head));
      assertThat(Truth.diff(truth, Truth.directory(mount))).isEmpty();
    }
  }

  @Test
  void theVerifyStepFindsATamperedCopy() throws Exception {
    Path cfs = standIn("cfs");
    Path mount = tmp.resolve("mnt");
    try (Catalog c = Catalog.openExisting(db)) {
      run(c, copyIn("/bin/true", cfs, mount, "acls"));
      Path victim;
      try (var s = Files.walk(mount)) {
        victim =
            s.filter(Files::isRegularFile)
                .filter(p -> !Files.isSymbolicLink(p))
                .findFirst()
                .orElseThrow();
      }
      Files.write(victim, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
      assertThatThrownBy(() -> run(c, copyIn("/bin/true", cfs, mount, null)))
          .isInstanceOf(UserFacingException.class)
          .hasMessageContaining("differs from the dump")
          .hasMessageContaining(mount.relativize(victim).toString());
    }
  }

  @Test
  void createvolPrintedForTheScmPausesTheRouteAndNeedsNoVolutil() throws Exception {
    Path cfs = standIn("cfs");
    Path mount = tmp.resolve("mnt2");
    try (Catalog c = Catalog.openExisting(db)) {
      RestoreTarget.Replica r =
          new RestoreTarget.Replica(
              "coda.root", "y.new", List.of("scm/vicepa"), null, cfs.toString(), mount, null);
      RestoreJob.Outcome o = run(c, r);
      assertThat(o.restored().describe()).contains("paused at step 'createvol'");
      assertThat(o.restored())
          .isEqualTo(
              new Restored.CopyInPaused(
                  "y.new",
                  "createvol",
                  List.of(
                      new FollowUp.CreateVolumeOnScm(
                          List.of("createvol_rep", "y.new", "scm/vicepa"))),
                  List.of("createvol (waiting)")));
      assertThat(o.followUp())
          .anyMatch(s -> s.describe().contains("createvol_rep y.new scm/vicepa"));
      assertThat(mount).doesNotExist();
      assertThat(o.volutil()).isNull();
      assertThat(o.preview().runbook().text()).doesNotContain("volutil restore");
      RestoreJob.Outcome again = run(c, r);
      assertThat(again.restored().describe()).contains("copy-in complete");
      assertThat(again.followUp())
          .anyMatch(s -> s.describe().contains("retire the old replicated volume"));
    }
  }

  @Test
  void aRunStoppedByAnEarlierVersionResumesWithoutItsVolutilStep() throws Exception {
    Path cfs = standIn("cfs");
    Path createvol = standIn("createvol_rep");
    Path mount = tmp.resolve("mnt4");
    Path state = tmp.resolve("ws/replica/root.copy.steps");
    Files.createDirectories(state.getParent());
    Files.writeString(state, "restore\ncreatevol\n"); // written when "restore" was a step
    try (Catalog c = Catalog.openExisting(db)) {
      RestoreJob.Outcome o = run(c, copyIn(createvol.toString(), cfs, mount, "mount"));
      assertThat(o.restored().describe()).contains("stopped after 'mount'");
      assertThat(calls("createvol_rep")).as("done by the earlier run").isEmpty();
      assertThat(calls("cfs")).containsExactly(List.of("mkmount", mount.toString(), "root.copy"));
    }
  }

  @Test
  void aMissingCfsIsRefusedBeforeAnythingIsRead() throws Exception {
    Path mount = tmp.resolve("mnt3");
    try (Catalog c = Catalog.openExisting(db)) {
      assertThatThrownBy(() -> run(c, copyIn(null, tmp.resolve("no-cfs"), mount, null)))
          .isInstanceOf(UserFacingException.class)
          .hasMessage("cfs command '" + tmp.resolve("no-cfs") + "' is not an executable file");
      assertThat(tmp.resolve("ws/cache")).doesNotExist();
    }
  }
}
