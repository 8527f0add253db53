package io.codarestore.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code amcheck} asks the Application: {@code OK}/{@code ERROR} lines only. The properties
 * are valid, volutil can be run and answers (which needs the volutil key), and the volume has a
 * read-write replica on this server.
 */
public final class Selfcheck {
  private Selfcheck() {}

  /** The lines for {@code disk} (null: no disk given). */
  public static List<String> lines(
      Volutil volutil, AmcodaProperties properties, String disk, String pathVariable) {
    List<String> out = new ArrayList<>();
    for (String p : properties.problems()) {
      out.add("ERROR amcoda: " + p);
    }
    if (properties.problems().isEmpty()) {
      out.add(
          "OK amcoda: properties valid (estimate "
              + properties.estimate().word()
              + ", clone-max-age "
              + properties.cloneMaxAge().toMinutes()
              + " min)");
    }
    String found = locate(volutil.program(), pathVariable);
    if (found == null) {
      out.add(
          "ERROR amcoda: volutil program " + volutil.program() + " not found or not executable");
      return out;
    }
    out.add("OK amcoda: volutil is " + found);
    List<ListedVolume> list;
    try {
      list = volutil.volumeList();
    } catch (AmcodaException e) {
      String m = e.getMessage();
      boolean key = m.contains("token") || m.contains("volutil.tk");
      out.add("ERROR amcoda: " + (key ? "the volutil key is not readable: " : "") + m);
      return out;
    }
    out.add(
        "OK amcoda: volutil getvolumelist answers (volutil key accepted), "
            + list.size()
            + " volumes");
    if (disk != null) {
      try {
        CodaVolume v = CodaVolume.find(disk, list);
        out.add(
            "OK amcoda: "
                + disk
                + " is read-write replica "
                + v.replica().name()
                + " ("
                + v.replica().idText()
                + ") on this server"
                + (v.backupClone() == null
                    ? ", no backup clone yet"
                    : ", backup clone " + v.backupClone().idText()));
      } catch (AmcodaException e) {
        out.add("ERROR amcoda: " + e.getMessage());
      }
    }
    return out;
  }

  /** The executable {@code program} names (a path, or a name on {@code PATH}), or null. */
  static String locate(String program, String pathVariable) {
    if (program.contains("/")) {
      Path p = Path.of(program);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? p.toString() : null;
    }
    for (String dir : (pathVariable == null ? "" : pathVariable).split(":")) {
      if (!dir.isEmpty()) {
        Path p = Path.of(dir, program);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    return null;
  }
}
