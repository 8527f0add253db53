import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Installer build step, run by the {@code installer} Maven profile: puts the fat jar alone into
 * jpackage's input directory, without the SQLite native libraries of other platforms. sqlite-jdbc
 * carries about 21 MB of them (every OS and CPU); an installer runs on one. The library to keep is
 * the one sqlite-jdbc's own {@code OSInfo} picks at run time on this machine (installers are built
 * on the OS they are for), and the staged jar is then checked by loading SQLite from it.
 *
 * <p>Usage: {@code java packaging/StageInstallerJar.java JAR OUTDIR}. A single-file program so that
 * it runs on every OS the installers are built on, with nothing but the JDK.
 */
public final class StageInstallerJar {
  private static final String NATIVE = "org/sqlite/native/";

  private StageInstallerJar() {}

  public static void main(String[] args) throws Exception {
    boolean headless = args.length == 3 && args[2].equals("--headless");
    boolean modules = args.length >= 3 && args[2].equals("--javafx-modules");
    if (args.length < 2 || (args.length > 2 && !headless && !modules)) {
      fail(
          "usage: java StageInstallerJar.java JAR OUTDIR [--headless | --javafx-modules"
              + " JAVAFX_JAR...]");
    }
    if (modules) {
      checkJavaFxJars(args); // before anything is written
    }
    Path jar = Path.of(args[0]);
    Path outDir = Path.of(args[1]);
    if (!Files.isRegularFile(jar)) {
      fail(jar + ": no such jar; build it first (mvn package)");
    }
    Files.createDirectories(outDir);
    Path staged = outDir.resolve(jar.getFileName());
    // Beside the input directory, so that a failed run leaves nothing in it for jpackage.
    Path tmp = outDir.toAbsolutePath().resolveSibling(jar.getFileName() + ".tmp");

    String keep = sqliteFolder(jar);
    long droppedBytes = 0;
    int dropped = 0;
    try (ZipFile in = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if ((keep != null && !kept(e.getName(), NATIVE + keep + "/"))
            || (headless && desktopOnly(e.getName()))
            || (modules && javafx(e.getName()))) {
          dropped++;
          droppedBytes += Math.max(0, e.getSize());
          continue;
        }
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        out.putNextEntry(copy);
        try (InputStream data = in.getInputStream(e)) {
          data.transferTo(out);
        }
        out.closeEntry();
      }
    }
    if (keep != null) {
      checkSqliteLoads(tmp, jar);
    }
    Files.move(tmp, staged, StandardCopyOption.REPLACE_EXISTING);
    if (modules) {
      copyJavaFxModules(args, outDir.resolve(JAVAFX_DIR));
    }
    System.out.printf(
        "staged %s (%.1f MB)%s%n",
        staged,
        Files.size(staged) / 1e6,
        (headless
                ? " (headless: no JavaFX, no wizard)"
                : modules ? " (JavaFX left to the module path)" : "")
            + (keep == null
                ? ": no sqlite-jdbc inside, copied as it is"
                : String.format(
                    ": SQLite natives of %s only; %d entries of other platforms dropped (%.1f MB)",
                    keep, dropped, droppedBytes / 1e6)));
  }

  /** What only the wizard needs: JavaFX (classes and natives), its libraries, the ui package. */
  private static final String[] DESKTOP_ONLY = {
    "javafx/",
    "com/sun/glass/",
    "com/sun/javafx/",
    "com/sun/marlin/",
    "com/sun/openpisces/",
    "com/sun/pisces/",
    "com/sun/prism/",
    "com/sun/scenario/",
    "com/sun/util/",
    "org/controlsfx/",
    "impl/org/controlsfx/",
    "org/kordamp/",
    "atlantafx/",
    "io/codarestore/ui/",
    "META-INF/services/org.kordamp.",
    "META-INF/services/org.controlsfx.",
    "javafx-swt.jar",
    "javafx.properties",
    "controlsfx.properties"
  };

  /**
   * Where the JavaFX jars go inside jpackage's input directory (--javafx-modules): a folder, so
   * that they are not put on the class path; the launcher's java-options put them on the module
   * path (packaging/javafx-modules.args).
   */
  static final String JAVAFX_DIR = "javafx";

  /** JavaFX's own classes, natives and resources in the fat jar (not ControlsFX or Ikonli). */
  private static final String[] JAVAFX = {
    "javafx/",
    "com/sun/glass/",
    "com/sun/javafx/",
    "com/sun/marlin/",
    "com/sun/openpisces/",
    "com/sun/pisces/",
    "com/sun/prism/",
    "com/sun/scenario/",
    "com/sun/util/",
    "javafx-swt.jar",
    "javafx.properties"
  };

  /**
   * For the installers (--javafx-modules): an entry of JavaFX itself, which the module path has.
   */
  static boolean javafx(String name) {
    if (!name.contains("/") && name.startsWith("lib") && name.endsWith(".so")) {
      return true;
    }
    for (String p : JAVAFX) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Fails unless every jar named after --javafx-modules is there. */
  static void checkJavaFxJars(String[] args) {
    if (args.length < 4) {
      fail("--javafx-modules needs the JavaFX jars (javafx-base, -graphics, -controls …)");
    }
    for (int i = 3; i < args.length; i++) {
      if (!Files.isRegularFile(Path.of(args[i]))) {
        fail(args[i] + ": no such JavaFX jar (is the installer profile's javafx platform right?)");
      }
    }
  }

  /** Copies the JavaFX jars named after --javafx-modules into {@code dir}, under their names. */
  static void copyJavaFxModules(String[] args, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (int i = 3; i < args.length; i++) {
      Path j = Path.of(args[i]);
      Files.copy(j, dir.resolve(j.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    System.out.printf("copied %d JavaFX module jar(s) into %s%n", args.length - 3, dir);
  }

  /** For the headless server package (--headless): an entry only the wizard uses. */
  static boolean desktopOnly(String name) {
    if (!name.contains("/") && name.startsWith("lib") && name.endsWith(".so")) {
      return true; // JavaFX's native libraries at the top of the fat jar
    }
    for (String p : DESKTOP_ONLY) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Keeps everything outside org/sqlite/native/, the folder of this platform and its parents. */
  static boolean kept(String name, String keepFolder) {
    return !name.startsWith(NATIVE) || name.startsWith(keepFolder) || keepFolder.startsWith(name);
  }

  /** sqlite-jdbc's folder for this OS and CPU, e.g. "Linux/x86_64"; null without sqlite-jdbc. */
  static String sqliteFolder(Path jar) throws Exception {
    try (URLClassLoader loader = loaderFor(jar)) {
      Class<?> osInfo;
      try {
        osInfo = Class.forName("org.sqlite.util.OSInfo", true, loader);
      } catch (ClassNotFoundException e) {
        return null;
      }
      String folder = (String) osInfo.getMethod("getNativeLibFolderPathForCurrentOS").invoke(null);
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        boolean present =
            zip.stream()
                .anyMatch(e -> !e.isDirectory() && e.getName().startsWith(NATIVE + folder + "/"));
        if (!present) {
          fail(jar + ": sqlite-jdbc has no native library for this platform (" + folder + ")");
        }
      }
      return folder;
    }
  }

  /** Loads SQLite's native library from the staged jar, the way the program will. */
  static void checkSqliteLoads(Path staged, Path original) throws Exception {
    try (URLClassLoader loader = loaderFor(staged)) {
      Class<?> jdbcLoader = Class.forName("org.sqlite.SQLiteJDBCLoader", true, loader);
      boolean loaded;
      try {
        loaded = (Boolean) jdbcLoader.getMethod("initialize").invoke(null);
      } catch (InvocationTargetException e) {
        fail(
            staged
                + ": SQLite's native library does not load from the staged jar: "
                + e.getCause());
        return;
      }
      if (!loaded) {
        fail(
            staged
                + ": SQLite's native library does not load from the staged jar ("
                + original
                + " was the source)");
      }
    }
  }

  private static URLClassLoader loaderFor(Path jar) throws IOException {
    return new URLClassLoader(
        new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }

  private static void fail(String message) {
    System.err.println("StageInstallerJar: " + message);
    System.exit(1);
  }
}
