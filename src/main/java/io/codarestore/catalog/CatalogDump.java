package io.codarestore.catalog;

import io.codarestore.amanda.Crc;
import io.codarestore.amanda.DumpStatus;
import io.codarestore.amanda.FetchRequest;
import io.codarestore.amanda.PartLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dump as the catalog holds it: what one log recorded about (host, volume, datestamp, level),
 * with every part written (broken ones included) and each part's tape state.
 *
 * @param compression Amanda's suffix ({@code .gz}, {@code N} = none) or null if unknown
 * @param logFile the log file (relative to the logdir, e.g. {@code oldlog/log.20240301002500.0})
 */
public record CatalogDump(
    long id,
    String host,
    String volume,
    String datestamp,
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
    List<CatalogPart> parts) {
  public CatalogDump {
    parts = List.copyOf(parts);
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

  /** What a fetcher needs to read this dump: its good parts in order and the logged CRCs. */
  public FetchRequest toFetchRequest() {
    List<PartLocation> locations = new ArrayList<>();
    for (CatalogPart p : goodParts()) {
      locations.add(new PartLocation(p.partNumber(), p.label(), p.fileNumber(), p.bytes()));
    }
    return new FetchRequest(
        host, volume, datestamp, level, locations, crc(nativeCrc), crc(serverCrc));
  }

  private static Crc crc(String text) {
    return text == null ? Crc.UNKNOWN : Crc.parse(text);
  }

  /** The planner's view of this dump. */
  public DumpSummary summary() {
    return new DumpSummary(
        id, datestamp, level, status, onHoldingDisk, DumpSummary.tapesOf(goodParts()));
  }

  /** Whether the whole dump can still be read from tape, and if not, why. */
  public Availability availability() {
    if (!status.isGood()) {
      String why = "the dump " + (status == DumpStatus.FAILED ? "failed" : "is partial");
      return new Availability(false, detail == null ? why : why + ": " + firstLine(detail));
    }
    if (onHoldingDisk) {
      return new Availability(
          false, "the dump is only on the holding disk (not flushed to tape in this log)");
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
