package io.codarestore.core;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Widens Linux pipes to {@link #WANTED} bytes ({@code fcntl F_SETPIPE_SZ}, through JNA: Java has no
 * API for it). A pipe holds 64 KiB by default, so a program writing a dump into one and a reader
 * passing it on take turns 64 KiB at a time, with a wake-up for each; with 1 MiB pipes on both
 * sides of amcoda's backup data path (volutil's output and Amanda's fd 1) the three processes run
 * side by side and the path costs less than {@code cat | cat} (README, "Performance of the backup
 * side").
 *
 * <p>Best effort, never an error: on another system, when the native library cannot be loaded (no
 * writable temporary directory), for a descriptor that is not a pipe, or beyond the user's pipe
 * quota, the pipe stays as it is and the data path is only slower. Nothing is printed.
 */
public final class PipeCapacity {
  private PipeCapacity() {}

  /** The size asked for: Linux's default ceiling for an unprivileged process. */
  public static final int WANTED = 1 << 20;

  private static final int F_SETPIPE_SZ = 1031;
  private static final int F_GETPIPE_SZ = 1032;
  private static final int O_RDONLY = 0;
  private static final int O_NONBLOCK = 04000;
  private static final int O_CLOEXEC = 02000000;

  /** The three C functions used. */
  interface LibC extends Library {
    int fcntl(int fd, int cmd, int arg);

    int open(String path, int flags);

    int close(int fd);
  }

  /** The C library, loaded on first use; null when it cannot be (then nothing is widened). */
  private static final class Holder {
    static final LibC C = load();

    private static LibC load() {
      if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
        return null;
      }
      // JNA unpacks its native part into ~/.cache unless told otherwise; Amanda's user may have no
      // writable home, while the temporary directory is writable everywhere.
      if (System.getProperty("jna.tmpdir") == null) {
        System.setProperty("jna.tmpdir", System.getProperty("java.io.tmpdir", "/tmp"));
      }
      try {
        return Native.load("c", LibC.class);
      } catch (LinkageError | RuntimeException e) {
        return null;
      }
    }
  }

  /** Whether pipes can be widened here (loads the native library on the first call). */
  public static boolean available() {
    return Holder.C != null;
  }

  /**
   * Widens the pipe open as descriptor {@code fd}; returns its size afterwards, or -1 when {@code
   * fd} is not a pipe or nothing can be done here.
   */
  public static int widen(int fd) {
    LibC c = Holder.C;
    if (c == null) {
      return -1;
    }
    try {
      c.fcntl(fd, F_SETPIPE_SZ, WANTED); // refused beyond the quota: the size read below says so
      return c.fcntl(fd, F_GETPIPE_SZ, 0);
    } catch (LinkageError | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Widens the named pipe {@code fifo}, which this process holds open (a pipe's size lives as long
   * as one of its ends is open): opens it once more without waiting, widens it, closes that
   * descriptor. Returns the size, or -1 as {@link #widen(int)}.
   */
  public static int widen(Path fifo) {
    LibC c = Holder.C;
    if (c == null) {
      return -1;
    }
    try {
      int fd = c.open(fifo.toString(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0) {
        return -1;
      }
      try {
        return widen(fd);
      } finally {
        c.close(fd);
      }
    } catch (LinkageError | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Widens descriptor {@code fd} from a background thread, so that loading the native library
   * (50–75 ms in a fresh JVM) overlaps with what the caller does meanwhile.
   */
  public static void widenInBackground(int fd) {
    Thread t = new Thread(() -> widen(fd), "pipe-capacity");
    t.setDaemon(true);
    t.start();
  }
}
