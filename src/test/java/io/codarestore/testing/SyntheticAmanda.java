package io.codarestore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Amanda 3.5 run logs and tapelists in the exact line format of spec amanda-catalog.md §3–4,
 * for tests and the benchmark. One run writes all its dumps onto one tape.
 */
public final class SyntheticAmanda {
  private SyntheticAmanda() {}

  /** A dump of a run: {@code parts} parts on the run's tape; {@code outcome} how it ended. */
  public record Dump(String host, String disk, int level, int parts, Outcome outcome) {
    public static Dump ok(String disk, int level) {
      return new Dump("localhost", disk, level, 1, Outcome.OK);
    }
  }

  public enum Outcome {
    OK,
    STRANGE,
    FAILED,
    PARTIAL
  }

  /** The text of the log of one run writing {@code dumps} to tape {@code label}. */
  public static String runLog(String datestamp, String label, List<Dump> dumps) {
    StringBuilder sb = new StringBuilder(256 + dumps.size() * 900);
    sb.append("INFO amdump amdump pid 4534\n");
    sb.append("START planner date ").append(datestamp).append('\n');
    for (Dump d : dumps) {
      sb.append("DISK planner ").append(d.host()).append(' ').append(q(d.disk())).append('\n');
    }
    sb.append("START driver date ").append(datestamp).append('\n');
    sb.append("STATS driver hostname vm\n");
    sb.append("FINISH planner date ").append(datestamp).append(" time 2.493\n");
    sb.append("START taper datestamp ")
        .append(datestamp)
        .append(" \"ST:codafix\" \"POOL:codafix\" label ")
        .append(label)
        .append(" tape 1\n");
    int file = 1;
    for (Dump d : dumps) {
      String key = d.host() + " " + q(d.disk()) + " " + datestamp + " ";
      String crc = "2fe3875f:3819544";
      switch (d.outcome()) {
        case FAILED -> {
          sb.append("FAIL dumper ").append(key).append(d.level()).append(" [injected failure]\n");
          sb.append("  ? volume busy\n");
          continue;
        }
        case STRANGE -> {
          sb.append("STRANGE dumper ")
              .append(d.host())
              .append(' ')
              .append(q(d.disk()))
              .append(' ')
              .append(d.level())
              .append(' ')
              .append(crc)
              .append(' ')
              .append(crc)
              .append(" [sec 0.233 kb 2220 kps 9512.7 orig-kb 2221]\n");
          sb.append("  ? injected warning\n");
        }
        default ->
            sb.append("SUCCESS dumper ")
                .append(key)
                .append(d.level())
                .append(' ')
                .append(crc)
                .append(' ')
                .append(crc)
                .append(" [sec 0.256 kb 3730 kps 14516.9 orig-kb 3731]\n");
      }
      // A partial dump is cut short on its way to the holding disk (as the fixture's day-4 one):
      // a whole image on the holding disk would be kept there when taping fails.
      sb.append(d.outcome() == Outcome.PARTIAL ? "PARTIAL chunker " : "SUCCESS chunker ")
          .append(key)
          .append(d.level())
          .append(' ')
          .append(crc)
          .append(" [sec 1.243135 kb 3724 kps 2995.652121]\n");
      sb.append("STATS driver estimate ")
          .append(key)
          .append(d.level())
          .append(" [sec 1 nkb 3763 ckb 1920 kps 1024]\n");
      for (int p = 1; p <= d.parts(); p++) {
        sb.append("PART taper \"ST:codafix\" \"POOL:codafix\" ")
            .append(label)
            .append(' ')
            .append(file++)
            .append(' ')
            .append(key)
            .append(p)
            .append("/-1 ")
            .append(d.level())
            .append(" [sec 0.000923 bytes 1015808 kps 1074756.229686 orig-kb 3731]\n");
      }
      sb.append(d.outcome() == Outcome.PARTIAL ? "PARTIAL" : "DONE")
          .append(" taper \"ST:codafix\" \"POOL:codafix\" ")
          .append(key)
          .append(d.parts())
          .append(' ')
          .append(d.level())
          .append(' ')
          .append(crc)
          .append(' ')
          .append(crc)
          .append(' ')
          .append(crc)
          .append(" [sec 0.100000 bytes ")
          .append(1015808L * d.parts())
          .append(" kps 37240.000000 orig-kb 3731]\n");
    }
    sb.append("INFO taper tape ")
        .append(label)
        .append(" kb 5708 fm ")
        .append(file - 1)
        .append(" [OK]\n");
    sb.append("FINISH driver date ").append(datestamp).append(" time 7.650\n");
    return sb.toString();
  }

  /** A tapelist line as Amanda 3.5 writes it. */
  public static String tapelistLine(String datestamp, String label) {
    return datestamp
        + " "
        + label
        + " reuse BLOCKSIZE:32 POOL:codafix STORAGE:codafix CONFIG:codafix\n";
  }

  /** Writes {@code text} to {@code logdir/log.<datestamp>.0} and returns the path. */
  public static Path writeLog(Path logdir, String datestamp, String text) {
    try {
      Files.createDirectories(logdir);
      Path f = logdir.resolve("log." + datestamp + ".0");
      try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
        w.write(text);
      }
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a tapelist (newest first) from (datestamp, label) pairs. */
  public static void writeTapelist(Path file, List<String[]> datestampLabel) {
    List<String> lines = new ArrayList<>();
    for (String[] e : datestampLabel) {
      lines.add(tapelistLine(e[0], e[1]).strip());
    }
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String q(String disk) {
    if (disk.indexOf(' ') < 0 && disk.indexOf('"') < 0 && disk.indexOf('\\') < 0) {
      return disk;
    }
    return "\"" + disk.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
