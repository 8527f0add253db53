package io.codarestore.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard of the installers' Java runtime: packaging/CheckRuntimeModules.java, which the
 * installer profile runs on the fat jar before jpackage links the runtime. Here it also runs on the
 * program's own classes, so a new JDK module used by our code fails {@code mvn verify} instead of
 * the next installer build.
 */
class CheckRuntimeModulesTest {
  private static final Path CHECK = Path.of("packaging", "CheckRuntimeModules.java");
  private static final Path RUNTIME_MODULES = Path.of("packaging", "runtime-modules.args");

  /** The check, compiled from its source file. */
  @TempDir static Path compiledCheck;

  @TempDir Path tmp;

  @BeforeAll
  static void compileCheck() {
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", compiledCheck.toString(), CHECK.toString());
    assertThat(status).as("javac " + CHECK).isZero();
  }

  @Test
  void theInstallerRuntimeHasEveryModuleOurOwnCodeUses() throws Exception {
    Result r = check(Path.of("target", "classes"), RUNTIME_MODULES);

    assertThat(r.status).as(r.toString()).isZero();
    assertThat(r.out).startsWith("runtime modules: java.base,");
  }

  @Test
  void failsAndNamesTheModuleTheListLacks() throws Exception {
    Path classes = compileClassUsingJavaSql();
    Path args = write("runtime.args", "# only the base\n--add-modules java.base\n");

    Result r = check(classes, args);

    assertThat(r.status).as(r.toString()).isEqualTo(1);
    assertThat(r.err)
        .contains(args.toString())
        .contains("[java.sql]")
        .contains("--add-modules java.sql");
  }

  @Test
  void passesWhenTheListHasTheModuleAndReportsExtras() throws Exception {
    Path classes = compileClassUsingJavaSql();
    Path args =
        write("runtime.args", "--add-modules java.base\n--add-modules java.sql,jdk.localedata\n");

    Result r = check(classes, args);

    assertThat(r.status).as(r.toString()).isZero();
    assertThat(r.out)
        .contains("runtime modules: java.base,java.sql,jdk.localedata")
        .contains("listed though jdeps does not find them: [jdk.localedata]");
  }

  @Test
  void rejectsAnArgumentFileWithOtherOptions() throws Exception {
    Path classes = compileClassUsingJavaSql();
    Path args = write("runtime.args", "--add-modules java.base\n--strip-debug\n");

    Result r = check(classes, args);

    assertThat(r.status).isEqualTo(1);
    assertThat(r.err).contains("found '--strip-debug'");
  }

  @Test
  void rejectsADanglingAddModules() throws Exception {
    Path classes = compileClassUsingJavaSql();
    Path args = write("runtime.args", "--add-modules\n");

    Result r = check(classes, args);

    assertThat(r.status).isEqualTo(1);
    assertThat(r.err).contains("--add-modules at the end of the file has no module");
  }

  private Path compileClassUsingJavaSql() throws IOException {
    Path src = write("UsesSql.java", "class UsesSql { java.sql.Connection connection; }\n");
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(null, null, null, "--release", "17", "-d", classes.toString(), src.toString());
    assertThat(status).as("javac").isZero();
    return classes;
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
  }

  /** Runs the compiled check in this JVM (jdeps runs in-process through its ToolProvider). */
  private Result check(Path classes, Path argFile) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {compiledCheck.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Method run =
          loader
              .loadClass("CheckRuntimeModules")
              .getMethod("run", String[].class, PrintStream.class, PrintStream.class);
      int status =
          (Integer)
              run.invoke(
                  null,
                  new String[] {classes.toString(), argFile.toString()},
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Result(
          status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  private record Result(int status, String out, String err) {}
}
