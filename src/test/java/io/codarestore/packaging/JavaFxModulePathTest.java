package io.codarestore.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.ExternalProgram;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 21 and the ControlsFX options (issue 15), without building an installer: the
 * wizard's app image loads JavaFX from the module path (so JavaFX does not warn "Unsupported JavaFX
 * configuration"), its jar carries no JavaFX of its own, and the add-exports/add-opens ControlsFX
 * needs are the same in the installers' java-options, the jar's manifest and surefire. {@code
 * .ci/package-smoke} checks the installed launcher's stderr for that warning.
 */
class JavaFxModulePathTest {
  private static final Path POM = Path.of("pom.xml");
  private static final Path ARGS = Path.of("packaging", "javafx-modules.args");
  @TempDir Path tmp;

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** The text of one {@code <name>…</name>} property of the POM. */
  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(pom);
    assertThat(m.find()).as(name + " in pom.xml").isTrue();
    return m.group(1).strip();
  }

  @Test
  void theAppImageLaunchesJavaFxFromTheModulePathWithControlsFxsExports() throws Exception {
    String args = read(ARGS);
    String pom = read(POM);
    assertThat(args)
        .contains("--java-options \"--module-path=$APPDIR/javafx\"")
        .containsPattern("--java-options \"--add-modules=[a-z.,]*javafx\\.controls");
    assertThat(pom)
        .as("the app image uses the argument file")
        .contains("<argument>@packaging/javafx-modules.args</argument>")
        .as("the staging step puts JavaFX's module jars in input/javafx")
        .contains("<argument>--javafx-modules</argument>");

    List<String> inArgs = new ArrayList<>();
    Matcher m = Pattern.compile("--add-(exports|opens)=(\\S+)=ALL-UNNAMED").matcher(args);
    while (m.find()) {
      inArgs.add(m.group(1) + " " + m.group(2));
    }
    List<String> inManifest = new ArrayList<>();
    for (String p : property(pom, "controlsfx.exports").split("\\s+")) {
      inManifest.add("exports " + p);
    }
    for (String p : property(pom, "controlsfx.opens").split("\\s+")) {
      inManifest.add("opens " + p);
    }
    List<String> inSurefire = new ArrayList<>();
    m =
        Pattern.compile("--add-(exports|opens)=(\\S+)=ALL-UNNAMED")
            .matcher(property(pom, "controlsfx.jvm.args"));
    while (m.find()) {
      inSurefire.add(m.group(1) + " " + m.group(2));
    }
    Collections.sort(inArgs);
    Collections.sort(inManifest);
    Collections.sort(inSurefire);
    assertThat(inArgs).isNotEmpty().isEqualTo(inManifest).isEqualTo(inSurefire);
    assertThat(inArgs).contains("exports javafx.base/com.sun.javafx.event");
    assertThat(pom)
        .contains("<Add-Exports>${controlsfx.exports}</Add-Exports>")
        .contains("<Add-Opens>${controlsfx.opens}</Add-Opens>")
        .contains("${controlsfx.jvm.args}");
  }

  @Test
  void stagingLeavesJavaFxOutOfTheJarAndItsModuleJarsInTheirOwnFolder() throws Exception {
    Path fat =
        zip(
            "fat.jar",
            "javafx/scene/Node.class",
            "com/sun/javafx/application/PlatformImpl.class",
            "com/sun/glass/ui/Application.class",
            "com/sun/prism/Graphics.class",
            "libglass.so",
            "javafx.properties",
            "org/controlsfx/control/StatusBar.class",
            "impl/org/controlsfx/skin/StatusBarSkin.class",
            "org/kordamp/ikonli/javafx/FontIcon.class",
            "io/codarestore/ui/MainWindow.class",
            "io/codarestore/Launcher.class");
    Path fx = zip("javafx-base-21-linux.jar", "javafx/beans/Observable.class");
    Path out = tmp.resolve("input");

    ExternalProgram.Result r =
        ExternalProgram.of(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    Path.of("packaging", "StageInstallerJar.java").toString(),
                    fat.toString(),
                    out.toString(),
                    "--javafx-modules",
                    fx.toString()))
            .timeout(Duration.ofMinutes(2))
            .run();

    assertThat(r.exitStatus()).as(String.join("\n", r.stderr())).isZero();
    List<String> staged = names(out.resolve("fat.jar"));
    assertThat(staged)
        .containsExactlyInAnyOrder(
            "org/controlsfx/control/StatusBar.class",
            "impl/org/controlsfx/skin/StatusBarSkin.class",
            "org/kordamp/ikonli/javafx/FontIcon.class",
            "io/codarestore/ui/MainWindow.class",
            "io/codarestore/Launcher.class");
    assertThat(names(out.resolve("javafx").resolve("javafx-base-21-linux.jar")))
        .containsExactly("javafx/beans/Observable.class");
  }

  @Test
  void stagingWithoutTheJavaFxJarsSaysWhatIsMissing() throws Exception {
    Path fat = zip("fat.jar", "javafx/scene/Node.class", "io/codarestore/Launcher.class");
    ExternalProgram.Result r =
        ExternalProgram.of(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    Path.of("packaging", "StageInstallerJar.java").toString(),
                    fat.toString(),
                    tmp.resolve("input").toString(),
                    "--javafx-modules",
                    tmp.resolve("nosuch-javafx-base.jar").toString()))
            .timeout(Duration.ofMinutes(2))
            .run();
    assertThat(r.exitStatus()).isNotZero();
    assertThat(String.join("\n", r.stderr()))
        .contains("nosuch-javafx-base.jar: no such JavaFX jar");
    assertThat(tmp.resolve("input")).as("nothing staged").doesNotExist();
  }

  private Path zip(String name, String... entries) throws IOException {
    Path z = tmp.resolve(name);
    try (OutputStream o = Files.newOutputStream(z);
        ZipOutputStream zo = new ZipOutputStream(o)) {
      for (String e : entries) {
        zo.putNextEntry(new ZipEntry(e));
        zo.write(e.getBytes(StandardCharsets.UTF_8));
        zo.closeEntry();
      }
    }
    return z;
  }

  private static List<String> names(Path jar) throws IOException {
    try (ZipFile z = new ZipFile(jar.toFile())) {
      return z.stream().map(ZipEntry::getName).toList();
    }
  }
}
