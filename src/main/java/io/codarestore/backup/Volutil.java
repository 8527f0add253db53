package io.codarestore.backup;

import io.codarestore.core.ExternalProgram;
import io.codarestore.core.UserFacingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The volutil commands the Application runs, each through {@link ExternalProgram} (an argument
 * array, stdin /dev/null, both streams kept). volutil always writes {@code V_BindToServer} and
 * progress dots on stderr; those never reach Amanda: a failure becomes one {@link AmcodaException}
 * line with volutil's own words.
 */
public final class Volutil {
  private static final Duration QUICK = Duration.ofMinutes(10);
  private static final Duration CLONE = Duration.ofHours(2);

  private final String program;
  private final String host;
  private final Map<String, String> environment;

  /** {@code host} null: the local server. {@code environment}: extra variables for volutil. */
  public Volutil(String program, String host, Map<String, String> environment) {
    this.program = program;
    this.host = host;
    this.environment = Map.copyOf(environment);
  }

  public String program() {
    return program;
  }

  /** The volume lines of {@code getvolumelist}. */
  public List<ListedVolume> volumeList() {
    ExternalProgram.Result r = run(QUICK, "getvolumelist");
    List<ListedVolume> list = new ArrayList<>();
    for (String line : r.stdout()) {
      ListedVolume v = ListedVolume.parse(line);
      if (v != null) {
        list.add(v);
      }
    }
    return list;
  }

  public void lock(int rwId) {
    run(QUICK, "lock", hex(rwId));
  }

  /** Releases a lock; a failure is ignored (the lock may be gone already). */
  public void unlockQuietly(int rwId) {
    try {
      run(QUICK, "unlock", hex(rwId));
    } catch (UserFacingException e) {
      // backup releases the lock on most failures; an unlock of an unlocked volume fails
    }
  }

  public void backup(int rwId) {
    run(CLONE, "backup", hex(rwId));
  }

  public void ancient(int backupId) {
    run(QUICK, "ancient", hex(backupId));
  }

  /**
   * Starts {@code volutil dump BACKUPID} (level 0) or {@code volutil dump -i -LEVEL BACKUPID}: the
   * dump on the returned program's stdout. The level is always explicit (volutil reads {@code dump
   * -i ID FILE} as level ID).
   */
  public ExternalProgram.Running startDump(int level, int backupId) {
    return program(dumpArgs(level, backupId)).startStreaming();
  }

  /** As {@link #startDump}, its output read as a channel (the backup's data path). */
  public ExternalProgram.Running startDumpChannel(int level, int backupId) {
    return program(dumpArgs(level, backupId)).startStreamingChannel();
  }

  private static List<String> dumpArgs(int level, int backupId) {
    List<String> args = new ArrayList<>(List.of("dump"));
    if (level > 0) {
      args.add("-i");
      args.add("-" + level);
    }
    args.add(hex(backupId));
    return args;
  }

  /** The argument array of a volutil command. */
  ExternalProgram program(List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(program);
    if (host != null) {
      argv.add("-h");
      argv.add(host);
    }
    argv.addAll(args);
    ExternalProgram p = ExternalProgram.of(argv);
    environment.forEach(p::env);
    return p;
  }

  private ExternalProgram.Result run(Duration limit, String... args) {
    ExternalProgram.Result r;
    try {
      r = program(List.of(args)).timeout(limit).run();
    } catch (ExternalProgram.TimedOut e) {
      throw new AmcodaException("volutil " + args[0] + " " + e.getMessage());
    } catch (ExternalProgram.NotStarted e) {
      throw new AmcodaException(e.getMessage(), e);
    }
    if (!r.succeeded()) {
      throw new AmcodaException(failure(r, String.join(" ", args)));
    }
    return r;
  }

  /** "volutil lock 01000001 failed (exit 1): VolLock failed with ..." without volutil's chatter. */
  static String failure(ExternalProgram.Result r, String what) {
    List<String> said = ownWords(r.stderr());
    if (said.isEmpty()) {
      said = ownWords(r.stdout());
    }
    String tail =
        said.isEmpty()
            ? ""
            : ": " + String.join(" / ", said.subList(Math.max(0, said.size() - 3), said.size()));
    return "volutil " + what + " failed (exit " + r.exitStatus() + ")" + tail;
  }

  /** volutil's lines without its binding message and progress dots. */
  static List<String> ownWords(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      String s = l.strip();
      if (s.isEmpty() || s.startsWith("V_BindToServer") || s.matches("\\.+")) {
        continue;
      }
      out.add(s.replaceFirst("^\\.+", ""));
    }
    return out;
  }

  static String hex(int id) {
    return String.format("%08x", id);
  }
}
