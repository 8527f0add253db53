package io.codarestore.restore;

import io.codarestore.core.UserFacingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a restore target must follow, in one place for both fronts: the output does not exist
 * yet and can be created, paths stay inside the volume (and are in it, when its tree is known),
 * host names, {@code /vicepXX} partitions and volume names are valid, the programs it runs are
 * there. Each check returns the problem in words, naming the field, or null when there is none; the
 * wizard's Target page shows them as typed, the command line before it reads anything.
 */
public final class TargetRules {
  private static final Pattern HOST =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
  private static final Pattern PARTITION = Pattern.compile("/vicep[a-z]{1,2}");
  private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]*");

  private TargetRules() {}

  /** A new output (directory or file): not there yet, its parent a writable directory. */
  public static String newOutput(Path p, String what) {
    if (p == null) {
      return "Choose the " + what + ".";
    }
    if (!p.isAbsolute()) {
      return "The " + what + " must be an absolute path.";
    }
    if (Files.exists(p)) {
      return p + " exists already; choose a new name (nothing is overwritten).";
    }
    Path parent = p.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return "The folder " + parent + " does not exist.";
    }
    if (!Files.isWritable(parent)) {
      return "The folder " + parent + " is not writable.";
    }
    return null;
  }

  /**
   * Paths inside the volume: relative, without "." or ".." steps, each once; and in the volume's
   * tree when it is known.
   *
   * @param tree every path of the volume's tree ("." for the root), or null when not known
   */
  public static String volumePaths(List<String> paths, Set<String> tree) {
    if (paths.isEmpty()) {
      return "Add the paths to restore, or restore the whole tree.";
    }
    Set<String> seen = new HashSet<>();
    for (String p : paths) {
      String problem = volumePath(p);
      if (problem != null) {
        return problem;
      }
      if (!seen.add(p)) {
        return p + " is listed twice.";
      }
      if (tree != null && !tree.contains(p)) {
        return p + " is not in the volume (as the chain's dumps in the workspace show it).";
      }
    }
    for (String p : paths) {
      for (String q : paths) {
        if (!p.equals(q) && p.startsWith(q + "/")) {
          return p + " is inside " + q + ", which is restored whole already.";
        }
      }
    }
    return null;
  }

  /** One path inside the volume, relative, without empty, "." or ".." steps. */
  public static String volumePath(String p) {
    if (p.isBlank()) {
      return "Give a path relative to the volume root, e.g. src/main.";
    }
    if (p.startsWith("/")) {
      return p + ": give paths relative to the volume root (no leading /).";
    }
    for (String part : p.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return p + ": a path may not contain empty, \".\" or \"..\" steps.";
      }
    }
    return null;
  }

  /** The fields of a volutil restore (read-only, or read-write with the id it gets). */
  public static String volume(
      String command,
      String server,
      String partition,
      String name,
      String volumeId,
      boolean readWrite) {
    String c = command("volutil command", command);
    return c != null ? c : volumeFields(server, partition, name, volumeId, readWrite);
  }

  /**
   * The server, partition, name and id of a volutil restore, without its command: what the wizard's
   * Target page and the command line's {@code restore --volutil} refuse with the same words.
   */
  public static String volumeFields(
      String server, String partition, String name, String volumeId, boolean readWrite) {
    if (server != null && !server.isBlank() && !HOST.matcher(server.strip()).matches()) {
      return "Server: '"
          + server.strip()
          + "' is not a host name (letters, digits, '-' and '.'; empty for this machine).";
    }
    if (partition == null || !PARTITION.matcher(partition.strip()).matches()) {
      return "Partition: a server partition such as /vicepa.";
    }
    boolean hasName = name != null && !name.isBlank();
    if (hasName) {
      String n = volumeName("Volume name", name.strip());
      if (n != null) {
        return n;
      }
    }
    boolean hasId = volumeId != null && !volumeId.isBlank();
    if (hasId) {
      try {
        VolutilRestore.parseVolumeId(volumeId);
      } catch (UserFacingException e) {
        return "Volume id: " + e.getMessage() + ".";
      }
      if (!hasName) {
        return "Volume name: a volume id needs a volume name too (volutil takes the id after it).";
      }
    }
    if (readWrite && !hasId) {
      return "Volume id: a read-write restore needs the volume id it gets (hex, free on the"
          + " server, e.g. the next one volutil getmaxvol shows).";
    }
    return null;
  }

  /**
   * A command the restore runs: a name found on the PATH, or an executable file. The problem names
   * the field; null when there is none.
   */
  public static String command(String field, String command) {
    if (command == null || command.isBlank()) {
      return field + ": give the command (a path or a name on the PATH).";
    }
    String c = command.strip();
    if (c.chars().anyMatch(Character::isWhitespace)) {
      return field + ": '" + c + "' is one command, without arguments or spaces.";
    }
    if (Preconditions.findProgram(c) == null) { // a target whose program is missing cannot work
      return c.contains("/")
          ? field + ": " + c + " is not an executable file."
          : field + ": " + c + " is not on the PATH; give the command's full path.";
    }
    return null;
  }

  /**
   * The program {@code what} (volutil, cfs, createvol_rep) as a restore runs it: the problem in
   * words, with what to do, or null when {@code command} is an executable file or a name on PATH.
   */
  public static String program(String what, String command) {
    if (command == null || command.isBlank()) {
      return what + ": no command given";
    }
    if (Preconditions.findProgram(command) == null) {
      return command.contains("/")
          ? what + " command '" + command + "' is not an executable file"
          : what + " not found: " + installHint(what) + " (it is not on PATH)";
    }
    return null;
  }

  private static String installHint(String what) {
    return (what.equals("cfs") ? "install the Coda client" : "install the Coda server tools")
        + ", or give the "
        + what
        + " command's full path";
  }

  /** A Coda volume name: at most 31 bytes, letters, digits and . _ + - (no leading - or .). */
  public static String volumeName(String field, String name) {
    if (name == null || name.isBlank()) {
      return field + ": give a volume name.";
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > 31) {
      return field + ": a Coda volume name has at most 31 bytes.";
    }
    if (!VOLUME_NAME.matcher(name).matches()) {
      return field
          + ": '"
          + name
          + "' is not a volume name (letters, digits and . _ + -, starting with a letter or digit).";
    }
    return null;
  }

  /**
   * The names of a copy-in or a rebuilt replicated volume: the volume rebuilt (when {@code
   * rebuild}), the new volume's name (its own) and the createvol_rep servers.
   */
  public static String replica(
      boolean rebuild, String replicaOf, String newVolume, List<String> servers) {
    String p = rebuild ? volumeName("Volume to rebuild", replicaOf) : null;
    if (p == null) {
      p = volumeName("New replicated volume", newVolume);
    }
    if (p == null && rebuild && newVolume.equals(replicaOf)) {
      p =
          "New replicated volume: give it a name of its own; the old volume "
              + replicaOf
              + " still exists until you retire it.";
    }
    return p != null ? p : replicaServers(servers);
  }

  /** The {@code server/partition} arguments of createvol_rep: at least one, each valid, once. */
  public static String replicaServers(List<String> servers) {
    if (servers.isEmpty()) {
      return "Replica servers: give at least one server/partition for createvol_rep, e.g."
          + " scm.example.org/vicepa.";
    }
    Set<String> hosts = new HashSet<>();
    for (String s : servers) {
      int slash = s.indexOf('/');
      if (slash <= 0
          || !HOST.matcher(s.substring(0, slash)).matches()
          || !PARTITION.matcher(s.substring(slash)).matches()) {
        return "Replica servers: '" + s + "' is not server/partition, e.g. scm.example.org/vicepa.";
      }
      if (!hosts.add(s.substring(0, slash))) {
        return "Replica servers: "
            + s.substring(0, slash)
            + " is listed twice (one replica per server).";
      }
    }
    return null;
  }

  /**
   * Where the new volume is mounted on this client: an absolute path, an existing empty directory
   * (mounted already) or a new name in an existing directory (the route runs cfs mkmount).
   */
  public static String mountPoint(Path p) {
    if (p == null) {
      return "Mount point: give where the new volume is (or will be) mounted, e.g."
          + " /coda/example.org/restored.";
    }
    if (!p.isAbsolute()) {
      return "Mount point: must be an absolute path.";
    }
    if (Files.exists(p)) {
      if (!Files.isDirectory(p)) {
        return "Mount point: " + p + " is not a directory.";
      }
      try (var s = Files.list(p)) {
        if (s.findAny().isPresent()) {
          return "Mount point: "
              + p
              + " is not empty; the copy never overwrites (choose an empty"
              + " volume).";
        }
      } catch (java.io.IOException e) {
        return "Mount point: " + p + " cannot be read: " + e.getMessage();
      }
      return null;
    }
    Path parent = p.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return "Mount point: the folder "
          + parent
          + " does not exist (cfs mkmount makes the mount"
          + " point in an existing Coda directory).";
    }
    return null;
  }
}
