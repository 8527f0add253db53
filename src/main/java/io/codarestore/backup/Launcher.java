package io.codarestore.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;

/**
 * The {@code amcoda} launcher Amanda runs from its application directory: a root-owned sh script,
 * mode 0755, that sets its own environment (Amanda's has no JAVA_HOME, LANG or TZ; set-uid runs
 * keep only TZ and DISPLAY), names Java and the program by absolute path, finds itself through
 * {@code readlink -f} when symlinked, and keeps the JVM's own stderr away from Amanda.
 */
public final class Launcher {
  /** Amanda's application directory on Debian and Ubuntu. */
  public static final Path DEFAULT_DIR = Path.of("/usr/lib/amanda/application");

  /** The file name: the {@code plugin "amcoda"} of the application-tool. */
  public static final String NAME = "amcoda";

  private Launcher() {}

  /** The script for {@code java} (absolute) running {@code classPath} (absolute entries). */
  public static String script(Path java, String classPath) {
    Path javaHome = java.getParent() == null ? null : java.getParent().getParent();
    return "#!/bin/sh\n"
        + "# amcoda: the Amanda Application for Coda volumes (Coda Restore Assistant).\n"
        + "# Written by 'coda-restore amcoda install'; see README \"Backing Coda volumes up with"
        + " Amanda\".\n"
        + "self=$(readlink -f \"$0\" 2>/dev/null || echo \"$0\")\n"
        + "here=$(dirname \"$self\")\n"
        + "JAVA_HOME="
        + quote(javaHome == null ? "" : javaHome.toString())
        + "\n"
        + "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
        + "LANG=C.UTF-8\n"
        + "LC_ALL=C.UTF-8\n"
        + "TZ=${TZ:-UTC}\n"
        + "export JAVA_HOME PATH LANG LC_ALL TZ\n"
        + "unset JAVA_TOOL_OPTIONS _JAVA_OPTIONS JDK_JAVA_OPTIONS\n"
        + "java="
        + quote(java.toString())
        + "\n"
        + "cp="
        + quote(classPath)
        + "\n"
        + "# a moved installation: the program beside the launcher\n"
        + "[ -r \"${cp%%:*}\" ] || cp=\"$here/coda-restore.jar\"\n"
        + "command=$1\n"
        + "set -- -XX:+UseSerialGC -Xshare:auto -Djava.awt.headless=true -cp \"$cp\""
        + " io.codarestore.Launcher amcoda \"$@\"\n"
        + "case \"$command\" in\n"
        + "  restore|validate|index|install) exec \"$java\" \"$@\" ;;\n"
        + "esac\n"
        + "# Amanda fails a backup, estimate or check that writes anything on stderr:\n"
        + "# the JVM's own words go to the log\n"
        + "exec \"$java\" \"$@\" 2>>\"${AMCODA_LOG:-/dev/null}\"\n";
  }

  /**
   * Writes the launcher to {@code dir/amcoda} (replacing an older one atomically), mode 0755, owned
   * by root when this runs as root.
   *
   * @return the launcher's path
   */
  public static Path install(Path dir, Path java, String classPath) throws IOException {
    if (!java.isAbsolute() || !Files.isExecutable(java)) {
      throw new AmcodaException(java + " is not an executable absolute path of java");
    }
    Files.createDirectories(dir);
    Path target = dir.resolve(NAME);
    Path tmp = Files.createTempFile(dir, "." + NAME, ".tmp");
    try {
      Files.writeString(tmp, script(java, classPath), StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
      if ("root".equals(System.getProperty("user.name"))) {
        UserPrincipalLookupService users = tmp.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(tmp, users.lookupPrincipalByName("root"));
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
