package io.codarestore.core;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one way this program runs another: volutil, amfetchdump, createvol_rep, cfs. An argument
 * array (never a shell); standard input is {@code /dev/null} (never a pipe the program could wait
 * on, and never a closed descriptor: a real volutil opening {@code -f FILE} would get fd 0 and
 * assert); standard output and error drained concurrently so neither can fill and block the child;
 * the last lines of each kept for the error the user sees; an optional time limit for commands that
 * must answer quickly; and a stop that ends the process and its descendants within {@link
 * #STOP_GRACE} plus a moment, on cancel, on a time-out, or when the JVM shuts down (Ctrl-C,
 * SIGTERM, SIGHUP).
 */
public final class ExternalProgram {
  /** How long a stopped program gets to exit after SIGTERM before it is killed. */
  public static final Duration STOP_GRACE = Duration.ofMillis(800);

  /** How many of the last lines of each stream are kept. */
  public static final int KEPT_LINES = 200;

  private static final int MAX_LINE = 8192;
  private static final long POLL_MILLIS = 50;

  /**
   * Processes still running, so that a JVM shutdown (a signal) takes them with it. This is the one
   * piece of static state: the processes of a JVM are themselves global.
   */
  private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (ProcessHandle p : List.copyOf(LIVE)) {
                    stopTree(p);
                  }
                },
                "stop-external-programs"));
  }

  private final List<String> argv;
  private Duration timeout;
  private Cancellation cancel = Cancellation.none();
  private Consumer<String> onLine = line -> {};
  private Path directory;
  private final Map<String, String> environment = new LinkedHashMap<>();

  private ExternalProgram(List<String> argv) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("no program given");
    }
    for (String a : argv) {
      Objects.requireNonNull(a, "argument");
    }
    this.argv = List.copyOf(argv);
  }

  /** A program and its arguments, e.g. {@code of(List.of("volutil", "-h", host, "info", id))}. */
  public static ExternalProgram of(List<String> argv) {
    return new ExternalProgram(argv);
  }

  /** The program is stopped and {@link TimedOut} thrown when it runs longer than this. */
  public ExternalProgram timeout(Duration limit) {
    this.timeout = limit;
    return this;
  }

  /** Cancel stops the program (and its descendants) and throws {@code CancelledException}. */
  public ExternalProgram cancel(Cancellation c) {
    this.cancel = Objects.requireNonNull(c);
    return this;
  }

  /** Every line of standard output and error, as it arrives (from a drain thread). */
  public ExternalProgram onLine(Consumer<String> consumer) {
    this.onLine = Objects.requireNonNull(consumer);
    return this;
  }

  public ExternalProgram directory(Path dir) {
    this.directory = dir;
    return this;
  }

  /** Adds or replaces one environment variable of the child. */
  public ExternalProgram env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public List<String> argv() {
    return argv;
  }

  /** What the program printed and returned. */
  public record Result(
      List<String> argv, int exitStatus, List<String> stdout, List<String> stderr) {
    public Result {
      argv = List.copyOf(argv);
      stdout = List.copyOf(stdout);
      stderr = List.copyOf(stderr);
    }

    public boolean succeeded() {
      return exitStatus == 0;
    }

    /** The last {@code n} non-blank lines of stderr, else of stdout: the program's own words. */
    public List<String> lastLines(int n) {
      List<String> src = nonBlank(stderr).isEmpty() ? nonBlank(stdout) : nonBlank(stderr);
      return src.subList(Math.max(0, src.size() - n), src.size());
    }

    private static List<String> nonBlank(List<String> lines) {
      return lines.stream().filter(l -> !l.isBlank()).toList();
    }
  }

  /** The program could not be started (not found, not executable). */
  public static final class NotStarted extends UserFacingException {
    private static final long serialVersionUID = 1L;
    private final String program;

    NotStarted(String program, IOException cause) {
      super("cannot run " + program + ": " + reason(cause), cause);
      this.program = program;
    }

    public String program() {
      return program;
    }

    private static String reason(IOException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("error=2,")) {
        return "not found (install it or give its full path)";
      }
      if (m.contains("error=13,")) {
        return "permission denied (not executable)";
      }
      return m;
    }
  }

  /** The program ran longer than its time limit and was stopped. */
  public static final class TimedOut extends UserFacingException {
    private static final long serialVersionUID = 1L;
    private final transient Result partial;

    TimedOut(String program, Duration limit, Result partial) {
      super(program + " did not answer within " + limit.toSeconds() + " s and was stopped");
      this.partial = partial;
    }

    public Result partial() {
      return partial;
    }
  }

  /**
   * Runs the program to its end and returns what it printed, whatever its exit status; see {@link
   * #runChecked()} for a run where a non-zero status is an error.
   */
  public Result run() {
    Running r = start(false, null, null);
    return r.await();
  }

  /** Runs the program; a non-zero exit status throws {@link Failed} with its last lines. */
  public Result runChecked() {
    Result r = run();
    if (!r.succeeded()) {
      throw new Failed(r);
    }
    return r;
  }

  /**
   * Starts the program with its standard output left to the caller ({@link Running#stdout()}), e.g.
   * to stream a dump; standard error is drained and kept.
   */
  public Running startStreaming() {
    return start(true, null, null);
  }

  /**
   * As {@link #startStreaming}, with standard output read as a channel ({@link
   * Running#stdoutChannel()}) so that it can be read into a direct buffer with no copy through the
   * Java heap (a dump of gigabytes passed on to another descriptor). The program writes to a named
   * pipe made for this run in a private temporary directory and removed as soon as the program has
   * it open; only the two descriptors remain. Unix only ({@code mkfifo}).
   */
  public Running startStreamingChannel() {
    return NamedPipe.startWithOutput(
        argv.get(0), (fifo, read) -> start(true, ProcessBuilder.Redirect.to(fifo.toFile()), read));
  }

  /** A program that exited with a non-zero status. */
  public static final class Failed extends UserFacingException {
    private static final long serialVersionUID = 1L;
    private final transient Result result;

    public Failed(Result r) {
      super(describe(r));
      this.result = r;
    }

    public Result result() {
      return result;
    }

    private static String describe(Result r) {
      List<String> last = r.lastLines(3);
      return r.argv().get(0)
          + " "
          + (r.argv().size() > 1 ? subcommand(r.argv()) + " " : "")
          + "failed (exit "
          + r.exitStatus()
          + ")"
          + (last.isEmpty() ? "" : ": " + String.join(" / ", last));
    }

    private static String subcommand(List<String> argv) {
      for (int i = 1; i < argv.size(); i++) {
        String a = argv.get(i);
        if (a.equals("-h") || a.equals("-r") || a.equals("-t") || a.equals("-d")) {
          i++;
        } else if (!a.startsWith("-")) {
          return a;
        }
      }
      return "";
    }
  }

  private Running start(
      boolean streaming, ProcessBuilder.Redirect stdout, ReadableByteChannel channel) {
    ProcessBuilder pb =
        new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    if (stdout != null) {
      pb.redirectOutput(stdout);
    }
    if (directory != null) {
      pb.directory(directory.toFile());
    }
    pb.environment().putAll(environment);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new NotStarted(argv.get(0), e);
    }
    return new Running(this, p, streaming, channel);
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /** A started program. */
  public static final class Running implements AutoCloseable {
    private final ExternalProgram spec;
    private final Process process;
    private final Tail out = new Tail();
    private final Tail err = new Tail();
    private final Thread outDrain;
    private final Thread errDrain;
    private final long deadline;
    private final ReadableByteChannel channel;

    private Running(
        ExternalProgram spec, Process process, boolean streaming, ReadableByteChannel channel) {
      this.spec = spec;
      this.process = process;
      this.channel = channel;
      LIVE.add(process.toHandle());
      this.deadline =
          spec.timeout == null ? Long.MAX_VALUE : System.nanoTime() + spec.timeout.toNanos();
      this.errDrain = drain(process.getErrorStream(), err, "stderr");
      this.outDrain = streaming ? null : drain(process.getInputStream(), out, "stdout");
    }

    private Thread drain(InputStream in, Tail tail, String which) {
      Thread t =
          new Thread(
              () ->
                  readLines(
                      in,
                      line -> {
                        tail.add(line);
                        spec.onLine.accept(line);
                      }),
              spec.argv.get(0) + "-" + which);
      t.setDaemon(true);
      t.start();
      return t;
    }

    /** The program's standard output, for a streaming run. */
    public InputStream stdout() {
      if (outDrain != null || channel != null) {
        throw new IllegalStateException("standard output is not a stream of this run");
      }
      return process.getInputStream();
    }

    /** The program's standard output, for a run started by {@link #startStreamingChannel}. */
    public ReadableByteChannel stdoutChannel() {
      if (channel == null) {
        throw new IllegalStateException("standard output is not a channel of this run");
      }
      return channel;
    }

    public Process process() {
      return process;
    }

    /**
     * Waits for the program to end, checking cancel and the time limit; returns what it printed.
     */
    public Result await() {
      try {
        while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          if (spec.cancel.isCancelled()) {
            stop();
            throw new Cancellation.CancelledException();
          }
          if (System.nanoTime() > deadline) {
            stop();
            throw new TimedOut(spec.argv.get(0), spec.timeout, result(-1));
          }
        }
        join(errDrain);
        join(outDrain);
        return result(process.exitValue());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
        throw new Cancellation.CancelledException();
      } finally {
        LIVE.remove(process.toHandle());
      }
    }

    private Result result(int status) {
      return new Result(spec.argv, status, out.lines(), err.lines());
    }

    private static void join(Thread t) throws InterruptedException {
      if (t != null) {
        t.join(2000);
      }
    }

    /** Stops the program and its descendants: SIGTERM, then SIGKILL after a short grace. */
    public void stop() {
      stopTree(process.toHandle());
      LIVE.remove(process.toHandle());
    }

    /** Stops the program if it still runs; closes its output channel, if any. */
    @Override
    public void close() {
      if (process.isAlive()) {
        stop();
      }
      LIVE.remove(process.toHandle());
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          // nothing more is read from it
        }
      }
    }
  }

  /** Ends a process and its descendants: all get SIGTERM, whoever is left SIGKILL. */
  static void stopTree(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>();
    root.descendants().forEach(all::add);
    all.add(root);
    all.forEach(ProcessHandle::destroy);
    long until = System.nanoTime() + STOP_GRACE.toNanos();
    for (ProcessHandle h : all) {
      long left = until - System.nanoTime();
      if (left > 0) {
        try {
          h.onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (Exception e) {
          // still alive: killed below
        }
      }
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static void readLines(InputStream in, Consumer<String> sink) {
    byte[] buf = new byte[8192];
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n') {
            sink.accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
          } else if (line.size() < MAX_LINE) {
            line.write(b);
          }
        }
      }
      if (line.size() > 0) {
        sink.accept(line.toString(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the stream closed under us (the process was stopped): what was read is kept
    }
  }

  /** The last {@link #KEPT_LINES} lines of a stream, thread safe. */
  private static final class Tail {
    private final Deque<String> lines = new ArrayDeque<>();

    synchronized void add(String line) {
      if (lines.size() == KEPT_LINES) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }

    synchronized List<String> lines() {
      return new ArrayList<>(lines);
    }
  }
}
