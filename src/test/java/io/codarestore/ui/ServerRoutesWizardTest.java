package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.restore.RestoreTarget;
import io.codarestore.testing.AmandaFixture;
import io.codarestore.testing.VolutilSim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.control.Label;
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
 * The server routes in the wizard: the copy-in choice ("a new volume, filled through a Coda
 * client") run to its end with recording cfs and createvol_rep stand-ins; a volutil failure is its
 * own words in the dialog; Cancel stops a volutil that hangs (volutil-sim reading stdin).
 */
@ExtendWith(ApplicationExtension.class)
class ServerRoutesWizardTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;
  private AppDirectories dirs;

  @Start
  void start(Stage stage) {
    dirs = new AppDirectories(tmp.resolve("config"), tmp.resolve("data"));
    app = new CodaRestoreApp(dirs);
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

  private String status(FxRobot robot) {
    return robot.lookup("#run-status").queryLabeled().getText();
  }

  private Path script(String name, String body) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void theCopyInChoiceFillsANewVolumeThroughTheClientWithoutVolutil(FxRobot robot)
      throws Exception {
    Path rec = tmp.resolve("calls.txt");
    Path cfs =
        script(
            "cfs",
            "echo \"cfs $*\" >> '"
                + rec
                + "'\n"
                + "if [ \"$1\" = mkmount ]; then mkdir \"$2\" || exit 1; fi\n");
    Path createvol = script("createvol_rep", "echo \"createvol_rep $*\" >> '" + rec + "'\n");
    Path mount = Files.createDirectories(tmp.resolve("coda")).resolve("root.copy");
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    w.click("#target-kind-copyin");
    assertThat(w.lookup("#target-replica-of").isVisible()).as("no volume to rebuild").isFalse();
    w.fill("#target-replica-name", "root.copy");
    w.fill("#target-replica-servers", "scm.example.org/vicepa");
    w.fill("#target-mount", mount.toString());
    w.fill("#target-cfs", cfs.toString());
    w.clickRevealed("#target-createvol-here");
    w.fill("#target-createvol", createvol.toString());
    String dry = w.dryRunWith(cfs + " mkmount " + mount + " root.copy");
    assertThat(dry)
        .contains(createvol + " root.copy scm.example.org/vicepa")
        .doesNotContain("volutil");
    assertThat(w.session().target().get())
        .isEqualTo(
            new RestoreTarget.Replica(
                null,
                "root.copy",
                List.of("scm.example.org/vicepa"),
                createvol.toString(),
                cfs.toString(),
                mount,
                null));
    w.restoreIntoServer();
    WizardDriver.waitFor("the copy-in to end", () -> status(robot).startsWith("Finished"));
    List<String> calls = Files.readAllLines(rec);
    assertThat(calls.get(0)).isEqualTo("createvol_rep root.copy scm.example.org/vicepa");
    assertThat(calls.get(1)).isEqualTo("cfs mkmount " + mount + " root.copy");
    assertThat(calls.subList(2, calls.size()))
        .isNotEmpty()
        .allMatch(c -> c.startsWith("cfs setacl"));
    DemoTruth.assertRestored(mount, DemoTruth.manifest("coda.root@" + DemoFacts.CODA_ROOT_HEAD));
  }

  @Test
  void aVolutilFailureIsItsOwnWordsInTheDialog(FxRobot robot) throws Exception {
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil =
        script(
            "volutil",
            "VOLUTIL_SIM_ROOT='"
                + sim.root()
                + "' VOLUTIL_SIM_FAIL=restore:VFAIL"
                + " exec '"
                + sim.tool()
                + "' \"$@\"\n");
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    w.click("#target-kind-ro");
    w.fill("#target-volutil", volutil.toString());
    w.fill("#target-partition", "/vicepa");
    w.dryRunWith("restore -f ");
    w.restoreIntoServer();
    WizardDriver.waitFor(
        "the error dialog", () -> robot.lookup("#error-message").tryQuery().isPresent());
    String m = robot.lookup("#error-message").queryAs(Label.class).getText();
    assertThat(m)
        .startsWith(
            "volutil restore failed with exit status 1 (volutil: VolRestore failed with"
                + " Unknown RPC2 return code 700)")
        .contains("the server refused the restore (VFAIL)")
        .doesNotContain("\n")
        .doesNotContain("unexpected error")
        .doesNotContain("Exception");
    robot.clickOn("OK");
    assertThat(robot.lookup("#wizard-heading").queryLabeled().getText())
        .isEqualTo("The restore failed");
    assertThat(status(robot)).startsWith("volutil restore failed with exit status 1");
  }

  @Test
  void theStockClientsLimitIsOneClearMessageInTheDialog(FxRobot robot) throws Exception {
    AmandaFixture fixture = AmandaFixture.get(); // a real volume: its merged dump is > 512000 B
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil = sim.volutil(tmp.resolve("volutil"), "stock");
    WizardDriver w = new WizardDriver(robot, app);
    robot.clickOn("#source-config");
    robot.clickOn("#config-dir").write(fixture.configDir().toString());
    robot.clickOn("#import");
    WizardDriver.waitFor("the import", () -> w.session().catalog().get() != null);
    w.clickNext();
    w.pickVolume("coda.root");
    w.clickNext();
    w.waitForPoint();
    w.clickNext();
    w.waitForChain();
    w.clickNext();
    assertThat(w.page()).isEqualTo("Target");
    w.click("#target-kind-ro");
    w.fill("#target-volutil", volutil.toString());
    w.fill("#target-partition", "/vicepa");
    assertThat(w.dryRunWith("restore -f "))
        .contains("the stock Coda 8 volutil client cannot send dumps over ~500 KB");
    w.restoreIntoServer();
    WizardDriver.waitFor(
        "the error dialog", () -> robot.lookup("#error-message").tryQuery().isPresent());
    String m = robot.lookup("#error-message").queryAs(Label.class).getText();
    assertThat(m)
        .startsWith(
            "volutil restore failed: the stock Coda 8 volutil client cannot send dumps"
                + " over ~500 KB (512000 bytes")
        .contains("VolRestore failed with Unknown RPC2 return code 700")
        .contains("The dump is kept at " + dirs.defaultWorkspace().resolve("merged"))
        .contains("--copy-in")
        .doesNotContain("\n")
        .doesNotContain("unexpected error");
    Screenshots.save(
        robot.lookup("#error-message").queryAs(Label.class).getScene(),
        "6e-run-stock-client-limit");
    robot.clickOn("OK");
  }

  @Test
  void cancelStopsAHungVolutilWithinTwoSeconds(FxRobot robot) throws Exception {
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil = sim.hangingVolutil(tmp.resolve("volutil"));
    WizardDriver w = new WizardDriver(robot, app);
    w.toTarget();
    w.click("#target-kind-ro");
    w.fill("#target-volutil", volutil.toString());
    w.fill("#target-partition", "/vicepa");
    w.dryRunWith("restore -f ");
    w.restoreIntoServer();
    Path calls = sim.root().resolve("calls.log");
    WizardDriver.waitFor(
        "volutil to hang",
        () -> Files.exists(calls) && Files.readString(calls).contains("restore"));
    Thread.sleep(500);
    robot.clickOn("#wizard-cancel");
    // Cancel during a run asks first; the stop is timed from the answer.
    WizardDriver.waitFor(
        "the question", () -> robot.lookup("#run-stop-dialog").tryQuery().isPresent());
    long clicked = System.nanoTime();
    robot.clickOn("Stop the restore");
    WizardDriver.waitFor("the run to stop", () -> status(robot).startsWith("Cancelled"));
    long took = System.nanoTime() - clicked;
    assertThat(took).as("Cancel to Cancelled (ns)").isLessThan(2_000_000_000L);
    assertThat(robot.lookup(".dialog-pane").tryQuery()).as("no error dialog").isEmpty();
    assertThat(
            ProcessHandle.current()
                .descendants()
                .filter(h -> h.info().commandLine().orElse("").contains(sim.tool().toString())))
        .isEmpty();
    Path merged = dirs.defaultWorkspace().resolve("merged");
    if (Files.isDirectory(merged)) {
      try (Stream<Path> s = Files.list(merged)) {
        assertThat(s).as("the dump file of the cancelled run is removed").isEmpty();
      }
    }
  }
}
