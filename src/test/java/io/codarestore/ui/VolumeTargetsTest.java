package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.restore.RestoreTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The three server targets of the Target page, filled in field by field as a user types them: each
 * wrong field is named and keeps Next disabled, and the dry run shows the exact commands of the
 * read-only restore, the read-write promotion and the replica route.
 */
@ExtendWith(ApplicationExtension.class)
class VolumeTargetsTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;

  @Start
  void start(Stage stage) {
    app = new CodaRestoreApp(new AppDirectories(tmp.resolve("config"), tmp.resolve("data")));
    app.start(stage);
    stage.setWidth(1280);
    stage.setHeight(800);
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.hideStage();
    FxToolkit.cleanupStages();
    app.stop();
  }

  @Test
  void aReadOnlyVolumeIsCheckedFieldByFieldAndItsDryRunShowsTheVolutilCommand(FxRobot robot)
      throws Exception {
    Path volutil = TestPrograms.volutil(tmp);
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    w.click("#target-kind-ro");
    w.fill("#target-volutil", tmp.resolve("no-such").resolve("volutil").toString());
    w.assertTargetProblem("volutil command: " + tmp.resolve("no-such") + "/volutil is not an");
    w.fill("#target-volutil", "volutil -d");
    w.assertTargetProblem("without arguments");
    w.fill("#target-volutil", volutil.toString());
    w.fill("#target-server", "scm example");
    w.assertTargetProblem("Server: 'scm example' is not a host name");
    w.fill("#target-server", "scm.example.org");
    w.fill("#target-partition", "vicepb");
    w.assertTargetProblem("Partition: a server partition such as /vicepa");
    w.fill("#target-partition", "/vicepb");
    w.fill("#target-volname", "restored root");
    w.assertTargetProblem("Volume name: 'restored root' is not a volume name");
    w.fill("#target-volname", "r".repeat(32));
    w.assertTargetProblem("at most 31 bytes");
    w.fill("#target-volname", "");
    w.fill("#target-volid", "1000007");
    w.assertTargetProblem("a volume id needs a volume name too");
    w.fill("#target-volid", "");

    String dry = w.dryRunWith("volutil -h scm.example.org restore -f ");
    assertThat(dry)
        .containsPattern("volutil -h scm.example.org restore -f \\S+\\.dump /vicepb\n")
        .doesNotContain("| volutil")
        .contains("The restored volume is read-only")
        .contains("bldvldb.sh");
    w.fill("#target-volname", "restored.root");
    dry = w.dryRunWith(".dump /vicepb restored.root\n");
    assertThat(w.session().target().get())
        .isEqualTo(
            new RestoreTarget.Volutil(
                volutil.toString(), "scm.example.org", "/vicepb", "restored.root", null, false));
  }

  @Test
  void aReadWritePromotionNeedsANameAndAFreeIdAndItsDryRunShowsThem(FxRobot robot)
      throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    w.click("#target-kind-rw");
    w.fill("#target-volutil", TestPrograms.volutil(tmp).toString());
    w.assertTargetProblem("Volume id: a read-write restore needs the volume id");
    w.fill("#target-volid", "zz");
    w.assertTargetProblem("Volume id: 'zz' is not a Coda volume id");
    w.fill("#target-volid", "0x1000007");
    w.assertTargetProblem("a volume id needs a volume name too");
    w.fill("#target-volname", "-rw");
    w.assertTargetProblem("is not a volume name");
    w.fill("#target-volname", "coda.root.rw");
    String dry = w.dryRunWith(".dump /vicepa coda.root.rw 1000007\n");
    assertThat(dry)
        .contains("coda-restore promote --volid 1000007 ")
        .contains("becomes 4 (non-replicated read-write) and the parent id (field p) 1000007")
        .contains("crashes a stock Coda 8 server at its first volutil backup");
    Screenshots.save(app.window().stage().getScene(), "5b-target-volume");
  }

  @Test
  void theReplicaRouteFieldsAreCheckedOneByOneAndItsDryRunShowsEveryStep(FxRobot robot)
      throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    w.click("#target-kind-replica");
    assertThat(robot.lookup("#target-replica-of").queryTextInputControl().getText())
        .as("the volume being rebuilt, from the chain")
        .isEqualTo("coda.root");
    assertThat(robot.lookup("#target-replica-name").queryTextInputControl().getText())
        .isEqualTo("coda.root.new");
    w.assertTargetProblem("Replica servers: give at least one server/partition");

    w.fill("#target-replica-name", "coda root");
    w.assertTargetProblem("New replicated volume: 'coda root' is not a volume name");
    w.fill("#target-replica-name", "coda.root");
    w.assertTargetProblem("New replicated volume: give it a name of its own");
    w.fill("#target-replica-name", "coda.root.new");

    w.fill("#target-replica-servers", "scm.example.org/vicepa srv2/vicep1");
    w.assertTargetProblem("Replica servers: 'srv2/vicep1' is not server/partition");
    w.fill("#target-replica-servers", "scm.example.org/vicepa scm.example.org/vicepb");
    w.assertTargetProblem("scm.example.org is listed twice");
    w.fill("#target-replica-servers", "scm.example.org/vicepa srv2.example.org/vicepb");

    w.assertTargetProblem("Mount point: give where the new volume is");
    w.fill("#target-mount", "coda/restored");
    w.assertTargetProblem("Mount point: must be an absolute path");
    w.fill("#target-mount", tmp.resolve("no-coda").resolve("restored").toString());
    w.assertTargetProblem("does not exist (cfs mkmount makes the mount point");
    Path coda = Files.createDirectories(tmp.resolve("coda"));
    Files.writeString(Files.createDirectories(coda.resolve("used")).resolve("f"), "x");
    w.fill("#target-mount", coda.resolve("used").toString());
    w.assertTargetProblem("is not empty; the copy never overwrites");
    Path mount = coda.resolve("restored");
    w.fill("#target-mount", mount.toString());

    w.fill("#target-cfs", "cfs la");
    w.assertTargetProblem("cfs command: 'cfs la' is one command");
    Path cfs = TestPrograms.program(tmp, "cfs");
    w.fill("#target-cfs", cfs.toString());

    w.clickRevealed("#target-createvol-here");
    Path createvol = tmp.resolve("createvol_rep");
    Files.writeString(createvol, "#!/bin/sh\nexit 0\n");
    w.fill("#target-createvol", createvol.toString());
    w.assertTargetProblem("createvol_rep: " + createvol + " is not an executable file");
    Files.setPosixFilePermissions(createvol, PosixFilePermissions.fromString("rwxr-xr-x"));
    w.fill("#target-createvol", createvol + " ");
    w.fill("#target-createvol", createvol.toString());

    String dry = w.dryRunWith("createvol_rep coda.root.new");
    assertThat(dry)
        .doesNotContain("volutil -h scm.example.org restore")
        .contains(createvol + " coda.root.new scm.example.org/vicepa srv2.example.org/vicepb\n")
        .contains("cfs mkmount " + mount + " coda.root.new")
        .contains("coda-restore extract --to-dir " + mount.resolve(".coda-restore-copy"))
        .contains("cfs setacl -clear");
    w.reveal(w.lookup("#target-form"));
    Screenshots.save(app.window().stage().getScene(), "5c-target-replica");

    ComboBox<?> until = robot.lookup("#target-until").queryComboBox();
    w.reveal(until);
    robot.clickOn(until);
    robot.clickOn("copy");
    WizardDriver.waitFor("the step", () -> "copy".equals(until.getValue()));
    assertThat(w.session().target().get())
        .isEqualTo(
            new RestoreTarget.Replica(
                "coda.root",
                "coda.root.new",
                List.of("scm.example.org/vicepa", "srv2.example.org/vicepb"),
                createvol.toString(),
                cfs.toString(),
                mount,
                "copy"));
    assertThat(w.next().isDisabled()).isFalse();
  }
}
