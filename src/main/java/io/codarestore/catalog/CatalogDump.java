package io.codarestore.catalog;

import io.codarestore.amanda.Crc;
import io.codarestore.amanda.DumpStatus;
import io.codarestore.amanda.FetchRequest;
import io.codarestore.amanda.HoldingLocation;
import io.codarestore.amanda.PartLocation;
import io.codarestore.core.Datestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dump as the catalog holds it: what one log recorded about (host, volume, datestamp, level),
 * with every part written (broken ones included) and each part's tape state, or, for a dump the log
 * leaves on the holding disk, what the last import found there.
 *
 * @param compression Amanda's suffix ({@code .gz}, {@code N} = none) or null if unknown
 * @param onHoldingDisk the log leaves the whole dump on the holding disk (not on tape)
 * @param logFile the log file (relative to the logdir, e.g. {@code oldlog/log.20240301002500.0})
 * @param holding what the last import found on the holding disk; null unless {@code onHoldingDisk}
 */
public record CatalogDump(
    long id,
    String host,
    String volume,
    Datestamp datestamp,
    int level,
    DumpStatus status,
    int partCount,
    long bytes,
    long origKb,
    String nativeCrc,
    String clientCrc,
    String serverCrc,
    String compression,
    boolean onHoldingDisk,
    String detail,
    String logFile,
    int logLine,
    List<CatalogPart> parts,
    HoldingCopy holding) {

  /** What the logs say about this dump, in the catalog's words. */
  public DumpState state() {
    return DumpState.of(status);
  }

  public CatalogDump {
    parts = List.copyOf(parts);
  }

  /** True when the dump is read from its files on the holding disk (not from tape). */
  public boolean readFromHoldingDisk() {
    return onHoldingDisk && holding != null && holding.readable();
  }

  /**
   * The parts to read, in part order: for each number 1..partCount the last good (not broken) PART
   * of the log. Missing numbers are left out; {@link #availability()} reports them.
   */
  public List<CatalogPart> goodParts() {
    Map<Integer, CatalogPart> byNumber = new LinkedHashMap<>();
    for (CatalogPart p : parts) {
      if (!p.broken() && p.partNumber() >= 1 && p.partNumber() <= partCount) {
        byNumber.put(p.partNumber(), p);
      }
    }
    List<CatalogPart> out = new ArrayList<>(partCount > 0 ? partCount : 0);
    for (int n = 1; n <= partCount; n++) {
      CatalogPart p = byNumber.get(n);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Where the dump is read from, for people: {@code CODA-01 file 5, CODA-02 file 1}, or {@code
   * holding disk /hold/20240311084900/localhost.u.alice.2 (3 chunks)}.
   */
  public String whereToRead() {
    if (onHoldingDisk && holding != null && !holding.chunks().isEmpty()) {
      int n = holding.chunks().size();
      return "holding disk "
          + holding.chunks().get(0).file()
          + (n == 1 ? "" : " (" + n + " chunks)");
    }
    if (onHoldingDisk) {
      return "holding disk";
    }
    List<String> out = new ArrayList<>();
    for (CatalogPart p : goodParts()) {
      out.add(p.label() + " file " + p.fileNumber());
    }
    return String.join(", ", out);
  }

  /**
   * What a fetcher needs to read this dump: its good parts in order (or its chunks on the holding
   * disk) and the logged CRCs.
   */
  public FetchRequest toFetchRequest() {
    List<PartLocation> locations = new ArrayList<>();
    List<HoldingLocation> chunks = new ArrayList<>();
    if (onHoldingDisk && holding != null) {
      for (HoldingCopy.Chunk c : holding.chunks()) {
        chunks.add(new HoldingLocation(c.number(), c.file(), c.bytes()));
      }
    } else {
      for (CatalogPart p : goodParts()) {
        locations.add(new PartLocation(p.partNumber(), p.label(), p.fileNumber(), p.bytes()));
      }
    }
    return new FetchRequest(
        host, volume, datestamp.digits(), level, locations, crc(nativeCrc), crc(serverCrc), chunks);
  }

  private static Crc crc(String text) {
    return text == null ? Crc.UNKNOWN : Crc.parse(text);
  }

  /** The planner's view of this dump. */
  public CatalogDumpSummary summary() {
    return new CatalogDumpSummary(
        id,
        datestamp,
        level,
        status,
        onHoldingDisk,
        readFromHoldingDisk(),
        CatalogDumpSummary.tapesOf(goodParts()));
  }

  /**
   * Whether the whole dump can still be read (from tape, or complete on the holding disk), and if
   * not, why.
   */
  public Availability availability() {
    if (!status.isGood()) {
      String why = "the dump " + (status == DumpStatus.FAILED ? "failed" : "is partial");
      return new Availability(false, detail == null ? why : why + ": " + firstLine(detail));
    }
    if (onHoldingDisk) {
      if (readFromHoldingDisk()) {
        return new Availability(true, null);
      }
      String why =
          holding == null || holding.problem() == null
              ? "its files were not looked for (re-import the catalog)"
              : holding.problem();
      return new Availability(
          false,
          "the dump is only on the holding disk (not on tape in this log), and cannot be read"
              + " there: "
              + why);
    }
    List<CatalogPart> good = goodParts();
    if (partCount < 1 || good.size() != partCount) {
      return new Availability(false, "parts are missing from the log");
    }
    // Group problems per tape so a 5-part dump on one overwritten tape gives one sentence.
    Map<String, List<Integer>> byProblem = new LinkedHashMap<>();
    for (CatalogPart p : good) {
      String problem = p.problem();
      if (problem != null) {
        byProblem.computeIfAbsent(problem, k -> new ArrayList<>()).add(p.partNumber());
      }
    }
    if (byProblem.isEmpty()) {
      return new Availability(true, null);
    }
    List<String> sentences = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : byProblem.entrySet()) {
      List<Integer> nums = e.getValue();
      String which =
          nums.size() == partCount
              ? (partCount == 1 ? "the only part" : "all " + partCount + " parts")
              : (nums.size() == 1 ? "part " : "parts ") + join(nums) + " of " + partCount;
      sentences.add(which + ": " + e.getKey());
    }
    return new Availability(false, String.join("; ", sentences));
  }

  /** Whether a dump can be read, and the reason when it cannot. */
  public record Availability(boolean readable, String reason) {}

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String join(List<Integer> nums) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < nums.size(); i++) {
      if (i > 0) {
        sb.append(i == nums.size() - 1 ? " and " : ", ");
      }
      sb.append(nums.get(i));
    }
    return sb.toString();
  }
}
