package io.codarestore.cli;

import static io.codarestore.testing.SyntheticAmanda.runLog;
import static io.codarestore.testing.SyntheticAmanda.writeLog;
import static io.codarestore.testing.SyntheticAmanda.writeTapelist;
import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.ExternalProgram;
import io.codarestore.testing.SyntheticAmanda.Dump;
import io.codarestore.testing.SyntheticAmanda.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's default folders on Linux, in its own JVM with the XDG variables set (the
 * library reads this process's environment): the catalog under $XDG_DATA_HOME, the application log
 * under $XDG_STATE_HOME (the program's logback.xml), the settings under $XDG_CONFIG_HOME; and
 * catalog import without --db never into the demo's catalog.
 */
class DefaultPathsCliTest {
  @TempDir Path tmp;

  @Test
  void theXdgDirectoriesDecideWhereTheCatalogTheLogAndTheSettingsAre() throws Exception {
    ExternalProgram.Result r = cli("plan", "--host", "h", "--volume", "v", "--date", "2024-03-01");
    Path catalog = tmp.resolve("d/coda-restore/catalog.db");
    assertThat(r.exitStatus()).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(r.stderr())
        .containsExactly(
            "coda-restore: "
                + catalog
                + ": no catalog here;"
                + " run 'coda-restore catalog import' first (or pass --db)");
    assertThat(Files.readString(tmp.resolve("s/coda-restore/log/coda-restore.log")))
        .contains("CatalogException: " + catalog)
        .contains("\tat io.codarestore.catalog.Catalog.openExisting");
  }

  @Test
  void importWithoutDbSkipsTheDemosCatalogAndIsRememberedForTheNextCommand() throws Exception {
    Path demo = Files.createDirectories(tmp.resolve("d/coda-restore/demo")).resolve("catalog.db");
    Files.writeString(demo, "");
    Path settings =
        Files.createDirectories(tmp.resolve("c/coda-restore")).resolve("settings.properties");
    Files.writeString(
        settings, "catalog.lastOpened=" + demo + "\nwindow.width=900\n", StandardCharsets.UTF_8);
    assertThat(String.join("\n", cli("restore", "--help").stdout()).replaceAll("\\s*\n\\s*", ""))
        .contains("now" + demo + ")")
        .contains("now" + tmp.resolve("d/coda-restore/workspace") + ")");

    Path logdir = tmp.resolve("amanda/log");
    Path tapelist = tmp.resolve("amanda/tapelist");
    writeLog(
        logdir,
        "20240301002500",
        runLog("20240301002500", "T-01", List.of(new Dump("fs1", "u.alice", 0, 2, Outcome.OK))));
    writeTapelist(tapelist, List.<String[]>of(new String[] {"20240301002500", "T-01"}));
    ExternalProgram.Result r =
        cli("catalog", "import", "--logdir", logdir.toString(), "--tapelist", tapelist.toString());
    assertThat(r.exitStatus()).as("%s", r.lastLines(5)).isZero();
    Path catalog = tmp.resolve("d/coda-restore/catalog.db");
    assertThat(r.stdout()).anyMatch(l -> l.endsWith(" into " + catalog));
    assertThat(demo).isEmptyFile();
    assertThat(Files.readString(settings, StandardCharsets.UTF_8))
        .contains("catalog.lastOpened=" + catalog)
        .contains("window.width=900");

    ExternalProgram.Result list = cli("catalog", "list");
    assertThat(list.exitStatus()).isZero();
    assertThat(String.join("\n", list.stdout())).contains("u.alice");
  }

  private ExternalProgram.Result cli(String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dlogback.configurationFile="
                    + Path.of("target/classes/logback.xml").toAbsolutePath(),
                "-Duser.home=" + tmp.resolve("home"),
                "io.codarestore.Launcher"));
    Collections.addAll(argv, args);
    return ExternalProgram.of(argv)
        .env("HOME", tmp.resolve("home").toString())
        .env("XDG_CONFIG_HOME", tmp.resolve("c").toString())
        .env("XDG_DATA_HOME", tmp.resolve("d").toString())
        .env("XDG_STATE_HOME", tmp.resolve("s").toString())
        .timeout(Duration.ofMinutes(2))
        .run();
  }
}
