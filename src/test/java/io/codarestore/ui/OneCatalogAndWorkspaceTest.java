package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.ExternalProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One catalog and one workspace for both fronts (issue 16, item 15): after the wizard's demo
 * restore, the command line (a separate JVM with the same XDG directories, no --db, no --workspace)
 * finds the demo's catalog, plans in the wizard's workspace, needs no new cache space, and restores
 * again from the dumps the wizard fetched (none is fetched again); its --help prints those resolved
 * defaults.
 */
@ExtendWith(ApplicationExtension.class)
class OneCatalogAndWorkspaceTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;
  private Path home;

  @Start
  void start(Stage stage) throws Exception {
    home = Files.createDirectories(tmp.resolve("home"));
    app =
        new CodaRestoreApp(
            new AppDirectories(
                home.resolve(".config/coda-restore"),
                home.resolve(".local/share/coda-restore"),
                home));
    app.start(stage);
    stage.setWidth(1200);
    stage.setHeight(760);
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.hideStage();
    FxToolkit.cleanupStages();
    app.stop();
  }

  @Test
  void theCommandLineUsesTheWizardsCatalogAndItsFetchedDumps(FxRobot robot) throws Exception {
    WizardDriver w = new WizardDriver(robot, app);
    walkWithEnter(robot, w);
    var plan = w.session().plan().get();
    Path data = home.resolve(".local/share/coda-restore");
    Path workspace = data.resolve("workspace");
    Map<Path, FileTime> cached = cache(workspace);
    assertThat(cached).as("the wizard fetched the chain into its workspace").isNotEmpty();

    // Picocli wraps the long paths: compare without the line breaks and their indentation.
    String help = String.join("\n", cli("restore", "--help")).replaceAll("\\s*\n\\s*", "");
    assertThat(help).contains(data.resolve("demo/catalog.db").toString());
    assertThat(help).contains(workspace.toString());

    Path out = home.resolve("cli-out");
    List<String> dry =
        cli(
            "restore",
            "--host",
            plan.host(),
            "--volume",
            plan.volume(),
            "--date",
            plan.target().text(),
            "--to-dir",
            out.toString(),
            "--dry-run");
    assertThat(dry)
        .as("the dry run plans in the wizard's workspace and needs no cache space")
        .anyMatch(l -> l.startsWith("space: " + workspace + ": 0 B needed"));

    List<String> run =
        cli(
            "restore",
            "--host",
            plan.host(),
            "--volume",
            plan.volume(),
            "--date",
            plan.target().text(),
            "--to-dir",
            out.toString());
    assertThat(run).anyMatch(l -> l.startsWith("log and runbook: " + workspace.resolve("runs")));
    assertThat(cache(workspace)).as("no dump fetched again").isEqualTo(cached);
    DemoTruth.assertRestored(
        out, DemoTruth.manifest("coda.root@" + w.session().point().get().datestamp()));
  }

  /** Enter until the wizard's restore is finished (the first-contact walk). */
  private static void walkWithEnter(FxRobot robot, WizardDriver w) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      String[] state =
          WaitForAsyncUtils.asyncFx(
                  () ->
                      new String[] {
                        w.page(),
                        String.valueOf(w.next().isDisabled()),
                        String.valueOf(w.session().outcome().get() != null)
                      })
              .get();
      if (state[0].equals("Summary") && state[2].equals("true")) {
        return;
      }
      assertThat(System.nanoTime()).as("Enter walked to " + state[0]).isLessThan(deadline);
      if (state[1].equals("true")) {
        Thread.sleep(100);
        WaitForAsyncUtils.waitForFxEvents();
        continue;
      }
      robot.type(KeyCode.ENTER);
      WaitForAsyncUtils.waitForFxEvents();
    }
  }

  private static Map<Path, FileTime> cache(Path workspace) throws Exception {
    Map<Path, FileTime> m = new TreeMap<>();
    Path cache = workspace.resolve("cache");
    if (Files.isDirectory(cache)) {
      try (Stream<Path> s = Files.walk(cache)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          m.put(p, Files.getLastModifiedTime(p));
        }
      }
    }
    return m;
  }

  /** The command line in its own JVM, with this home's XDG directories; its output lines. */
  private List<String> cli(String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Duser.home=" + home,
                "io.codarestore.Launcher"));
    Collections.addAll(argv, args);
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    ExternalProgram.Result r =
        ExternalProgram.of(argv)
            .env("HOME", home.toString())
            .env("XDG_CONFIG_HOME", home.resolve(".config").toString())
            .env("XDG_DATA_HOME", home.resolve(".local/share").toString())
            .env("XDG_STATE_HOME", home.resolve(".local/state").toString())
            .timeout(Duration.ofMinutes(3))
            .onLine(lines::add)
            .run();
    assertThat(r.exitStatus()).as("%s: %s", args[0], r.lastLines(5)).isZero();
    return List.copyOf(lines);
  }
}
