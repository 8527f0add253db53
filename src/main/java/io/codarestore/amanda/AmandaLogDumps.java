package io.codarestore.amanda;

import io.codarestore.amanda.AmandaLogRecord.ChunkerResult;
import io.codarestore.amanda.AmandaLogRecord.DumperResult;
import io.codarestore.amanda.AmandaLogRecord.Failure;
import io.codarestore.amanda.AmandaLogRecord.PartWritten;
import io.codarestore.amanda.AmandaLogRecord.TaperResult;
import io.codarestore.amanda.AmandaLogRecord.TaperStart;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the records of one run log into dumps. The status follows Amanda's catalog (find.c), not
 * the dumper: the taper's DONE makes a dump OK if all its parts are logged; PARTIAL taper, a
 * missing part or parts without any DONE line make it PARTIAL; a FAIL with nothing on tape makes it
 * FAILED. A STRANGE dumper only adds warnings.
 */
final class AmandaLogDumps {
  private AmandaLogDumps() {}

  private record Key(String host, String disk, String datestamp, int level) {}

  static List<AmandaLogDump> collect(AmandaLog log) {
    Map<Key, Attempt> latest = new HashMap<>();
    List<Attempt> all = new ArrayList<>();
    Map<String, String> tapeDatestamps = new HashMap<>();
    for (AmandaLogRecord r : log.records()) {
      if (r instanceof TaperStart s) {
        tapeDatestamps.put(s.label(), s.datestamp());
      } else if (r instanceof DumperResult d) {
        Attempt a = attempt(latest, all, d.host(), d.disk(), d.datestamp(), d.level(), d.line());
        if (a.closed && (a.dumper != null || !a.failures.isEmpty())) {
          a = fresh(latest, all, a, d.line());
        }
        a.dumper = d;
      } else if (r instanceof ChunkerResult c) {
        Attempt a = attempt(latest, all, c.host(), c.disk(), c.datestamp(), c.level(), c.line());
        if (a.closed && a.chunker != null) {
          a = fresh(latest, all, a, c.line());
        }
        a.chunker = c;
      } else if (r instanceof Failure f) {
        Attempt a = attempt(latest, all, f.host(), f.disk(), f.datestamp(), f.level(), f.line());
        if (a.closed) {
          a = fresh(latest, all, a, f.line());
        }
        a.failures.add(f);
      } else if (r instanceof PartWritten p) {
        Attempt a = attempt(latest, all, p.host(), p.disk(), p.datestamp(), p.level(), p.line());
        if (a.closed) {
          a = fresh(latest, all, a, p.line());
        }
        String tapeDs = tapeDatestamps.getOrDefault(p.label(), p.datestamp());
        a.parts.add(
            new AmandaLogPart(
                p.partNumber(),
                p.label(),
                p.fileNumber(),
                tapeDs,
                p.stats().bytes(),
                p.broken(),
                p.error()));
      } else if (r instanceof TaperResult t) {
        Attempt a = attempt(latest, all, t.host(), t.disk(), t.datestamp(), t.level(), t.line());
        if (a.closed) {
          a = fresh(latest, all, a, t.line());
        }
        a.taper = t;
        a.closed = true;
      }
    }
    List<AmandaLogDump> out = new ArrayList<>(all.size());
    for (Attempt a : all) {
      out.add(a.toDump());
    }
    return out;
  }

  private static Attempt attempt(
      Map<Key, Attempt> latest,
      List<Attempt> all,
      String host,
      String disk,
      String ds,
      int level,
      int line) {
    Key k = new Key(host, disk, ds, level);
    Attempt a = latest.get(k);
    if (a == null) {
      a = new Attempt(k, line);
      latest.put(k, a);
      all.add(a);
    }
    return a;
  }

  private static Attempt fresh(Map<Key, Attempt> latest, List<Attempt> all, Attempt old, int line) {
    Attempt a = new Attempt(old.key, line);
    latest.put(old.key, a);
    all.add(a);
    return a;
  }

  private static final class Attempt {
    final Key key;
    final int line;
    DumperResult dumper;
    ChunkerResult chunker;
    TaperResult taper;
    final List<Failure> failures = new ArrayList<>(1);
    final List<AmandaLogPart> parts = new ArrayList<>();
    boolean closed;

    Attempt(Key key, int line) {
      this.key = key;
      this.line = line;
    }

    AmandaLogDump toDump() {
      List<String> notes = notes();
      boolean strange = dumper != null && dumper.strange();
      int partCount = taper == null ? -1 : taper.parts();
      Outcome outcome = outcome(notes, partCount, strange);
      DumpStatus status = outcome.status();
      boolean holding = outcome.holding();
      String nativeCrc = firstNonNull(taper == null ? null : taper.nativeCrc(), dumperNative());
      String clientCrc = firstNonNull(taper == null ? null : taper.clientCrc(), dumperClient());
      String serverCrc =
          firstNonNull(
              taper == null ? null : taper.serverCrc(),
              chunker == null ? null : chunker.serverCrc());
      long bytes = taper == null || holding ? -1 : taper.stats().bytes();
      if (holding) {
        Crc stored = serverCrc == null ? null : Crc.parse(serverCrc);
        bytes = Crc.isKnown(stored) ? stored.length() : -1;
      } else if (bytes < 0 && !parts.isEmpty()) {
        bytes = goodPartBytes();
      }
      long holdingKb = holding ? chunker.stats().kb() : -1;
      long origKb = taper != null && taper.stats().origKb() > 0 ? taper.stats().origKb() : -1;
      if (origKb < 0 && dumper != null) {
        origKb = dumper.stats().origKb();
      }
      return new AmandaLogDump(
          key.host(),
          key.disk(),
          key.datestamp(),
          key.level(),
          status,
          parts,
          partCount,
          bytes,
          origKb,
          nativeCrc,
          clientCrc,
          serverCrc,
          holding,
          holdingKb,
          notes.isEmpty() ? null : String.join("\n", notes),
          line);
    }

    /** The FAIL reasons and the "?" lines of FAIL and STRANGE records, in log order. */
    private List<String> notes() {
      List<String> notes = new ArrayList<>();
      for (Failure f : failures) {
        notes.add("FAIL " + f.program() + ": " + f.reason());
        for (String m : f.messages()) {
          if (m.startsWith("?")) {
            notes.add(m);
          }
        }
      }
      if (dumper != null && dumper.strange()) {
        for (String m : dumper.messages()) {
          if (m.startsWith("?")) {
            notes.add(m);
          }
        }
      }
      return notes;
    }

    /** A dump's status and whether it stayed on the holding disk. */
    private record Outcome(DumpStatus status, boolean holding) {}

    /**
     * Decides the dump's status from the records seen for it; adds the reason, when there is one,
     * at the front of {@code notes}.
     */
    private Outcome outcome(List<String> notes, int partCount, boolean strange) {
      boolean holding = false;
      DumpStatus status;
      // The whole dump reached the holding disk; the driver keeps it there until it is on tape.
      boolean onHoldingDisk =
          dumper != null && chunker != null && !chunker.partial() && !failedOtherThanTaper();
      String missing = taper != null && !taper.partial() ? missingParts(partCount) : "";
      if (taper != null && !taper.partial() && missing == null) {
        status = strange ? DumpStatus.OK_WITH_WARNINGS : DumpStatus.OK;
      } else if (onHoldingDisk) {
        // Taping failed or never happened (no tape, amdump --no-taper, taper errors): the dump
        // is still whole on the holding disk, to be flushed later.
        status = strange ? DumpStatus.OK_WITH_WARNINGS : DumpStatus.OK;
        holding = true;
        String taping = tapingProblem(missing);
        if (taping != null) {
          notes.add(0, taping + "; the whole dump stayed on the holding disk");
        }
      } else if (taper != null && !taper.partial()) {
        status = DumpStatus.PARTIAL;
        notes.add(0, missing);
      } else if (taper != null) {
        status = DumpStatus.PARTIAL;
        notes.add(0, "the taper wrote PARTIAL: only part of the dump is on tape");
      } else if (!parts.isEmpty()) {
        status = DumpStatus.PARTIAL;
        notes.add(0, "parts were written but no DONE taper line follows (run cut short?)");
      } else if (!failures.isEmpty()) {
        status = DumpStatus.FAILED;
      } else if (chunker != null && chunker.partial()) {
        status = DumpStatus.PARTIAL;
        notes.add(0, "only a partial image reached the holding disk");
      } else {
        status = DumpStatus.FAILED;
        notes.add(0, "the dump never reached the holding disk or tape");
      }
      return new Outcome(status, holding);
    }

    private boolean failedOtherThanTaper() {
      for (Failure f : failures) {
        if (!isTapingFailure(f)) {
          return true;
        }
      }
      return false;
    }

    /**
     * A failure to write the dump to tape: the taper's own, or the driver's "too many taper
     * retries" (driver.c). The driver deletes a dump's holding file only after the taper's DONE.
     */
    private static boolean isTapingFailure(Failure f) {
      return "taper".equals(f.program())
          || ("driver".equals(f.program()) && f.reason() != null && f.reason().contains("taper"));
    }

    /** What went wrong writing a dump to tape that is whole on the holding disk, or null. */
    private String tapingProblem(String missing) {
      for (Failure f : failures) {
        if (isTapingFailure(f)) {
          return "writing it to tape failed (see the FAIL line)";
        }
      }
      if (taper != null && taper.partial()) {
        return "the taper wrote PARTIAL: only part of the dump is on tape";
      }
      if (taper != null && missing != null) {
        return missing;
      }
      if (!parts.isEmpty()) {
        return "parts were written but no DONE taper line follows";
      }
      return null;
    }

    private String missingParts(int count) {
      if (count < 1) {
        return "the DONE line gives " + count + " parts";
      }
      BitSet seen = new BitSet(count + 1);
      for (AmandaLogPart p : parts) {
        if (!p.broken() && p.partNumber() <= count) {
          seen.set(p.partNumber());
        }
      }
      int missing = seen.nextClearBit(1);
      if (missing <= count) {
        return "part " + missing + " of " + count + " is not in the log (no PART line)";
      }
      return null;
    }

    private long goodPartBytes() {
      long sum = 0;
      for (AmandaLogPart p : parts) {
        if (!p.broken() && p.bytes() > 0) {
          sum += p.bytes();
        }
      }
      return sum;
    }

    private String dumperNative() {
      return dumper == null ? null : dumper.nativeCrc();
    }

    private String dumperClient() {
      return dumper == null ? null : dumper.clientCrc();
    }

    private static String firstNonNull(String a, String b) {
      return a != null ? a : b;
    }
  }
}
