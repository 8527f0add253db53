package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.codarestore.core.AppPaths;
import io.codarestore.core.SharedDefaults;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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

/**
 * File › Settings (issue 16, item 15): it shows the catalog and workspace the command line uses
 * without --db and --workspace (the same {@link SharedDefaults} its --help prints), saves a changed
 * workspace and volutil command on OK or Enter where the command line reads them (the Target page
 * follows, see SettingsSyncTest), discards on Cancel or Escape, and refuses a field that cannot
 * work with the reason.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsWindowTest {
  @TempDir Path tmp;
  private CodaRestoreApp app;
  private final TestDesktop desktop = new TestDesktop();
  private AppPaths paths;
  private Path catalog;
  private Path goneVolutil;
  private Path data;

  @Start
  void start(Stage stage) throws Exception {
    // The XDG layout under a home of its own, so that the command line (run with that home's XDG
    // variables) reads the same settings file.
    data = tmp.resolve(".local/share/coda-restore");
    AppDirectories dirs = new AppDirectories(tmp.resolve(".config/coda-restore"), data, tmp);
    paths = dirs.paths();
    // A catalog opened before (not the default one): the CLI's --db default and what Settings
    // shows.
    catalog = Files.createDirectories(tmp.resolve("elsewhere")).resolve("site.db");
    Files.writeString(catalog, "not read here");
    SharedDefaults.rememberCatalog(paths, catalog);
    // A volutil command remembered once, gone since: said, but it does not stop OK.
    goneVolutil = tmp.resolve("gone/volutil");
    Files.writeString(
        paths.settingsFile(),
        "volutil.command=" + goneVolutil + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    app = new CodaRestoreApp(dirs, desktop, java.util.function.UnaryOperator.identity());
    app.start(stage);
    stage.setWidth(1024);
    stage.setHeight(700);
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.hideStage();
    FxToolkit.cleanupStages();
    app.stop();
  }

  @Test
  void byTheMenuItShowsWhatTheCommandLineUsesAndCancelDiscards(FxRobot robot) throws Exception {
    robot.clickOn("File").clickOn("Settings…");
    waitOpen(robot);
    SharedDefaults cli = SharedDefaults.load(paths);
    assertThat(cli.catalog()).isEqualTo(catalog);
    assertThat(text(robot, "#settings-catalog")).isEqualTo(cli.catalog().toString());
    assertThat(text(robot, "#settings-workspace")).isEqualTo(cli.workspace().toString());
    assertThat(cli.workspace()).isEqualTo(data.resolve("workspace"));
    assertThat(text(robot, "#settings-logs")).isEqualTo(data.resolve("log").toString());
    assertThat(text(robot, "#settings-volutil")).isEqualTo(goneVolutil.toString());
    Label note = robot.lookup("#settings-volutil-note").queryAs(Label.class);
    assertThat(note.isVisible()).isTrue();
    assertThat(note.getText())
        .isEqualTo(
            "volutil command: "
                + goneVolutil
                + " is not an executable file. Only a restore into a server volume runs it.");
    assertThat(robot.lookup("#settings-ok").query().isDisabled()).isFalse();
    Path shot = Screenshots.save(robot.lookup("#settings").query().getScene(), "16-settings");
    assertThat(shot).isRegularFile();

    robot.clickOn("#settings-catalog-open");
    robot.clickOn("#settings-logs-open");
    assertThat(desktop.opened).containsExactly(tmp.resolve("elsewhere"), data.resolve("log"));

    String before = Files.readString(paths.settingsFile());
    replace(robot, "#settings-workspace", tmp.resolve("discarded").toString());
    robot.clickOn("#settings-cancel");
    waitClosed(robot);
    assertThat(Files.readString(paths.settingsFile())).isEqualTo(before);
    assertThat(SharedDefaults.load(paths).workspace()).isEqualTo(data.resolve("workspace"));

    // Escape discards too.
    robot.clickOn("File").clickOn("Settings…");
    waitOpen(robot);
    replace(robot, "#settings-workspace", tmp.resolve("discarded-too").toString());
    robot.type(KeyCode.ESCAPE);
    waitClosed(robot);
    assertThat(Files.readString(paths.settingsFile())).isEqualTo(before);
  }

  @Test
  void ctrlCommaOpensItAndEnterSavesForTheCommandLine(FxRobot robot) throws Exception {
    robot.press(KeyCode.CONTROL).press(KeyCode.COMMA).release(KeyCode.COMMA);
    robot.release(KeyCode.CONTROL);
    waitOpen(robot);
    Path volutil = TestPrograms.volutil(tmp);
    Path home = Path.of(System.getProperty("user.home"));
    String name = "coda-settings-test-" + tmp.getFileName();
    replace(robot, "#settings-workspace", "~/" + name);
    replace(robot, "#settings-volutil", volutil.toString());
    assertThat(robot.lookup("#settings-problem").queryAs(Label.class).isVisible()).isFalse();
    assertThat(robot.lookup("#settings-volutil-note").queryAs(Label.class).isVisible()).isFalse();
    robot.type(KeyCode.ENTER);
    waitClosed(robot);

    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(paths.settingsFile())) {
      p.load(r);
    }
    assertThat(p.getProperty(SharedDefaults.WORKSPACE)).isEqualTo(home.resolve(name).toString());
    assertThat(p.getProperty("volutil.command")).isEqualTo(volutil.toString());
    assertThat(p.getProperty(SharedDefaults.LAST_CATALOG)).isEqualTo(catalog.toString());
    assertThat(SharedDefaults.load(paths).workspace()).isEqualTo(home.resolve(name));
    assertThat(home.resolve(name)).as("saving makes no folder").doesNotExist();

    // The command line's own --help, in its own JVM: the same workspace and catalog.
    // (picocli wraps long paths; they have no spaces, so the text without white space has them.)
    String help = String.join("", cli("restore", "--help")).replaceAll("\\s+", "");
    assertThat(help)
        .contains("--workspace=DIR")
        .contains(home.resolve(name).toString())
        .contains(catalog.toString());
  }

  @Test
  void aFieldThatCannotWorkIsRefusedWithItsReason(FxRobot robot) throws Exception {
    robot.clickOn("File").clickOn("Settings…");
    waitOpen(robot);
    String before = Files.readString(paths.settingsFile());
    javafx.scene.Node ok = robot.lookup("#settings-ok").query();
    assertThat(ok.isDisabled()).isFalse();

    replace(robot, "#settings-volutil", tmp.resolve("no/volutil").toString());
    assertThat(problem(robot))
        .isEqualTo("volutil command: " + tmp.resolve("no/volutil") + " is not an executable file.");
    assertThat(ok.isDisabled()).isTrue();
    robot.type(KeyCode.ENTER);
    assertThat(robot.lookup("#settings").tryQuery()).as("Enter does not save").isPresent();
    replace(robot, "#settings-volutil", "no-such-volutil-here");
    assertThat(problem(robot)).contains("is not on the PATH");
    replace(robot, "#settings-volutil", "sh");
    assertThat(ok.isDisabled()).isFalse();

    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    replace(robot, "#settings-workspace", file.resolve("ws").toString());
    assertThat(problem(robot)).isEqualTo("Workspace: " + file + " is a file, not a folder.");
    assertThat(ok.isDisabled()).isTrue();
    replace(robot, "#settings-workspace", "relative/ws");
    assertThat(problem(robot)).startsWith("Workspace: relative/ws is not an absolute path");
    assertThat(ok.isDisabled()).isTrue();
    robot.clickOn("#settings-cancel");
    waitClosed(robot);
    assertThat(Files.readString(paths.settingsFile())).isEqualTo(before);
  }

  @Test
  void aFolderThatCannotBeWrittenIsRefused() throws Exception {
    Path ro = Files.createDirectories(tmp.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeThat(Files.isWritable(ro))
          .as("root may write to any folder: the rule cannot be seen here")
          .isFalse();
      assertThat(SettingsWindow.workspaceProblem(ro.resolve("ws"), "x"))
          .isEqualTo(
              "Workspace: the folder "
                  + ro
                  + " is not writable (the workspace would be made in it).");
      assertThat(SettingsWindow.workspaceProblem(ro, "x"))
          .isEqualTo("Workspace: the folder " + ro + " is not writable.");
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /** The command line in its own JVM with this test's XDG directories; its output lines. */
  private java.util.List<String> cli(String... args) {
    java.util.List<String> argv =
        new java.util.ArrayList<>(
            java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.codarestore.Launcher"));
    java.util.Collections.addAll(argv, args);
    java.util.List<String> lines =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    io.codarestore.core.ExternalProgram.Result r =
        io.codarestore.core.ExternalProgram.of(argv)
            .env("XDG_CONFIG_HOME", tmp.resolve(".config").toString())
            .env("XDG_DATA_HOME", tmp.resolve(".local/share").toString())
            .env("XDG_STATE_HOME", tmp.resolve(".local/state").toString())
            .timeout(java.time.Duration.ofMinutes(2))
            .onLine(lines::add)
            .run();
    assertThat(r.exitStatus()).as("%s: %s", args[0], r.lastLines(5)).isZero();
    return java.util.List.copyOf(lines);
  }

  private static String problem(FxRobot robot) {
    Label l = robot.lookup("#settings-problem").queryAs(Label.class);
    assertThat(l.isVisible()).isTrue();
    return l.getText();
  }

  private static void replace(FxRobot robot, String id, String text) {
    robot.doubleClickOn(id);
    robot.press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
    robot.write(text);
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, id)).isEqualTo(text);
  }

  private static String text(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(TextField.class).getText();
  }

  private static void waitOpen(FxRobot robot) {
    WizardDriver.waitFor("Settings", () -> robot.lookup("#settings").tryQuery().isPresent());
  }

  private static void waitClosed(FxRobot robot) {
    WizardDriver.waitFor("Settings closed", () -> robot.lookup("#settings").tryQuery().isEmpty());
  }
}
