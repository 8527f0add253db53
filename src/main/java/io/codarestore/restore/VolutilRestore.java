package io.codarestore.restore;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ExternalProgram;
import io.codarestore.core.UserFacingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs {@code volutil [-h SERVER] restore -f FILE PARTITION [NAME [HEXID]]} through {@link
 * ExternalProgram}. The dump is always a regular file: a real Coda 8 client asserts and hangs
 * forever on a dump on its standard input, and a pipe passed as {@code -f} reads as empty
 * (coda-rw-promotion.md section 4). A failure is explained in one line: volutil's own last words,
 * then what they mean, with the stock client's 512000-byte limit recognised.
 */
public final class VolutilRestore {
  /**
   * The server's restore buffer: the stock Coda 8 client sends the whole file at once and fails on
   * any dump larger than this (coda-rw-promotion.md section 4).
   */
  public static final long STOCK_CLIENT_LIMIT = 512_000;

  /** The command line for one restore. */
  public record Invocation(
      String command,
      String server,
      String partition,
      String name,
      Integer volumeId,
      Path dumpFile) {
    public Invocation {
      if (partition == null || partition.isBlank()) {
        throw new UserFacingException("volutil restore needs the server partition (e.g. /vicepa)");
      }
      if (dumpFile == null) {
        throw new IllegalArgumentException("volutil restore takes the dump as a file (-f)");
      }
      if (volumeId != null && (name == null || name.isBlank())) {
        throw new UserFacingException("a volume id can only be given together with a volume name");
      }
      Names.checkPassedOn("server", server);
      Names.checkPassedOn("partition", partition);
      Names.checkPassedOn("volume name", name);
      if (name != null && name.getBytes(StandardCharsets.UTF_8).length > 31) {
        throw new UserFacingException("volume name '" + name + "' is longer than Coda's 31 bytes");
      }
    }

    /** The argument array. */
    public List<String> argv() {
      List<String> a = new ArrayList<>();
      a.add(command);
      if (server != null && !server.isBlank()) {
        a.add("-h");
        a.add(server);
      }
      a.add("restore");
      a.add("-f");
      a.add(dumpFile.toString());
      a.add(partition);
      if (name != null && !name.isBlank()) {
        a.add(name);
        if (volumeId != null) {
          a.add(hex(volumeId));
        }
      }
      return a;
    }

    /** The same command as an admin would type it (for the runbook), quoted for a shell. */
    public String display() {
      return Shell.join(argv());
    }
  }

  /** What volutil said and returned. */
  public record Outcome(int exitStatus, List<String> output) {
    public Outcome {
      output = List.copyOf(output);
    }

    public boolean succeeded() {
      return exitStatus == 0;
    }

    /** The id volutil printed ({@code VolRestore successful, created 01000007}), or null. */
    public String createdId() {
      for (String l : output) {
        int i = l.indexOf("created ");
        if (l.startsWith("VolRestore successful") && i > 0) {
          return l.substring(i + "created ".length()).strip();
        }
      }
      return null;
    }
  }

  /** volutil takes volume ids in hex without a prefix, e.g. 1000007. */
  public static String hex(int id) {
    return Integer.toHexString(id);
  }

  /** Parses a volume id as volutil prints it: hex, with or without 0x. */
  public static int parseVolumeId(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("0x")) {
      t = t.substring(2);
    }
    try {
      long v = Long.parseLong(t, 16);
      if (v <= 0 || v > 0xFFFFFFFFL) {
        throw new NumberFormatException();
      }
      return (int) v;
    } catch (NumberFormatException e) {
      throw new UserFacingException(
          "'" + text + "' is not a Coda volume id (hex, e.g. 1000007)", e);
    }
  }

  private final Cancellation cancel;

  public VolutilRestore(Cancellation cancel) {
    this.cancel = cancel;
  }

  /**
   * Runs the restore; every output line goes to {@code lines} as it arrives. Cancel stops volutil
   * (and whatever it started) and throws {@code CancelledException}.
   */
  public Outcome run(Invocation inv, Consumer<String> lines) {
    ExternalProgram.Result r = ExternalProgram.of(inv.argv()).cancel(cancel).onLine(lines).run();
    List<String> all = new ArrayList<>(r.stdout());
    all.addAll(r.stderr());
    return new Outcome(r.exitStatus(), all);
  }

  /**
   * The one-line error for a failed restore: volutil's own last words, what they mean, and where
   * the dump file is kept.
   */
  public static String explain(Outcome o, long dumpBytes, Path keptDump, Phrases phrases) {
    List<String> words = new ArrayList<>();
    for (String l : o.output()) {
      String s = l.strip();
      if (!s.isEmpty() && !s.startsWith("V_BindToServer") && !s.equals(".")) {
        words.add(s);
      }
    }
    List<String> last = words.subList(Math.max(0, words.size() - 3), words.size());
    String said = last.isEmpty() ? "" : " (volutil: " + String.join(" / ", last) + ")";
    String kept = " The dump is kept at " + keptDump + ".";
    if (isStockClientLimit(o) && dumpBytes > STOCK_CLIENT_LIMIT) {
      return "volutil restore failed: the stock Coda 8 volutil client cannot send dumps over"
          + " ~500 KB (512000 bytes, the server's restore buffer); this dump has "
          + dumpBytes
          + " bytes"
          + said
          + "."
          + kept
          + " Routes that still work: a volutil client built with the SFTP quota fix (run the"
          + " same volutil restore -f with it), or "
          + phrases.copyInRoute()
          + ", which needs no volutil restore.";
    }
    return "volutil restore failed with exit status "
        + o.exitStatus()
        + said
        + ": "
        + meaning(o, phrases)
        + kept;
  }

  /** The stock client's signature: SFTP side effect failure, then VFAIL. */
  static boolean isStockClientLimit(Outcome o) {
    boolean sideEffect = false;
    for (String l : o.output()) {
      sideEffect |= l.contains("RPC2_SEFAIL2") && l.contains("CheckSideEffect");
    }
    return sideEffect;
  }

  private static String meaning(Outcome o, Phrases phrases) {
    String text = String.join("\n", o.output());
    if (text.contains("rockinfo->fd != 0") || text.contains("Sleeping forever")) {
      return "the client had no dump file and read its standard input, which a Coda 8 client"
          + " cannot do";
    }
    if (text.contains("RPC2_NOBINDING") || text.contains("RPC2_NewBinding")) {
      return "the server could not be reached (is codasrv running, is the host right?)";
    }
    if (text.contains("Couldn't get a token")) {
      return "volutil has no key for the server (/vice/db/volutil.tk); run it on the server as root";
    }
    if (text.contains("return code 604")) {
      return "a volume with that id exists already on the server (VVOLEXISTS); give another "
          + phrases.volumeId();
    }
    if (text.contains("return code 700")) {
      return "the server refused the restore (VFAIL); its SrvLog says why (a wrong partition,"
          + " an illegal volume type, an incremental dump); a half-created volume is removed by"
          + " the salvager at the next server start";
    }
    if (o.exitStatus() == 139 || o.exitStatus() == 134) {
      return "the volutil client crashed (signal " + (o.exitStatus() - 128) + ")";
    }
    return "see volutil's message";
  }
}
